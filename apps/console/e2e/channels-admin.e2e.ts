import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { MailUser } from '../../api/src/test-support/dovecot';
import { ADMIN } from './support/api-server';
import { PHONE, screenshot, signIn } from './support/browser';
import { startMailEnvironment, type MailEnvironment } from './support/environment';

/**
 * An admin sets up channels in the console against the real API: a mailbox on a real Dovecot
 * and SMTP server (its connection test, and the plain-words error for a wrong password), an API
 * channel whose key is shown once, and a web chat with its script tag; a mistyped password is
 * fixed by editing the account. Agents never see it.
 */
const MAILBOX: MailUser = { user: 'help@channels-e2e.test', password: 'mailbox-pw' };

let env: MailEnvironment;
let adminContext: BrowserContext;
let admin: Page;

beforeAll(async () => {
  env = await startMailEnvironment([MAILBOX]);
  adminContext = await env.browser.context(env.api.url);
  admin = await adminContext.newPage();
}, 180_000);

afterAll(async () => {
  await env?.stop();
}, 60_000);

const addForm = (page: Page) => page.getByRole('form', { name: 'Add a channel' });
const accountRow = (page: Page, name: string) =>
  page
    .getByRole('table', { name: 'Channel accounts' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name, exact: true }) });
const createdNotice = (page: Page, name: string) =>
  page.getByRole('region', { name: `Channel “${name}” added` });

async function startAdding(page: Page, kind: string, name: string) {
  const form = addForm(page);
  await form.getByLabel('Kind').selectOption({ label: kind });
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Team').selectOption({ label: 'Support' });
}

async function addMailbox(page: Page, name: string, password: string) {
  const form = addForm(page);
  await startAdding(page, 'Email', name);
  const imap = env.dovecot.imapConfig(MAILBOX);
  const smtp = env.sink.smtpConfig();
  await form.getByLabel('Email address').fill(MAILBOX.user);
  await form.getByLabel('IMAP server').fill(imap.host);
  await form.getByLabel('IMAP port').fill(String(imap.port));
  await form.getByLabel('IMAP over TLS').uncheck();
  await form.getByLabel('IMAP user name').fill(MAILBOX.user);
  await form.getByLabel('IMAP password').fill(password);
  await form.getByLabel('SMTP server').fill(smtp.host);
  await form.getByLabel('SMTP port').fill(String(smtp.port));
  await form.getByLabel('SMTP over TLS').uncheck();
  await form.getByRole('button', { name: 'Add channel' }).click();
  await createdNotice(page, name).waitFor();
  await createdNotice(page, name).getByRole('button', { name: 'Done' }).click();
}

async function testConnection(page: Page, name: string): Promise<Locator> {
  const row = accountRow(page, name);
  await row.getByRole('button', { name: `Test ${name}` }).click();
  const outcome = row.locator('[role="status"], [role="alert"]');
  await outcome.waitFor({ timeout: 30_000 });
  return outcome;
}

describe('Admin → Channels in a browser', () => {
  it('an admin opens Admin → Channels and sees the existing channels', async () => {
    await signIn(admin, ADMIN.email, ADMIN.password);
    await admin.getByRole('link', { name: 'Admin' }).click();
    await admin
      .getByRole('navigation', { name: 'Admin sections' })
      .getByRole('link', { name: 'Channels' })
      .click();
    await admin.getByRole('heading', { name: 'Channels', level: 2 }).waitFor();
    await accountRow(admin, 'Shop integration').waitFor();
    expect(await accountRow(admin, 'Shop integration').getByRole('cell').allTextContents()).toEqual([
      'API',
      'Support',
      '—',
      '',
      'Enabled',
      'EditRotate key',
    ]);
  });

  it('adds a mailbox on a real IMAP and SMTP server and its test succeeds', async () => {
    await addMailbox(admin, 'Support mailbox', MAILBOX.password);
    const outcome = await testConnection(admin, 'Support mailbox');
    await screenshot(admin, 'channels-01-mailbox-test');
    expect(await outcome.getAttribute('role')).toBe('status');
    const words = await outcome.textContent();
    expect(words).toContain('Connection works.');
    expect(words).toContain(
      `IMAP: Logged in to 127.0.0.1:${env.dovecot.imapConfig(MAILBOX).port}; the folder "INBOX"`,
    );
    expect(words).toContain(
      `SMTP: Connected to 127.0.0.1:${env.sink.smtpConfig().port}; the server accepts mail.`,
    );
  });

  it('a mailbox with a wrong IMAP password says so in plain words', async () => {
    await addMailbox(admin, 'Mistyped mailbox', 'not-the-password');
    const outcome = await testConnection(admin, 'Mistyped mailbox');
    await screenshot(admin, 'channels-02-wrong-password');
    expect(await outcome.getAttribute('role')).toBe('alert');
    expect(await outcome.textContent()).toContain(
      `Connection failed. IMAP: Reached 127.0.0.1:${env.dovecot.imapConfig(MAILBOX).port}, but the user name or password was refused`,
    );
  });

  it('fixes the mistyped mailbox by editing only its password: the other settings are kept and the test succeeds', async () => {
    await accountRow(admin, 'Mistyped mailbox')
      .getByRole('button', { name: 'Edit Mistyped mailbox' })
      .click();
    const form = admin.getByRole('form', { name: 'Edit Mistyped mailbox' });
    expect(await form.getByLabel('IMAP server').inputValue()).toBe('127.0.0.1');
    expect(await form.getByLabel('SMTP password').inputValue()).toBe('');
    await form.getByLabel('IMAP password').fill(MAILBOX.password);
    await screenshot(admin, 'channels-02b-edit-mailbox');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await addForm(admin).waitFor();
    const row = accountRow(admin, 'Mistyped mailbox');
    await row.getByRole('button', { name: 'Test Mistyped mailbox' }).click();
    const outcome = row.getByRole('status');
    await outcome.waitFor({ timeout: 30_000 });
    expect(await outcome.textContent()).toContain('Connection works.');
  });

  it('adds an API channel and shows its key once; the key lets an integration in', async () => {
    await startAdding(admin, 'API', 'Warehouse');
    await addForm(admin).getByRole('button', { name: 'Add channel' }).click();
    const notice = createdNotice(admin, 'Warehouse');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('you will not see it again');
    const apiKey = await notice.getByRole('textbox', { name: 'API key' }).inputValue();
    expect(apiKey).toMatch(/^sbk_/);
    await screenshot(admin, 'channels-03-api-key');

    const { items } = await env.rest.ok<{ items: Array<{ id: string; name: string }> }>(
      'GET',
      '/api/admin/channel-accounts',
      { token: await env.rest.login(ADMIN.email, ADMIN.password) },
    );
    const warehouse = items.find((a) => a.name === 'Warehouse')!;
    const stored = await env.rest.inbound(
      { id: warehouse.id, apiKey },
      { text: 'Stock sync failed', handle: 'warehouse-bot' },
    );
    expect(stored.duplicate).toBe(false);

    await notice.getByRole('button', { name: 'Done' }).click();
    await accountRow(admin, 'Warehouse').waitFor();
    expect(await admin.content()).not.toContain(apiKey);
    await admin.reload();
    await accountRow(admin, 'Warehouse').waitFor();
    expect(await admin.content()).not.toContain(apiKey);
  });

  it('adds a web chat and shows the script tag to embed it', async () => {
    await startAdding(admin, 'Web chat', 'Shop chat');
    await addForm(admin).getByLabel('Widget title').fill('Ask the shop');
    await addForm(admin).getByRole('button', { name: 'Add channel' }).click();
    const notice = createdNotice(admin, 'Shop chat');
    await notice.waitFor();
    const { items } = await env.rest.ok<{ items: Array<{ id: string; name: string }> }>(
      'GET',
      '/api/admin/channel-accounts',
      { token: await env.rest.login(ADMIN.email, ADMIN.password) },
    );
    const chat = items.find((a) => a.name === 'Shop chat')!;
    await screenshot(admin, 'channels-04-embed-snippet');
    expect(await notice.getByRole('textbox', { name: 'Embed snippet' }).inputValue()).toBe(
      `<script src="${env.api.url}/widget.js" data-account="${chat.id}" async></script>`,
    );
    // What the snippet loads is real: the script, and the chat's settings for that account.
    expect((await fetch(`${env.api.url}/widget.js`)).status).toBe(200);
    const settings = await env.rest.ok<{ settings: { title: string } }>(
      'GET',
      `/api/widget/${chat.id}/settings`,
    );
    expect(settings.settings.title).toBe('Ask the shop');
  });

  it('an agent does not see the channels admin', async () => {
    const agentContext = await env.browser.context(env.api.url);
    const ana = await agentContext.newPage();
    try {
      await signIn(ana, env.seeded.ana.email, env.seeded.ana.password);
      expect(await ana.getByRole('link', { name: 'Admin' }).count()).toBe(0);
      await ana.evaluate(() => (window.location.hash = '/admin/channels'));
      await ana.getByRole('navigation', { name: 'Queues' }).waitFor();
      expect(await ana.getByRole('heading', { name: 'Channels' }).count()).toBe(0);
      expect(await ana.getByRole('table', { name: 'Channel accounts' }).count()).toBe(0);
    } finally {
      await agentContext.close();
    }
  });
});

describe('Admin → Channels on a phone (390x844)', () => {
  it('lists every channel by its name and kind in words, and the web chat snippet is reachable, without sideways scrolling', async () => {
    const phoneContext = await env.browser.context(env.api.url, PHONE);
    const phone = await phoneContext.newPage();
    try {
      await signIn(phone, ADMIN.email, ADMIN.password);
      await phone.getByRole('link', { name: 'Admin' }).click();
      await phone
        .getByRole('navigation', { name: 'Admin sections' })
        .getByRole('link', { name: 'Channels' })
        .click();
      const warehouse = accountRow(phone, 'Warehouse');
      await warehouse.waitFor();
      expect(await warehouse.getByRole('cell').first().textContent()).toBe('API');
      expect(await accountRow(phone, 'Support mailbox').getByRole('cell').first().textContent()).toBe(
        'Email',
      );
      const chat = accountRow(phone, 'Shop chat');
      expect(await chat.getByRole('cell').first().textContent()).toBe('Web chat');
      const snippet = chat.getByRole('textbox', { name: 'Embed snippet' });
      await snippet.scrollIntoViewIfNeeded();
      expect(await snippet.inputValue()).toContain('/widget.js');
      const box = (await snippet.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x).toBeLessThan(PHONE.viewport!.width);
      await screenshot(phone, 'channels-05-phone');
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        PHONE.viewport!.width,
      );
    } finally {
      await phoneContext.close();
    }
  });
});
