import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { DESKTOP, PHONE, TABLET, screenshot, signIn, type Device } from './support/browser';
import { eventually, startEnvironment, type Environment } from './support/environment';

/**
 * What an agent sees of the queue while others work, at desktop, tablet and phone sizes: lists and
 * sidebar counts agree after a hold without a reload, rows move when their time label moves,
 * and a phone shows one pane at a time that never scrolls sideways.
 */
let env: Environment;
let db: pg.Client;

const queueRows = (page: Page) => page.getByTestId('ticket-row');
const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Queues' });
const composerText = (page: Page) => page.getByRole('region', { name: 'Composer' }).locator('textarea');

async function openQueue(page: Page, name: RegExp) {
  await sidebar(page).getByRole('button', { name }).click();
}

/** "now", "13m", "2h", "3d" in minutes, so rows can be checked for order. */
function ageInMinutes(label: string): number {
  if (label === 'now') return 0;
  const match = /^(\d+)([mhd])$/.exec(label);
  if (!match) return Number.POSITIVE_INFINITY;
  return Number(match[1]) * { m: 1, h: 60, d: 1440 }[match[2] as 'm' | 'h' | 'd'];
}

async function rowTimeLabels(page: Page): Promise<string[]> {
  return queueRows(page).locator('.row-time').allTextContents();
}

/** The count over the list ("4 tickets") and the sidebar's count of the same queue. */
async function listAndSidebarCounts(page: Page, queue: 'mine' | 'unassigned') {
  const header = (await page.locator('#queue-title + span').textContent()) ?? '';
  const side = (await page.getByTestId(`count-${queue}`).textContent()) ?? '';
  return { list: header.trim(), sidebar: ticketCount(Number.parseInt(side.trim(), 10)) };
}

/** How the list header counts: "1 ticket", "3 tickets". */
const ticketCount = (n: number) => `${n} ${n === 1 ? 'ticket' : 'tickets'}`;

/** The console with its default queue filters, whatever a test before left in storage. */
async function reloadWithDefaultFilters(page: Page) {
  await page.evaluate(() => localStorage.removeItem('switchboard.filters'));
  await page.goto('/');
}

async function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

beforeAll(async () => {
  env = await startEnvironment();
  db = new pg.Client({ connectionString: env.databaseUrl });
  await db.connect();
}, 180_000);

afterAll(async () => {
  await db?.end().catch(() => undefined);
  await env?.stop();
}, 60_000);

describe.each([
  ['desktop 1440x900', 'desk', DESKTOP],
  ['tablet 820x1180', 'tablet', TABLET],
  ['phone 390x844', 'phone', PHONE],
] as [string, string, Device][])('the queue at %s', (_label, tag, device) => {
  const width = device.viewport!.width;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await env.browser.context(env.api.url, device);
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('takes a held ticket out of Unassigned and into Mine at once, lists and sidebar agreeing', async () => {
    const { account, ana } = env.seeded;
    const held = await env.rest.inbound(account, {
      text: `${tag} hold: the parcel never came`,
      handle: `${tag}-hold@example.com`,
      name: 'Hilde Hold',
    });
    for (const n of [1, 2])
      await env.rest.inbound(account, {
        text: `${tag} waiting ${n}`,
        handle: `${tag}-wait-${n}@example.com`,
      });
    await signIn(page, ana.email, ana.password);
    await openQueue(page, /^Unassigned/);
    const heldRow = queueRows(page).filter({ hasText: `${tag} hold:` });
    await heldRow.waitFor();
    await eventually('the Unassigned list and its sidebar count to agree', async () => {
      const counts = await listAndSidebarCounts(page, 'unassigned');
      return counts.list === counts.sidebar;
    });
    const before = await listAndSidebarCounts(page, 'unassigned');

    // Ana holds it from another tab: Hold assigns the ticket to the one who holds it.
    await env.rest.ok('POST', `/api/tickets/${held.ticketId}/hold`, {
      token: ana.token,
      body: {
        why: 'Waiting for the courier to answer',
        done: 'Asked the courier where the parcel is',
        next: 'Tell the customer when it ships',
      },
    });

    await heldRow.waitFor({ state: 'detached' });
    const expected = ticketCount(Number.parseInt(before.list, 10) - 1);
    const after = await eventually('Unassigned to drop the held ticket in list and sidebar', async () => {
      const counts = await listAndSidebarCounts(page, 'unassigned');
      return counts.list === expected && counts.sidebar === expected ? counts : null;
    }).catch(async (error: Error) => {
      throw new Error(
        `${error.message}; shows ${JSON.stringify(await listAndSidebarCounts(page, 'unassigned'))}`,
      );
    });
    expect(after).toEqual({ list: expected, sidebar: expected });

    await openQueue(page, /^Mine/);
    await queueRows(page)
      .filter({ hasText: `${tag} hold:` })
      .waitFor();
    const mine = await eventually('Mine in list and sidebar to agree', async () => {
      const counts = await listAndSidebarCounts(page, 'mine');
      return counts.list === counts.sidebar ? counts : null;
    }).catch(async (error: Error) => {
      throw new Error(`${error.message}; shows ${JSON.stringify(await listAndSidebarCounts(page, 'mine'))}`);
    });
    expect(mine.list).toBe(mine.sidebar);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
  });

  it('moves a row when its time label moves: a customer message lifts it, a note moves neither', async () => {
    const { account, ben } = env.seeded;
    const tickets: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };
    for (const name of ['A', 'B', 'C'] as const)
      tickets[name] = (
        await env.rest.inbound(account, {
          text: `${tag} sort ${name}`,
          handle: `${tag}-sort-${name}@example.com`,
          threadKey: `${tag}-sort-${name}`,
        })
      ).ticketId;
    // A was last active 15 minutes ago, B 14, C 13, as if the morning went on. A tag of their own
    // lets the queue show just these three, so all fit on a phone's screen.
    for (const [name, minutes] of [
      ['A', 15],
      ['B', 14],
      ['C', 13],
    ] as const)
      await db.query(
        `UPDATE tickets SET tags = ARRAY[$3], updated_at = now() - make_interval(mins => $2), last_message_at = now() - make_interval(mins => $2) WHERE id = $1`,
        [tickets[name], minutes, `${tag}-sorting`],
      );
    await reloadWithDefaultFilters(page);
    await openQueue(page, /^Unassigned/);
    const tagFilter = page.getByLabel('Tag', { exact: true });
    await tagFilter.fill(`${tag}-sorting`);
    await tagFilter.press('Enter');
    const rowOf = (name: string) => queueRows(page).filter({ hasText: `${tag} sort ${name}` });
    await rowOf('A').waitFor();
    const inOrder = async () => {
      const ages = (await rowTimeLabels(page)).map(ageInMinutes);
      return ages.every((age, i) => i === 0 || ages[i - 1] <= age);
    };
    expect(await inOrder()).toBe(true);

    await env.rest.ok('POST', `/api/tickets/${tickets.B}/messages`, {
      token: ben.token,
      body: { kind: 'note', body: 'Checked the warehouse log' },
    });
    // The customer writes on A after the note, so once A moved, the note's event has arrived too.
    await env.rest.inbound(account, {
      text: `${tag} sort A: any news?`,
      handle: `${tag}-sort-A@example.com`,
      threadKey: `${tag}-sort-A`,
    });
    await eventually('the row of A to say "now"', async () =>
      (await rowOf('A').locator('.row-time').textContent()) === 'now' ? true : null,
    );
    const first = await eventually('the row of A to come first', async () => {
      const text = (await queueRows(page).first().textContent()) ?? '';
      return text.includes(`${tag} sort A`) ? text : null;
    }).catch(async (error: Error) => {
      throw new Error(`${error.message}; rows read ${JSON.stringify(await rowTimeLabels(page))}`);
    });
    expect(first).toContain(`${tag} sort A`);
    expect(await inOrder()).toBe(true);
    await tagFilter.fill('');
    await tagFilter.press('Enter');
  });

  it('opens a ticket, replies and goes back, never scrolling sideways', async () => {
    const { account } = env.seeded;
    await env.rest.inbound(account, {
      text: `${tag} phone: my order is late`,
      handle: `${tag}-pane@example.com`,
      name: 'Paula Pane',
    });
    await reloadWithDefaultFilters(page);
    // The team's queue, where the ticket stays once the reply assigns it to Ana.
    await openQueue(page, /^Support/);
    const row = queueRows(page).filter({ hasText: `${tag} phone:` });
    await row.waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
    const signOut = await page.getByRole('button', { name: 'Sign out' }).boundingBox();
    expect(signOut && signOut.x >= 0 && signOut.x + signOut.width <= width).toBe(true);

    await row.click();
    await composerText(page).waitFor();
    const composer = await composerText(page).boundingBox();
    expect(composer?.width ?? 0).toBeGreaterThan(width < 500 ? 300 : 400);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
    await screenshot(page, `live-lists-${tag}-ticket`);

    await composerText(page).fill('It ships today.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page
      .getByRole('list', { name: 'Conversation' })
      .getByRole('article', { name: /^Reply from Ana Agent/ })
      .filter({ hasText: 'It ships today.' })
      .waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(width);

    if (width < 768) {
      // One pane at a time: the queue is away while the ticket is open, and comes back on Back.
      expect(await queueRows(page).count()).toBe(0);
      const back = page.getByRole('button', { name: 'Back to the queue' });
      const box = await back.boundingBox();
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
      await page.getByRole('button', { name: 'Contact' }).click();
      await page.getByRole('complementary', { name: 'Contact' }).waitFor();
      expect(await composerText(page).isVisible()).toBe(false);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
      await page.goBack();
      await composerText(page).waitFor();
      await back.click();
      await row.waitFor();
      expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
      // The browser's own back button leaves the ticket the same way.
      await row.click();
      await composerText(page).waitFor();
      await page.goBack();
      await row.waitFor();
      expect(await composerText(page).count()).toBe(0);
    } else if (width <= 1100) {
      // Two panes: the queue stays beside the ticket; the contact takes the ticket's place.
      expect(await row.isVisible()).toBe(true);
      await page.getByRole('button', { name: 'Contact' }).click();
      await page.getByRole('complementary', { name: 'Contact' }).waitFor();
      expect(await row.isVisible()).toBe(true);
      await page.getByRole('button', { name: 'Back to the ticket' }).click();
      await composerText(page).waitFor();
    } else {
      // Three panes side by side: the queue and the contact stay beside the ticket.
      expect(await row.isVisible()).toBe(true);
      expect(await page.getByRole('complementary', { name: 'Contact' }).isVisible()).toBe(true);
    }
    expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
    await screenshot(page, `live-lists-${tag}-back`);
  });
});
