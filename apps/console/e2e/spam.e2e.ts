import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN } from './support/api-server';
import { signIn } from './support/browser';
import { eventually, startEnvironment, type Environment } from './support/environment';

/**
 * Spam in chromium against the real API: Ana marks a ticket as spam from its header, finds it in
 * the Spam view of the queue sidebar and takes it back with "Not spam"; an admin blocks a domain
 * under Admin → Blocklist, and mail from it lands in the Spam view until the domain is unblocked.
 */
let env: Environment;
let anaContext: BrowserContext;
let adminContext: BrowserContext;
let ana: Page;
let admin: Page;
let adminToken = '';

beforeAll(async () => {
  env = await startEnvironment();
  adminToken = await env.rest.login(ADMIN.email, ADMIN.password);
  anaContext = await env.browser.context(env.api.url);
  ana = await anaContext.newPage();
  adminContext = await env.browser.context(env.api.url);
  admin = await adminContext.newPage();
}, 120_000);

afterAll(async () => {
  await env?.stop();
}, 60_000);

const queueIds = async (token: string) =>
  ((await env.rest.ok('GET', '/api/tickets?limit=100', { token })).items as Array<{ id: string }>).map(
    (t) => t.id,
  );

describe('spam in a browser', () => {
  it('an agent marks a ticket as spam, finds it in the Spam view and says "Not spam"', async () => {
    const { ticketId } = await env.rest.inbound(env.seeded.account, {
      handle: 'followers@promo.example',
      name: 'Promo Bot',
      text: 'Buy 10k followers today',
      subject: 'Grow your audience',
    });
    await signIn(ana, env.seeded.ana.email, env.seeded.ana.password);
    await ana.goto(`/#/tickets/${ticketId}`);
    await ana.getByRole('button', { name: 'Mark as spam' }).click();
    const dialog = ana.getByRole('dialog');
    await dialog.getByText(/The sender is blocked/).waitFor();
    await dialog.getByRole('button', { name: 'Mark as spam' }).click();
    await ana.getByRole('button', { name: 'Not spam' }).waitFor();
    expect(await queueIds(env.seeded.ana.token)).not.toContain(ticketId);

    await ana.getByRole('link', { name: 'Spam' }).click();
    await ana.getByRole('heading', { name: 'Spam' }).waitFor();
    const row = ana.getByTestId('spam-row').filter({ hasText: 'Grow your audience' });
    await row.getByText('Marked as spam').waitFor();
    await row.getByText('Buy 10k followers today').waitFor();
    await row.getByRole('button', { name: 'Not spam' }).click();
    await row.waitFor({ state: 'detached' });
    await eventually('the ticket back in the queue', async () =>
      (await queueIds(env.seeded.ana.token)).includes(ticketId),
    );
  });

  it('an admin blocks a domain under Admin → Blocklist; its mail waits in the Spam view until unblocked', async () => {
    await signIn(admin, ADMIN.email, ADMIN.password);
    await admin.goto('/#/admin/blocklist');
    await admin.getByRole('heading', { name: 'Blocklist' }).waitFor();
    await admin.getByLabel('What').selectOption('domain');
    await admin.getByLabel(/^Value/).fill('bulk.example');
    await admin.getByRole('button', { name: 'Block' }).click();
    const entry = admin.getByTestId('blocklist-row').filter({ hasText: 'bulk.example' });
    await entry.waitFor();

    const { ticketId } = await env.rest.inbound(env.seeded.account, {
      handle: 'deals@mail.bulk.example',
      text: 'Weekly deals inside',
      subject: 'Deals',
    });
    expect(await queueIds(adminToken)).not.toContain(ticketId);
    await admin.goto('/#/spam');
    await admin.getByLabel('Search subject, sender or text').fill('Weekly deals');
    await admin.getByRole('button', { name: 'Search' }).click();
    await admin.getByTestId('spam-row').filter({ hasText: 'Blocked domain' }).waitFor();

    await admin.goto('/#/admin/blocklist');
    await entry.getByRole('button', { name: 'Unblock' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Unblock' }).click();
    await admin.getByText('Nobody is blocked.').waitFor();
    expect(await queueIds(adminToken)).toContain(ticketId);
  });
});
