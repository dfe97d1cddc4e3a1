import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN, ApiServer } from './support/api-server';
import { screenshot, signIn, TestBrowser } from './support/browser';
import { createDatabase, type TestDatabase } from './support/database';
import { eventually } from './support/environment';
import { Rest } from './support/seed';

/**
 * A newcomer's first minute on a freshly seeded demo: the admin answers the demo API
 * conversation and sees the reply delivered (the demo channel records it instead of calling
 * anyone), then the supervisor dashboard's tiles and its "Needs attention" list agree.
 */
const DEVICES = [
  { name: 'desktop', viewport: { width: 1440, height: 900 } },
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
] as const;

let database: TestDatabase;
let api: ApiServer;
let browser: TestBrowser;
let rest: Rest;
let token: string;

beforeAll(async () => {
  database = await createDatabase();
  api = await ApiServer.create(database.url, { SWITCHBOARD_SEED_DEMO: 'true' });
  [browser] = await Promise.all([TestBrowser.launch(), api.start()]);
  rest = new Rest(api.url);
  token = await rest.login(ADMIN.email, ADMIN.password);
  // One ticket past its target, so the dashboard has something that needs attention: a policy for
  // a second API channel with a one-second first response, tried before the demo's default.
  const [demoPolicy] = (await rest.ok('GET', '/api/admin/sla-policies', { token })).items as Array<{
    id: string;
  }>;
  await rest.ok('PATCH', `/api/admin/sla-policies/${demoPolicy.id}`, { token, body: { order: 10 } });
  const team = (await rest.ok('GET', '/api/teams', { token })) as
    { items?: Array<{ id: string }> } | Array<{ id: string }>;
  const teamId = (Array.isArray(team) ? team : (team.items ?? []))[0]?.id ?? null;
  const late = (await rest.ok('POST', '/api/admin/channel-accounts', {
    token,
    body: { kind: 'api', name: 'E2E late channel', teamId, config: {} },
  })) as { id: string; apiKey: string };
  await rest.ok('POST', '/api/admin/sla-policies', {
    token,
    body: {
      name: 'E2E instant',
      order: 0,
      conditions: { channels: ['api'] },
      targets: { firstResponseSeconds: 1 },
    },
  });
  await rest.ok('POST', `/api/channels/api/${late.id}/inbound`, {
    headers: { 'x-api-key': late.apiKey },
    body: {
      externalId: 'late-1',
      from: { handle: 'late@example.com', name: 'Lena Late' },
      text: 'Nobody answered me yet',
    },
  });
}, 180_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await api?.stop().catch(() => undefined);
  await database?.drop().catch(() => undefined);
}, 60_000);

describe.each(DEVICES)('the demo on a $name', (device) => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.context(api.url, device);
    page = await context.newPage();
    await signIn(page, ADMIN.email, ADMIN.password);
  }, 60_000);
  afterAll(() => context?.close());

  it('replies to the demo API conversation and sees the reply delivered', async () => {
    const { items } = (await rest.ok('GET', '/api/tickets?limit=50', { token })) as {
      items: Array<{ id: string; channel: string; subject: string; contact?: { name: string | null } }>;
    };
    const demo = items.find((t) => t.channel === 'api' && /invoices as PDF/.test(t.subject));
    expect(demo).toBeDefined();
    await page.evaluate((id) => (window.location.hash = `/tickets/${id}`), demo!.id);
    const conversation = page.getByRole('list', { name: 'Conversation' });
    await conversation.waitFor();
    await page.getByRole('tab', { name: 'Reply' }).click();
    const text = `Yes: Billing → Invoices → Export all as PDF (${device.name}).`;
    await page.getByRole('region', { name: 'Composer' }).locator('textarea').fill(text);
    await page.getByRole('button', { name: 'Send reply' }).click();
    const reply = conversation.getByRole('article').filter({ hasText: text });
    await reply.locator('[data-delivery="delivered"]').waitFor();
    await expect(reply.locator('[data-delivery]').textContent()).resolves.toContain('delivered');
    await screenshot(page, `demo-01-delivered-${device.name}`);
    const recorded = await eventually('the demo callback to record the reply', async () => {
      const deliveries = (await rest.ok('GET', '/api/admin/demo-deliveries', { token })) as {
        items: Array<{ text: string; channelKind: string }>;
      };
      return deliveries.items.find((d) => d.text === text);
    });
    expect(recorded.channelKind).toBe('api');
  });

  it('shows tiles and the "Needs attention" list that agree', async () => {
    await page.evaluate(() => (window.location.hash = '/supervisor'));
    const tile = async (key: string) =>
      Number(await page.getByTestId(`tile-${key}`).locator('.tile-value').textContent());
    const heading = page.getByRole('heading', { name: /^Needs attention/ });
    await heading.waitFor();
    await eventually('the late ticket to show as breached', async () => (await tile('breached')) >= 1);
    const atRisk = await tile('atRisk');
    const breached = await tile('breached');
    await expect(heading.textContent()).resolves.toBe(`Needs attention ${atRisk + breached}`);
    await expect(page.getByTestId('needs-attention-split').textContent()).resolves.toBe(
      `${atRisk} at risk · ${breached} breached`,
    );
    await page.getByTestId('at-risk-row').filter({ hasText: 'Nobody answered me yet' }).waitFor();
    await expect(page.getByRole('heading', { name: /^At risk/ }).count()).resolves.toBe(0);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(device.viewport.width);
    await screenshot(page, `demo-02-needs-attention-${device.name}`);
  });

  it('edits the demo SLA policy under Admin → SLA', async () => {
    await page.evaluate(() => (window.location.hash = '/admin/sla'));
    await page.getByRole('button', { name: 'Edit Demo standard SLA' }).click();
    const form = page.getByRole('form', { name: 'Edit policy "Demo standard SLA"' });
    const first = form.getByLabel('First response');
    // The desktop run sets four hours to three, the phone run sets it back.
    await expect(first.inputValue()).resolves.toBe(device.name === 'desktop' ? '240' : '180');
    await first.fill(device.name === 'desktop' ? '180' : '240');
    await form.getByRole('button', { name: 'Save policy' }).click();
    await page.getByRole('form', { name: 'New policy' }).waitFor();
    const row = page.getByTestId('policy-row').filter({ hasText: 'Demo standard SLA' });
    await expect(row.textContent()).resolves.toContain(device.name === 'desktop' ? '3 h' : '4 h');
    await screenshot(page, `demo-03-sla-admin-${device.name}`);
  });
});
