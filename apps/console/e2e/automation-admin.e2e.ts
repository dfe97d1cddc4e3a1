import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { ADMIN } from './support/api-server';
import { PHONE, screenshot, signIn } from './support/browser';
import { eventually, startEnvironment, type Environment } from './support/environment';

/**
 * An admin writes an automation rule in the console (message contains "refund" → tag it and
 * give it to Ana), tests it against the open tickets first, and saves it. A customer then writes
 * about a refund through the API channel on a ticket Ana has open: the tag and the assignment
 * appear in her console without a reload, her bell lights up, and the rule's run log says so.
 */
let env: Environment;
let admin: Page;
let ana: Page;
let earlierRefund = { ticketId: '', number: 0 };
let ticketId = '';
const THREAD = 'order-7731';

beforeAll(async () => {
  env = await startEnvironment();
  const { account } = env.seeded;
  const earlier = await env.rest.inbound(account, {
    handle: 'rita@example.com',
    name: 'Rita Jones',
    subject: 'Broken blender',
    text: 'The blender arrived broken; I would like a refund.',
  });
  const adminToken = await env.rest.login(ADMIN.email, ADMIN.password);
  const detail = await env.rest.ok('GET', `/api/tickets/${earlier.ticketId}`, { token: adminToken });
  earlierRefund = { ticketId: earlier.ticketId, number: detail.number };
  ticketId = (
    await env.rest.inbound(account, {
      handle: 'kim@example.com',
      name: 'Kim Park',
      subject: 'Kettle order',
      text: 'Hello, a question about my kettle order.',
      threadKey: THREAD,
    })
  ).ticketId;
  admin = await (await env.browser.context(env.api.url)).newPage();
  ana = await (await env.browser.context(env.api.url)).newPage();
}, 180_000);

afterAll(async () => {
  await env?.stop();
}, 60_000);

describe('an admin automates refunds in the console', () => {
  it('builds the rule, tests it against open tickets and saves it', async () => {
    await signIn(admin, ADMIN.email, ADMIN.password);
    await admin.goto('/#/admin/rules');
    await admin.getByRole('button', { name: 'New rule' }).click();
    const form = admin.getByRole('form', { name: 'New rule' });
    await form.getByLabel('Name').fill('Refunds to Ana');
    await expect(form.getByRole('checkbox', { name: 'Customer message received' }).isChecked()).resolves.toBe(
      true,
    );
    await form.getByRole('button', { name: 'Add a condition' }).click();
    await expect(form.getByLabel('All, condition 1: field').inputValue()).resolves.toBe('body');
    await form.getByLabel('All, condition 1: operator').selectOption({ label: 'contains' });
    await form.getByLabel('All, condition 1: value').fill('refund');

    await form.getByRole('button', { name: 'Test against open tickets' }).click();
    const matches = form.getByRole('list', { name: 'Matching open tickets' });
    await matches.getByRole('link', { name: `#${earlierRefund.number}` }).waitFor();
    await expect(matches.getByRole('listitem').count()).resolves.toBe(1);
    await form.getByText(/^1 of 2 open tickets matches/).waitFor();

    await form.getByLabel('Action 1: tags').fill('refund');
    await form.getByRole('button', { name: 'Add an action' }).click();
    await form.getByLabel('Action 2: what').selectOption({ label: 'Assign to' });
    await form.getByLabel('Action 2: assignee').selectOption({ label: 'Ana Agent' });
    await form.getByRole('button', { name: 'Save' }).click();

    const list = admin.getByRole('list', { name: 'Rules in the order they run' });
    await list.getByText('Refunds to Ana').waitFor();
    await expect(list.getByRole('checkbox', { name: 'Refunds to Ana is active' }).isChecked()).resolves.toBe(
      true,
    );
    const token = await env.rest.login(ADMIN.email, ADMIN.password);
    const [rule] = (await env.rest.ok('GET', '/api/admin/rules', { token })).items;
    expect(rule).toMatchObject({
      name: 'Refunds to Ana',
      trigger: 'event',
      events: ['message.received'],
      conditions: { all: [{ field: 'body', op: 'contains', value: 'refund' }] },
      actions: [
        { type: 'add_tags', tags: ['refund'] },
        { type: 'assign', agentId: env.seeded.ana.id },
      ],
      active: true,
    });
  });

  it("tags and assigns the customer's refund message live in Ana's console, and lights her bell", async () => {
    await signIn(ana, env.seeded.ana.email, env.seeded.ana.password);
    await ana.evaluate((id) => (window.location.hash = `/tickets/${id}`), ticketId);
    const tags = ana.getByRole('list', { name: 'Tags' });
    await ana.getByRole('button', { name: 'Assign to me' }).waitFor();
    await expect(tags.getByRole('listitem').count()).resolves.toBe(0);
    const bell = ana.getByRole('button', { name: /^Notifications/ });
    const unreadBefore = Number((await bell.getAttribute('aria-label'))?.match(/(\d+) unread/)?.[1] ?? 0);

    await env.rest.inbound(env.seeded.account, {
      handle: 'kim@example.com',
      name: 'Kim Park',
      text: 'Actually the kettle leaks, so I want a refund.',
      threadKey: THREAD,
    });

    // Rules run from the committed outbox, whose horizon is the server's oldest open transaction:
    // on a database server shared with long bulk loads the reaction can lag, so this wait is long.
    await tags
      .getByRole('listitem')
      .filter({ hasText: /^refund/ })
      .waitFor({ timeout: 90_000 });
    await ana.getByRole('button', { name: 'Assign to me' }).waitFor({ state: 'detached' });
    // Her "Mine" queue beside the ticket now lists it, and the bell counts the assignment.
    await ana.getByTestId('ticket-row').filter({ hasText: 'Kettle order' }).waitFor();
    await ana.getByRole('button', { name: `Notifications, ${unreadBefore + 1} unread` }).waitFor();
    await bell.click();
    await ana
      .getByRole('list', { name: 'Your notifications' })
      .getByRole('listitem')
      .filter({ hasText: /assigned #\d+ Kettle order to you/ })
      .waitFor();
    await screenshot(ana, 'automation-rule-applied');

    await admin.getByRole('button', { name: 'Run log of Refunds to Ana' }).click();
    const runs = admin.getByRole('list', { name: 'What Refunds to Ana did' });
    await runs.getByText('applied').waitFor();
    const number = (await env.rest.ok('GET', `/api/tickets/${ticketId}`, { token: env.seeded.ana.token }))
      .number;
    await runs.getByRole('link', { name: `#${number}` }).waitFor();
    // The earlier ticket was never touched: the rule reacts to new messages only.
    const earlier = await eventually('the earlier ticket', () =>
      env.rest.ok('GET', `/api/tickets/${earlierRefund.ticketId}`, { token: env.seeded.ana.token }),
    );
    expect(earlier).toMatchObject({ tags: [], assigneeId: null });
  }, 180_000);

  it('fits a phone: the rules screen and its editor never scroll sideways', async () => {
    const phone = await (await env.browser.context(env.api.url, PHONE)).newPage();
    await signIn(phone, ADMIN.email, ADMIN.password);
    await phone.goto('/#/admin/rules');
    const list = phone.getByRole('list', { name: 'Rules in the order they run' });
    await list.getByText('Refunds to Ana').waitFor();
    // What sticks out past the right edge, named so a failure says which element to fix.
    const overflow = () =>
      phone.evaluate(() => {
        const width = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth <= width) return [];
        return [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > width + 1)
          .slice(0, 10)
          .map(
            (el) =>
              `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)}px)`,
          );
      });
    await expect(overflow()).resolves.toEqual([]);
    await phone.getByRole('button', { name: 'Edit Refunds to Ana' }).click();
    const form = phone.getByRole('form', { name: 'Edit Refunds to Ana' });
    await form.getByRole('button', { name: 'Test against open tickets' }).click();
    await form.getByRole('list', { name: 'Matching open tickets' }).waitFor();
    await form.getByRole('button', { name: 'Add an alternative' }).click();
    await form.getByLabel('Any, condition 1: value').fill('a long word that still must wrap on a phone');
    await phone.getByRole('button', { name: 'Run log of Refunds to Ana' }).click();
    await phone.getByRole('list', { name: 'What Refunds to Ana did' }).waitFor();
    await expect(overflow()).resolves.toEqual([]);
    await screenshot(phone, 'automation-rules-phone');
  });
});
