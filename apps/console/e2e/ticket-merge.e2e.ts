import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN } from './support/api-server';
import { screenshot, signIn } from './support/browser';
import { eventually, startEnvironment, type Environment } from './support/environment';

/**
 * Merging from the real console: an agent finds the ticket to merge into, sees what moves before
 * merging, both tickets show the link, and Undo takes it back.
 */
let env: Environment;
let context: BrowserContext;
let ana: Page;
let admin: string;

const timeline = (page: Page) => page.getByRole('list', { name: 'Conversation' });
const ticket = (id: string) =>
  env.rest.ok<{ status: string; number: number }>('GET', `/api/tickets/${id}`, { token: admin });

async function openTicket(page: Page, ticketId: string) {
  await page.evaluate((id) => (window.location.hash = `/tickets/${id}`), ticketId);
  await timeline(page).waitFor();
}

beforeAll(async () => {
  env = await startEnvironment();
  admin = await env.rest.login(ADMIN.email, ADMIN.password);
  context = await env.browser.context(env.api.url);
  ana = await context.newPage();
  await ana.setViewportSize({ width: 1440, height: 900 });
  await signIn(ana, env.seeded.ana.email, env.seeded.ana.password);
}, 180_000);

afterAll(async () => {
  await env?.stop();
}, 60_000);

describe('merging tickets in the console', () => {
  it('"Merge into…" finds the ticket, previews what moves, merges, links both, and Undo restores them', async () => {
    const handle = 'kettle-merge@example.com';
    const source = await env.rest.inbound(env.seeded.account, {
      text: 'My blue kettle leaks',
      handle,
      name: 'Kim Kettle',
      threadKey: 'kettle-a',
    });
    const target = await env.rest.inbound(env.seeded.account, {
      text: 'Can I get a refund for the kettle?',
      handle,
      name: 'Kim Kettle',
      threadKey: 'kettle-b',
    });
    expect(source.ticketId).not.toBe(target.ticketId);
    const [from, into] = [await ticket(source.ticketId), await ticket(target.ticketId)];

    await openTicket(ana, source.ticketId);
    await ana.getByRole('button', { name: 'Merge into…' }).click();
    const dialog = ana.getByRole('dialog');
    await dialog.getByLabel('Find the ticket to merge into').fill(String(into.number));
    await dialog.getByRole('radio', { name: new RegExp(`#${into.number}\\b`) }).check();
    const preview = dialog.getByTestId('merge-preview');
    await preview.waitFor();
    expect(await preview.innerText()).toContain('1 message');
    expect(await preview.innerText()).toContain('0 notes');
    expect(await preview.innerText()).toContain('Kim Kettle');
    await screenshot(ana, 'merge-preview');
    await dialog.getByRole('button', { name: `Merge into #${into.number}` }).click();

    // The toast offers Undo; the source shows where it went.
    await ana.getByRole('status').getByText(`#${from.number} merged into #${into.number}`).waitFor();
    const banner = ana.getByTestId('ticket-links');
    await banner.getByText('Merged into').waitFor();
    expect(await banner.getByRole('link', { name: `#${into.number}` }).getAttribute('href')).toBe(
      `#/tickets/${target.ticketId}`,
    );
    expect((await ticket(source.ticketId)).status).toBe('closed');

    // The target holds both conversations and names where they came from.
    await openTicket(ana, target.ticketId);
    await timeline(ana).getByText('My blue kettle leaks').waitFor();
    await timeline(ana).getByText('Can I get a refund for the kettle?').waitFor();
    await ana.getByTestId('ticket-links').getByText('was merged into this ticket').waitFor();
    await screenshot(ana, 'merge-target');

    // Undo from the banner: each ticket has its own conversation again.
    await ana.getByTestId('ticket-links').getByRole('button', { name: 'Undo' }).click();
    await eventually(
      'the merged message to go back to its own ticket',
      async () => (await timeline(ana).getByText('My blue kettle leaks').count()) === 0,
    );
    // The banner's own query refreshes on the same live event, a moment later.
    await eventually(
      'the merge banner to go',
      async () => (await ana.getByTestId('ticket-links').count()) === 0,
    );
    expect((await ticket(source.ticketId)).status).toBe(from.status);
  });
});
