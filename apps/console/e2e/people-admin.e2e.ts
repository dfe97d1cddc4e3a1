import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN } from './support/api-server';
import { DESKTOP, PHONE, screenshot, signIn, type Device } from './support/browser';
import { eventually, startEnvironment, type Environment } from './support/environment';

/**
 * An admin manages a person in the console against the real API: adds an agent to team Other
 * (password shown once), the agent signs in elsewhere and works Other's queue, the admin moves
 * them to Support and Other's ticket is gone on the next load, then disables them and they are out.
 * At desktop and phone sizes: on a phone every step is in reach and the page never scrolls sideways.
 */
let env: Environment;

const queueRows = (page: Page) => page.getByTestId('ticket-row');
const openUnassigned = (page: Page) =>
  page
    .getByRole('navigation', { name: 'Queues' })
    .getByRole('button', { name: /^Unassigned/ })
    .click();
const personRow = (page: Page, email: string) =>
  page
    .getByRole('table', { name: 'People' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: email }) });
const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

beforeAll(async () => {
  env = await startEnvironment();
}, 180_000);

afterAll(async () => {
  await env?.stop();
}, 60_000);

describe.each([
  ['desktop 1440x900', 'desk', DESKTOP],
  ['phone 390x844', 'phone', PHONE],
] as [string, string, Device][])('an admin manages people in the console at %s', (_label, tag, device) => {
  const width = device.viewport!.width;
  const NAME = `Dora Newcomer ${tag}`;
  const EMAIL = `dora-${tag}@e2e.local`;
  let password = '';
  let adminContext: BrowserContext;
  let agentContext: BrowserContext;
  let admin: Page;
  let dora: Page;

  beforeAll(async () => {
    adminContext = await env.browser.context(env.api.url, device);
    agentContext = await env.browser.context(env.api.url, device);
    admin = await adminContext.newPage();
    dora = await agentContext.newPage();
  });

  afterAll(async () => {
    await adminContext?.close();
    await agentContext?.close();
  });

  it('adds an agent to team Other and shows their password once', async () => {
    await signIn(admin, ADMIN.email, ADMIN.password);
    await admin.goto('/#/admin/people');
    const form = admin.getByRole('form', { name: 'Add a person' });
    await form.getByLabel('Name').fill(NAME);
    await form.getByLabel('Email').fill(EMAIL);
    await form.getByLabel('Role').selectOption({ label: 'Agent' });
    await form.getByRole('checkbox', { name: 'Other' }).check();
    await form.getByRole('button', { name: 'Add person' }).click();
    const notice = admin.getByRole('region', { name: `Password for ${NAME}` });
    password = (await notice.locator('code').textContent()) ?? '';
    expect(password).toMatch(/^\S{18}$/);
    // In view and focused (the form that made it sits below the table), with a Copy button.
    await expect(notice.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    const box = (await notice.boundingBox())!;
    const viewport = admin.viewportSize()!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    expect(await notice.getByRole('button', { name: `Copy the password for ${NAME}` }).isVisible()).toBe(
      true,
    );
    await expect(personRow(admin, EMAIL).textContent()).resolves.toContain('Other');
    await screenshot(admin, `people-${tag}-01-added`);
    expect(await scrollWidth(admin)).toBeLessThanOrEqual(width);
    await notice.getByRole('button', { name: 'Done' }).click();
    await expect(admin.getByText(password).count()).resolves.toBe(0);
  });

  it("signs the agent in, who sees team Other's queue", async () => {
    await env.rest.inbound(env.seeded.otherAccount, {
      text: `${tag} invoice for order 77 please`,
      handle: `otto-${tag}@example.com`,
      name: 'Otto Other',
    });
    await env.rest.inbound(env.seeded.account, {
      text: `${tag} where is my parcel 88?`,
      handle: `sue-${tag}@example.com`,
      name: 'Sue Support',
    });
    await signIn(dora, EMAIL, password);
    await openUnassigned(dora);
    await queueRows(dora)
      .filter({ hasText: `${tag} invoice for order 77` })
      .waitFor();
    await expect(
      queueRows(dora)
        .filter({ hasText: `${tag} where is my parcel 88` })
        .count(),
    ).resolves.toBe(0);
  });

  it("moves the agent to Support: Other's ticket is gone after a reload, Support's is there", async () => {
    await personRow(admin, EMAIL)
      .getByRole('button', { name: `Edit ${NAME}` })
      .click();
    const editor = admin.getByRole('group', { name: `Role and teams of ${NAME}` });
    await editor.getByRole('checkbox', { name: 'Other' }).uncheck();
    await editor.getByRole('checkbox', { name: 'Support' }).check();
    await editor.getByRole('button', { name: 'Save' }).click();
    await eventually(
      'the row to show team Support',
      async () => (await personRow(admin, EMAIL).getByRole('cell').nth(3).textContent()) === 'Support',
    );

    await dora.reload();
    await openUnassigned(dora);
    await queueRows(dora)
      .filter({ hasText: `${tag} where is my parcel 88` })
      .waitFor();
    await expect(
      queueRows(dora)
        .filter({ hasText: `${tag} invoice for order 77` })
        .count(),
    ).resolves.toBe(0);
    await screenshot(dora, `people-${tag}-02-moved`);
  });

  it("offers no Disable on the admin's own row", async () => {
    const mine = admin
      .getByRole('table', { name: 'People' })
      .getByRole('row')
      .filter({ has: admin.getByRole('cell', { name: ADMIN.email }) });
    await mine.waitFor();
    await expect(mine.getByRole('button', { name: /^Disable/ }).count()).resolves.toBe(0);
  });

  it('disables the agent in a dialog that hands her open ticket to Ben: she is told why she was signed out', async () => {
    const token = await env.rest.login(ADMIN.email, ADMIN.password);
    const { ticketId } = await env.rest.inbound(env.seeded.account, {
      text: `${tag}: my order 91 never came`,
      handle: `nia-${tag}@example.com`,
      name: 'Nia Waiting',
    });
    const doraId = (await env.rest.ok('GET', '/api/admin/users', { token })).items.find(
      (u: { email: string }) => u.email === EMAIL,
    ).id;
    await env.rest.ok('PATCH', `/api/tickets/${ticketId}`, { token, body: { assigneeId: doraId } });

    await personRow(admin, EMAIL)
      .getByRole('button', { name: `Disable ${NAME}` })
      .click();
    const dialog = admin.getByRole('dialog', { name: `Disable ${NAME}?` });
    await dialog.getByRole('radio', { name: 'To another agent' }).check();
    await dialog.getByLabel('Agent', { exact: true }).selectOption({ label: env.seeded.ben.name });
    await screenshot(admin, `people-${tag}-03-disable-dialog`);
    expect(await dialog.getByRole('button', { name: 'Disable' }).isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Disable' }).click();
    await admin.getByText(`${NAME} is disabled; 1 open ticket moved to ${env.seeded.ben.name}.`).waitFor();
    await personRow(admin, EMAIL).getByRole('cell', { name: 'Disabled' }).waitFor();
    expect(await scrollWidth(admin)).toBeLessThanOrEqual(width);
    const ticket = await env.rest.ok('GET', `/api/tickets/${ticketId}`, { token });
    expect(ticket.assigneeId).toBe(env.seeded.ben.id);

    // Her open console notices by itself and says what happened, not "session expired".
    await dora.getByRole('button', { name: /sign in/i }).waitFor();
    await expect(dora.getByRole('status').textContent()).resolves.toBe(
      'Your account was disabled by an administrator.',
    );
    await dora.getByLabel('Email').fill(EMAIL);
    await dora.getByLabel('Password').fill(password);
    await dora.getByRole('button', { name: /sign in/i }).click();
    await expect(dora.getByRole('alert').textContent()).resolves.toContain('disabled');
    await screenshot(dora, `people-${tag}-04-refused`);

    // Ben sees the ticket with Dora's name kept, and why it moved.
    const benContext = await env.browser.context(env.api.url, device);
    const ben = await benContext.newPage();
    await signIn(ben, env.seeded.ben.email, env.seeded.ben.password);
    await ben.evaluate((id) => (window.location.hash = `/tickets/${id}`), ticketId);
    await ben.getByText(`because ${NAME}'s account was disabled`).waitFor();
    await expect(ben.getByText('Someone').count()).resolves.toBe(0);
    expect(await scrollWidth(ben)).toBeLessThanOrEqual(width);
    await benContext.close();
  });

  it('signing out says "You signed out."', async () => {
    await admin.getByRole('button', { name: 'Sign out' }).click();
    await admin.getByRole('button', { name: /sign in/i }).waitFor();
    await expect(admin.getByRole('status').textContent()).resolves.toBe('You signed out.');
    expect(await scrollWidth(admin)).toBeLessThanOrEqual(width);
  });
});
