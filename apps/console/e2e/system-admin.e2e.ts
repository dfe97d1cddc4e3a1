import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN } from './support/api-server';
import { DESKTOP, PHONE, screenshot, signIn, type Device } from './support/browser';
import { startEnvironment, type Environment } from './support/environment';

/**
 * An admin opens Admin → System against the real API: the channel accounts with their last
 * traffic, the outbox, failed deliveries, and the node that serves the console, at desktop and
 * phone sizes, without the page scrolling sideways on the phone.
 */
let env: Environment;

beforeAll(async () => {
  env = await startEnvironment();
}, 180_000);

afterAll(async () => {
  await env?.stop();
}, 60_000);

describe.each([
  ['desktop 1440x900', 'desk', DESKTOP],
  ['phone 390x844', 'phone', PHONE],
] as [string, string, Device][])('Admin → System at %s', (_label, tag, device) => {
  let context: BrowserContext;
  let admin: Page;

  beforeAll(async () => {
    context = await env.browser.context(env.api.url, device);
    admin = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('shows channel health, the outbox, failed deliveries and the running node', async () => {
    await signIn(admin, ADMIN.email, ADMIN.password);
    await admin.goto('/#/admin/system');
    await admin.getByRole('heading', { name: 'Channel accounts' }).waitFor();
    const sections = ['Channel accounts', 'Outbox', 'Failed deliveries', 'Mailbox watchers', 'Nodes'];
    for (const name of sections) await admin.getByRole('heading', { name }).waitFor();
    await admin.getByRole('listitem', { name: 'Shop integration' }).waitFor();
    await admin.getByText('Every reply was delivered.').waitFor();
    await admin.getByText(/^all · version 0\.1\.0 · up since/).waitFor();
    const scrollWidth = await admin.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(device.viewport!.width);
    await screenshot(admin, `system-admin-${tag}`);
  }, 60_000);
});
