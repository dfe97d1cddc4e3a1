import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN } from './support/api-server';
import { DESKTOP, PHONE, screenshot, signIn, type Device } from './support/browser';
import { startEnvironment, type Environment } from './support/environment';

/**
 * A person secures their account in the console against the real API: turns on two-factor
 * sign-in from the key shown beside the QR code, keeps the recovery codes, signs in again with
 * a code, makes an API token (shown once) that reads tickets and cannot reply, and revokes it.
 * The admin then finds these steps in the audit log, filtered, and downloads them as CSV.
 * At desktop and phone sizes; the page never scrolls sideways.
 */
let env: Environment;
const PASSWORD = 'secure-agent-password-1';

/**
 * The code an authenticator app shows `periods` × 30 s from now: RFC 6238 (SHA-1, 6 digits,
 * 30 s) written out here, as an app independent of the server's library would compute it.
 */
async function codeAt(secret: string, periods = 0): Promise<string> {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + periods));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
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
] as [string, string, Device][])('account security in the console at %s', (_label, tag, device) => {
  const width = device.viewport!.width;
  const EMAIL = `secure-${tag}@e2e.local`;
  let context: BrowserContext;
  let adminContext: BrowserContext;
  let page: Page;
  let secret = '';
  let userId = '';

  beforeAll(async () => {
    const admin = await env.rest.login(ADMIN.email, ADMIN.password);
    userId = (
      await env.rest.ok('POST', '/api/admin/users', {
        token: admin,
        body: { email: EMAIL, name: `Sec ${tag}`, password: PASSWORD, role: 'agent', teamIds: [] },
      })
    ).id;
    context = await env.browser.context(env.api.url, device);
    adminContext = await env.browser.context(env.api.url, device);
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await adminContext?.close();
  });

  it('turns on two-factor sign-in from the QR code or its key, and shows the recovery codes once', async () => {
    await signIn(page, EMAIL, PASSWORD);
    await page.goto('/#/security');
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    const form = page.getByRole('form', { name: 'Set up two-factor sign-in' });
    await form.locator('.security-qr svg').waitFor();
    secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await form.getByLabel('Six-digit code from the app').fill(await codeAt(secret));
    await form.getByRole('button', { name: 'Turn on' }).click();
    const codes = page.getByRole('region', { name: 'Your recovery codes' });
    await codes.waitFor();
    await expect(codes.locator('li').count()).resolves.toBe(10);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
    await screenshot(page, `security-recovery-codes-${tag}`);
    await codes.getByRole('button', { name: 'I saved it' }).click();
    await expect(page.getByTestId('two-factor-state').textContent()).resolves.toBe(
      'On. Recovery codes left: 10.',
    );
  });

  it('signs in again with a code from the app', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto('/');
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.getByRole('heading', { name: 'Enter your code' }).waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
    await screenshot(page, `security-code-step-${tag}`);
    // The enabling code's period is spent; the next one is what the app shows soon.
    await page.getByLabel('Code', { exact: true }).fill(await codeAt(secret, 1));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('navigation', { name: 'Queues' }).waitFor();
  });

  it('makes an API token, shown once, that reads tickets and cannot reply, and revokes it', async () => {
    await page.goto('/#/security');
    const form = page.getByRole('form', { name: 'New API token' });
    await form.getByLabel('Token name').fill(`Dashboard ${tag}`);
    await expect(form.getByRole('checkbox', { name: 'Read tickets' }).isChecked()).resolves.toBe(true);
    await form.getByRole('button', { name: 'Create token' }).click();
    const shown = page.getByRole('region', { name: `Token Dashboard ${tag}` });
    const token = ((await shown.locator('code').textContent()) ?? '').trim();
    expect(token).toMatch(/^sbt_/);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(width);

    const list = await env.rest.call('GET', '/api/tickets', { token });
    expect(list.status).toBe(200);
    const { ticketId } = await env.rest.inbound(env.seeded.account, { text: 'Hi', handle: `c-${tag}` });
    const reply = await env.rest.call('POST', `/api/tickets/${ticketId}/messages`, {
      token,
      body: { kind: 'reply', body: 'Hello' },
    });
    expect(reply.status).toBe(403);

    await shown.getByRole('button', { name: 'I saved it' }).click();
    await expect(shown.count()).resolves.toBe(0);
    await page.reload();
    const tokens = page.getByRole('list', { name: 'Your API tokens' });
    await tokens.getByText(/^Last used: (?!never)/).waitFor();
    await screenshot(page, `security-tokens-${tag}`);
    await tokens.getByRole('button', { name: `Revoke Dashboard ${tag}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await tokens.getByText(/^Revoked /).waitFor();
    expect((await env.rest.call('GET', '/api/tickets', { token })).status).toBe(401);
  });

  it('the admin finds these steps in the audit log, filters them and downloads CSV', async () => {
    const admin = await adminContext.newPage();
    await signIn(admin, ADMIN.email, ADMIN.password);
    await admin.goto('/#/admin/audit');
    const filters = admin.getByRole('form', { name: 'Filter the audit log' });
    await filters.getByLabel('Who (email)').fill(EMAIL);
    await filters.getByLabel('Action').fill('user.two_factor_enabled');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    const rows = admin.getByTestId('audit-row');
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().textContent()).resolves.toContain(EMAIL);
    expect(await scrollWidth(admin)).toBeLessThanOrEqual(width);
    await screenshot(admin, `security-audit-log-${tag}`);

    // Everything done to this person, by anyone: their creation was the admin's.
    await filters.getByLabel('Who (email)').fill('');
    await filters.getByLabel('Action').fill('');
    await filters.getByLabel('Target id').fill(userId);
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await admin.getByTestId('audit-row').filter({ hasText: 'user.created' }).waitFor();

    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      filters.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('audit-log.csv');
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      'id,at,actorKind,actorId,actorEmail,action,targetType,targetId,ip,details',
    );
    expect(csv).toContain('user.created');
    await admin.close();
  });
});
