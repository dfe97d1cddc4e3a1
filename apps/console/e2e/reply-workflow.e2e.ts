import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN } from './support/api-server';
import { screenshot, signIn } from './support/browser';
import { eventually, startEnvironment, type Environment } from './support/environment';
import type { ApiAccount } from './support/seed';

/**
 * The reply workflow in the real console, API and PostgreSQL, at desktop and phone size: the
 * composer's status line follows the reply's delivery (sent, or failed with the reason and a
 * retry), "/" inserts a canned reply, "Send and set …" changes the status, a reply takes an
 * unassigned ticket, solving an unowned ticket asks who solved it, and links are clickable.
 */
let env: Environment;
let context: BrowserContext;
let ana: Page;
let admin: string;
/** An API channel without a callback URL: every reply through it fails, and says why. */
let noCallback: ApiAccount;
let n = 0;

const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const composer = (page: Page) => page.getByRole('region', { name: 'Composer' });
const replyBox = (page: Page) => page.getByLabel('Reply to the customer');
const timeline = (page: Page) => page.getByRole('list', { name: 'Conversation' });

async function openTicket(page: Page, ticketId: string) {
  await page.evaluate((id) => (window.location.hash = `/tickets/${id}`), ticketId);
  await timeline(page).waitFor();
  await composer(page).getByRole('tab', { name: 'Reply' }).click();
}

async function customerWrites(account: ApiAccount, text: string): Promise<string> {
  n += 1;
  const res = await env.rest.inbound(account, {
    text,
    handle: `reply-e2e-${n}@example.com`,
    name: 'Carla Marquez',
  });
  return res.ticketId;
}

const ticket = (id: string) =>
  env.rest.ok<{ status: string; assigneeId: string | null; number: number }>('GET', `/api/tickets/${id}`, {
    token: admin,
  });

async function setAssignOnReply(on: boolean) {
  await env.rest.ok('PUT', '/api/admin/settings/reply', { token: admin, body: { assignOnReply: on } });
}

beforeAll(async () => {
  env = await startEnvironment();
  admin = await env.rest.login(ADMIN.email, ADMIN.password);
  const account = await env.rest.ok('POST', '/api/admin/channel-accounts', {
    token: admin,
    body: { kind: 'api', name: 'No callback', teamId: env.seeded.support.id, config: {} },
  });
  noCallback = { id: account.id, apiKey: account.apiKey };
  context = await env.browser.context(env.api.url);
  ana = await context.newPage();
  await signIn(ana, env.seeded.ana.email, env.seeded.ana.password);
}, 180_000);

afterAll(async () => {
  await env?.stop();
}, 60_000);

describe.each(VIEWPORTS)('the reply workflow at $name size ($width×$height)', ({ name, width, height }) => {
  beforeAll(async () => {
    await ana.setViewportSize({ width, height });
  });

  it('"/" inserts a canned reply; "Send and set pending" sends it, takes the ticket, and the status line follows it to sent', async () => {
    const ticketId = await customerWrites(env.seeded.account, 'My parcel never arrived');
    await openTicket(ana, ticketId);
    await replyBox(ana).fill('');
    await replyBox(ana).pressSequentially('/gree');
    const suggestions = composer(ana).getByRole('listbox', { name: 'Canned replies' });
    await suggestions.getByRole('option', { name: /Greeting/ }).waitFor();
    await replyBox(ana).press('Enter');
    await expect(replyBox(ana).inputValue()).resolves.toBe('Hi Carla,\n\nThanks for getting in touch. ');
    await replyBox(ana).pressSequentially('Track it at https://example.com/track');

    const toggle = composer(ana).getByRole('button', { name: 'More ways to send' });
    await toggle.focus();
    await ana.keyboard.press('ArrowDown');
    const menu = composer(ana).getByRole('menu');
    await expect(menu.getByRole('menuitem').allTextContents()).resolves.toEqual([
      'Send and set pending',
      'Send and set solved',
      'Send and put on hold',
    ]);
    await ana.keyboard.press('Enter');

    const status = composer(ana).locator(
      '.reply-status[data-delivery="sent"], .reply-status[data-delivery="delivered"]',
    );
    // A send whose first attempt is retried after its lease shows as sent up to a lease later.
    await status.waitFor({ timeout: 60_000 });
    await expect(status.textContent()).resolves.toMatch(/^Reply (sent|delivered)\.$/);
    await eventually('the reply at the integration', () =>
      env.receiver.forTicket(ticketId).find((m) => m.text.includes('Thanks for getting in touch')),
    );
    await eventually('the ticket pending and assigned to Ana', async () => {
      const t = await ticket(ticketId);
      return t.status === 'pending' && t.assigneeId === env.seeded.ana.id;
    });
    await timeline(ana)
      .getByText('Ana Agent was assigned the ticket by replying while nobody was assigned')
      .waitFor();
    const link = timeline(ana).getByRole('link', { name: 'https://example.com/track' });
    await expect(link.getAttribute('target')).resolves.toBe('_blank');
    await expect(link.getAttribute('rel')).resolves.toBe('noopener noreferrer');
    await screenshot(ana, `reply-workflow-${name}-01-sent`);
  });

  it('a reply that cannot be delivered says why in the composer and offers to send it again', async () => {
    const ticketId = await customerWrites(noCallback, 'Hello?');
    await openTicket(ana, ticketId);
    await replyBox(ana).fill('We are here to help.');
    await composer(ana).getByRole('button', { name: 'Send reply' }).click();
    const failed = composer(ana).getByText('Reply failed — the API channel has no callback URL configured.');
    await failed.waitFor();
    await expect(composer(ana).getByText('Reply queued for sending.').count()).resolves.toBe(0);
    const retry = composer(ana).getByRole('button', { name: 'Send the failed reply again' });
    await retry.waitFor();
    if (name === 'phone') {
      const box = await retry.boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(44);
    }
    await screenshot(ana, `reply-workflow-${name}-02-failed`);
  });

  it('"Send and set solved" on a ticket nobody owns asks who solved it and records that agent', async () => {
    await setAssignOnReply(false);
    try {
      const ticketId = await customerWrites(env.seeded.account, 'Thanks, all good now');
      await openTicket(ana, ticketId);
      await replyBox(ana).fill('Glad to hear it!');
      await composer(ana).getByRole('button', { name: 'More ways to send' }).click();
      await composer(ana).getByRole('menuitem', { name: 'Send and set solved' }).click();
      const { number } = await ticket(ticketId);
      const dialog = ana.getByRole('dialog', { name: `Who solved #${number}?` });
      await dialog.waitFor();
      await expect(dialog.getByRole('radio', { name: 'Ana Agent (me)' }).isChecked()).resolves.toBe(true);
      await dialog.getByRole('radio', { name: 'Ben Colleague' }).check();
      await screenshot(ana, `reply-workflow-${name}-03-solved-by`);
      await dialog.getByRole('button', { name: 'Mark solved' }).click();
      await dialog.waitFor({ state: 'detached' });
      await eventually('the ticket solved by Ben', async () => {
        const t = await ticket(ticketId);
        return t.status === 'solved' && t.assigneeId === env.seeded.ben.id;
      });
    } finally {
      await setAssignOnReply(true);
    }
  });
});
