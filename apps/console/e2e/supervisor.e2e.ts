import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN } from './support/api-server';
import { screenshot, signIn } from './support/browser';
import { eventually, startEnvironment, type Environment } from './support/environment';

/**
 * The supervisor dashboard against the real API, its SLA sweeper and PostgreSQL, in chromium:
 * a ticket under a policy with a 10-second first-response target goes at risk and breaches while
 * Sue watches; the tiles and the at-risk list follow without a reload. Ana, an agent, is refused.
 */
let env: Environment;
let sueContext: BrowserContext;
let sue: Page;
let adminToken = '';
const SUE = { email: 'sue@e2e.local', password: 'sue-password-123', name: 'Sue Supervisor' };
const TARGET_SECONDS = 10;

const tile = (page: Page, key: 'open' | 'unassigned' | 'atRisk' | 'breached') =>
  page.getByTestId(`tile-${key}`).locator('.tile-value');
const tileValue = async (page: Page, key: Parameters<typeof tile>[1]) =>
  Number(await tile(page, key).textContent());

beforeAll(async () => {
  env = await startEnvironment();
  adminToken = await env.rest.login(ADMIN.email, ADMIN.password);
  await env.rest.ok('POST', '/api/admin/users', {
    token: adminToken,
    body: {
      email: SUE.email,
      name: SUE.name,
      password: SUE.password,
      role: 'supervisor',
      teamIds: [env.seeded.support.id],
    },
  });
  await env.rest.ok('POST', '/api/admin/sla-policies', {
    token: adminToken,
    body: {
      name: 'E2E fast lane',
      order: 1,
      conditions: { channels: ['api'] },
      targets: { firstResponseSeconds: TARGET_SECONDS },
      atRiskShare: 0.5,
    },
  });
  sueContext = await env.browser.context(env.api.url);
  sue = await sueContext.newPage();
}, 120_000);

afterAll(async () => {
  await env?.stop();
}, 60_000);

describe('supervisor dashboard in a browser', () => {
  it('opens #/supervisor from the top bar for a supervisor', async () => {
    await signIn(sue, SUE.email, SUE.password);
    await sue.getByRole('link', { name: 'Supervisor' }).click();
    await sue.getByRole('heading', { name: 'Supervisor' }).waitFor();
    await tile(sue, 'open').waitFor();
    expect(await tileValue(sue, 'open')).toBe(0);
    expect(await tileValue(sue, 'breached')).toBe(0);
    await sue.getByText('Nothing needs attention: no ticket is at risk or breached.').waitFor();
    // The SLA admin screens are for admins: a supervisor gets no link to them.
    expect(await sue.getByRole('link', { name: 'Business hours and SLA policies' }).count()).toBe(0);
  });

  it('shows a new ticket, then its at-risk countdown, then the breach, live', async () => {
    const markedAt = await sue.evaluate(
      () => ((window as unknown as { e2eMark: number }).e2eMark = Date.now()),
    );
    const created = Date.now();
    await env.rest.inbound(env.seeded.account, {
      handle: 'dora@example.com',
      name: 'Dora Customer',
      threadKey: 'sla-1',
      text: 'Where is my parcel?',
      subject: 'Parcel missing',
    });

    await eventually(
      'the open tile to count the new ticket',
      async () => (await tileValue(sue, 'open')) === 1,
    );
    expect(await tileValue(sue, 'unassigned')).toBe(1);

    // At risk after half the target: the sweeper's sla.warning refreshes the tiles and the list.
    const row = sue.getByTestId('at-risk-row').filter({ hasText: 'Parcel missing' });
    await row.waitFor({ timeout: (TARGET_SECONDS + 10) * 1000 });
    expect(await row.textContent()).toMatch(/due in 0:0\d/);
    await screenshot(sue, 'supervisor-01-at-risk');
    expect(Date.now() - created).toBeGreaterThanOrEqual((TARGET_SECONDS / 2) * 1000 - 1500);

    // The breach: the sla.breached event refreshes the tiles; the list marks the row breached.
    await eventually(
      'the breached tile',
      async () => (await tileValue(sue, 'breached')) === 1,
      (TARGET_SECONDS + 10) * 1000,
    );
    await row.locator('.sla-breached').waitFor();
    expect(await row.textContent()).toContain('breached');
    expect(await tileValue(sue, 'atRisk')).toBe(0);
    expect(Date.now() - created).toBeGreaterThanOrEqual(TARGET_SECONDS * 1000 - 1500);
    expect(await sue.getByRole('table', { name: 'By team' }).textContent()).toContain('Support');
    // Live, not reloaded: the mark set before the ticket arrived is still on the page.
    expect(await sue.evaluate(() => (window as unknown as { e2eMark?: number }).e2eMark)).toBe(markedAt);
    await screenshot(sue, 'supervisor-02-breached');
  });

  it('shows the clock and the breach readably on the ticket timeline', async () => {
    await sue.getByTestId('at-risk-row').filter({ hasText: 'Parcel missing' }).getByRole('button').click();
    const timeline = sue.getByRole('list', { name: 'Conversation' });
    await timeline.waitFor();
    await timeline
      .getByText(/First response due/)
      .first()
      .waitFor();
    await timeline
      .getByText(/breached/i)
      .first()
      .waitFor();
    await screenshot(sue, 'supervisor-03-timeline');
  });

  it('refuses an agent: 403 on the reports and the summary, and no Supervisor link', async () => {
    const ana = env.seeded.ana;
    expect((await env.rest.call('GET', '/api/reports/sla', { token: ana.token })).status).toBe(403);
    expect((await env.rest.call('GET', '/api/sla/summary', { token: ana.token })).status).toBe(403);
    expect(
      (
        await env.rest.call('GET', '/api/reports/sla', {
          token: await env.rest.login(SUE.email, SUE.password),
        })
      ).status,
    ).toBe(200);

    const anaContext = await env.browser.context(env.api.url);
    try {
      const page = await anaContext.newPage();
      await signIn(page, ana.email, ana.password);
      expect(await page.getByRole('link', { name: 'Supervisor' }).count()).toBe(0);
      await page.evaluate(() => (window.location.hash = '/supervisor'));
      await expect(page.getByRole('alert').textContent()).resolves.toMatch(/supervisors and admins/);
      await screenshot(page, 'supervisor-04-agent-refused');
    } finally {
      await anaContext.close();
    }
  });

  it('lets an admin reach the SLA policies from the dashboard', async () => {
    const adminContext = await env.browser.context(env.api.url);
    try {
      const page = await adminContext.newPage();
      await signIn(page, ADMIN.email, ADMIN.password);
      await page.getByRole('link', { name: 'Supervisor' }).click();
      await page.getByRole('link', { name: 'Business hours and SLA policies' }).click();
      await page.getByTestId('policy-row').filter({ hasText: 'E2E fast lane' }).waitFor();
      await page.getByLabel('E2E fast lane active').waitFor();
      await screenshot(page, 'supervisor-05-sla-admin');
    } finally {
      await adminContext.close();
    }
  });
});
