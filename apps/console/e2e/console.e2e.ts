import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { ADMIN } from './support/api-server';
import { screenshot, signIn } from './support/browser';
import { eventually, startEnvironment, type Environment } from './support/environment';

/**
 * The console against the real API and PostgreSQL, in chromium. The tests run in order and share
 * one API and one seeded database: Ana works tickets of team Support, Ben is her colleague in a
 * second browser context, and the customer writes through the API channel.
 */
let env: Environment;
let anaContext: BrowserContext;
let ana: Page;

const timeline = (page: Page) => page.getByRole('list', { name: 'Conversation' });
const queueRows = (page: Page) => page.getByTestId('ticket-row');
const composerText = (page: Page) => page.getByRole('region', { name: 'Composer' }).locator('textarea');

async function openQueue(page: Page, name: RegExp) {
  await page.getByRole('navigation', { name: 'Queues' }).getByRole('button', { name }).click();
}

async function openTicket(page: Page, ticketId: string) {
  await page.evaluate((id) => (window.location.hash = `/tickets/${id}`), ticketId);
  await page.getByRole('list', { name: 'Conversation' }).waitFor();
}

/** Marks the page, so a test can prove it was never reloaded. */
async function markPage(page: Page) {
  await page.evaluate(() => ((window as unknown as { e2eMark: boolean }).e2eMark = true));
}

async function stillSamePage(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { e2eMark?: boolean }).e2eMark === true);
}

async function writeAndSend(page: Page, kind: 'Reply' | 'Internal note', text: string) {
  await page.getByRole('tab', { name: kind }).click();
  await composerText(page).fill(text);
  await page.getByRole('button', { name: kind === 'Reply' ? 'Send reply' : 'Save note' }).click();
}

function delivered(text: string): Locator {
  return timeline(ana)
    .getByRole('article', { name: /^Reply from Ana Agent/ })
    .filter({ hasText: text });
}

beforeAll(async () => {
  env = await startEnvironment();
  anaContext = await env.browser.context(env.api.url);
  ana = await anaContext.newPage();
}, 120_000);

afterAll(async () => {
  await env?.stop();
}, 60_000);

describe('agent console in a browser', () => {
  let ticketId = '';
  const customer = { handle: 'carla@example.com', name: 'Carla Customer', threadKey: 'order-1001' };

  it('refuses wrong credentials with a clear message, then signs the agent in', async () => {
    await ana.goto('/');
    await ana.getByLabel('Email').fill(env.seeded.ana.email);
    await ana.getByLabel('Password').fill('not-the-password');
    await ana.getByRole('button', { name: 'Sign in' }).click();
    await expect(ana.getByRole('alert').textContent()).resolves.toMatch(/\S/);
    await screenshot(ana, '01-login-refused');
    await signIn(ana, env.seeded.ana.email, env.seeded.ana.password);
    await expect(ana.getByLabel('Signed in as').textContent()).resolves.toBe('Ana Agent');
  });

  it('shows a message posted through the API channel in the queue and the open ticket without a reload', async () => {
    await openQueue(ana, /^Unassigned/);
    await ana.getByText('No tickets here.').waitFor();
    await markPage(ana);

    const first = await env.rest.inbound(env.seeded.account, {
      ...customer,
      text: 'My blender arrived broken',
    });
    ticketId = first.ticketId;
    const row = queueRows(ana).filter({ hasText: 'My blender arrived broken' });
    await row.waitFor();
    await screenshot(ana, '02-queue-live');
    await row.click();
    await timeline(ana)
      .getByRole('article', { name: /^Customer message from Carla Customer/ })
      .waitFor();

    await env.rest.inbound(env.seeded.account, { ...customer, text: 'The lid is cracked too' });
    await timeline(ana).getByText('The lid is cracked too').waitFor();
    expect(await stillSamePage(ana)).toBe(true);
    await screenshot(ana, '03-ticket-live');
  });

  it('sends a reply that the customer receives and that shows as sent', async () => {
    await writeAndSend(ana, 'Reply', 'Sorry about that, Carla. A replacement is on its way.');
    const reply = delivered('A replacement is on its way');
    await reply.waitFor();
    await reply.locator('[data-delivery="sent"], [data-delivery="delivered"]').waitFor();
    const received = await eventually('the reply at the callback receiver', () =>
      env.receiver.forTicket(ticketId).find((m) => m.text.includes('replacement')),
    );
    expect(received.to.handle).toBe(customer.handle);
    await screenshot(ana, '04-reply-sent');
  });

  it('saves an internal note, styled apart and never sent to the customer', async () => {
    await writeAndSend(ana, 'Internal note', 'Courier confirmed damage in transit.');
    const note = timeline(ana)
      .getByRole('article', { name: /^Internal note from Ana Agent/ })
      .filter({ hasText: 'Courier confirmed damage' });
    await note.waitFor();
    expect(await note.locator('xpath=..').getAttribute('class')).toContain('internal');
    expect(env.receiver.forTicket(ticketId).some((m) => m.text.includes('Courier'))).toBe(false);
  });

  it('refuses a hold without a note, in the form and in the API', async () => {
    await ana.getByRole('button', { name: 'Hold…' }).click();
    const dialog = ana.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Put on hold' }).click();
    await expect(dialog.getByRole('alert').textContent()).resolves.toContain('A hold note is required');
    await screenshot(ana, '05-hold-refused');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    const api = await env.rest.call('POST', `/api/tickets/${ticketId}/hold`, {
      token: env.seeded.ana.token,
      body: { note: '' },
    });
    expect(api.status).toBe(400);
    expect(api.body.message).toMatch(/note/);
  });

  it('puts the ticket on hold with a note and tells the customer on their channel', async () => {
    await ana.getByRole('button', { name: 'Hold…' }).click();
    const dialog = ana.getByRole('dialog');
    await dialog.getByLabel('Why is it on hold?').fill('Waiting for the warehouse to confirm a replacement');
    await dialog.getByLabel('What was done so far?').fill('Checked the order, photos received');
    await dialog.getByLabel('What is next?').fill('Send the tracking number');
    await dialog.getByLabel(/Tell the customer/).check();
    // The text comes from the hold template and the agent may edit it before it goes out.
    const message = dialog.getByLabel('Message to the customer');
    const prefilled = await message.inputValue();
    expect(prefilled).toMatch(/^Hi Carla, your request #\d+ is on hold while we work on it\./);
    await message.fill(`${prefilled} The warehouse answers by Friday.`);
    await screenshot(ana, '06-hold-form');
    await dialog.getByRole('button', { name: 'Put on hold' }).click();
    await dialog.waitFor({ state: 'detached' });

    await ana.locator('.ticket-header .badge.status-on_hold').waitFor();
    await timeline(ana)
      .getByText(/put the ticket on hold and told the customer/)
      .waitFor();
    await timeline(ana)
      .getByRole('article', { name: /^Hold note from Ana Agent/ })
      .waitFor();
    const told = await eventually('the hold message at the customer', () =>
      env.receiver.forTicket(ticketId).find((m) => /is on hold/.test(m.text)),
    );
    expect(told.text).toContain("You don't need to write again");
    expect(told.text).toContain('The warehouse answers by Friday.');
    await ana.getByRole('button', { name: 'Resume' }).click();
    await ana.locator('.ticket-header .badge.status-open').waitFor();
  });

  it('refuses a transfer without a handoff note, in the form and in the API', async () => {
    await ana.getByRole('button', { name: 'Transfer…' }).click();
    const dialog = ana.getByRole('dialog');
    await dialog.getByLabel('Agent', { exact: true }).selectOption({ label: 'Ben Colleague' });
    await dialog.getByRole('button', { name: 'Transfer', exact: true }).click();
    await expect(dialog.getByRole('alert').textContent()).resolves.toContain('A handoff note is required');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    const api = await env.rest.call('POST', `/api/tickets/${ticketId}/transfer`, {
      token: env.seeded.ana.token,
      body: { toAgentId: env.seeded.ben.id, note: ' ' },
    });
    expect(api.status).toBe(400);
    expect(api.body.message).toMatch(/note/);
  });

  it('transfers to a colleague with a note, and the colleague sees the handoff card live', async () => {
    const benContext = await env.browser.context(env.api.url);
    try {
      const ben = await benContext.newPage();
      await signIn(ben, env.seeded.ben.email, env.seeded.ben.password);
      await openTicket(ben, ticketId);
      await markPage(ben);
      expect(await ben.getByTestId('handoff-card').count()).toBe(0);

      await ana.getByRole('button', { name: 'Transfer…' }).click();
      const dialog = ana.getByRole('dialog');
      await dialog.getByLabel('Agent', { exact: true }).selectOption({ label: 'Ben Colleague' });
      await dialog.getByLabel('What does the customer want?').fill('A replacement blender');
      await dialog.getByLabel('What was tried?').fill('Hold while the warehouse checked stock');
      await dialog.getByLabel('What comes next?').fill('Send the tracking number');
      await screenshot(ana, '07-transfer-form');
      await dialog.getByRole('button', { name: 'Transfer', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      await timeline(ana).getByText('Ana Agent transferred the ticket to Ben Colleague').waitFor();

      const card = ben.getByTestId('handoff-card');
      await card.waitFor();
      expect(await card.textContent()).toContain('Handoff from Ana Agent');
      expect(await card.textContent()).toContain('The customer wants: A replacement blender');
      expect(await stillSamePage(ben)).toBe(true);
      await screenshot(ben, '08-handoff-card');
      await card.getByRole('button', { name: 'Got it' }).click();
      await card.waitFor({ state: 'detached' });
      await timeline(ben).getByText('Ben Colleague acknowledged the handoff').waitFor();
    } finally {
      await benContext.close();
    }
  });

  it('shows "not found" for a ticket the agent may not see, and for one that does not exist', async () => {
    const hidden = await env.rest.inbound(env.seeded.otherAccount, {
      handle: 'dan@example.com',
      name: 'Dan',
      text: 'Team Other only',
    });
    await ana.evaluate((id) => (window.location.hash = `/tickets/${id}`), hidden.ticketId);
    await ana.getByRole('heading', { name: 'Ticket not found' }).waitFor();
    expect(await ana.getByText('Team Other only').count()).toBe(0);
    await screenshot(ana, '09-not-found');
    const olgaSees = await env.rest.call('GET', `/api/tickets/${hidden.ticketId}`, {
      token: env.seeded.olga.token,
    });
    expect(olgaSees.status).toBe(200);

    await ana.evaluate(() => (window.location.hash = '/tickets/00000000-0000-4000-8000-000000000000'));
    await ana.getByRole('heading', { name: 'Ticket not found' }).waitFor();
  });

  it('holds a reply drafted while the customer wrote again, until the agent reviews it', async () => {
    const other = { handle: 'eve@example.com', name: 'Eve Example', threadKey: 'order-2002' };
    const { ticketId: guarded } = await env.rest.inbound(env.seeded.account, {
      ...other,
      text: 'Where is my parcel?',
    });
    await openTicket(ana, guarded);
    await ana.getByRole('tab', { name: 'Reply' }).click();
    await composerText(ana).fill('It left the warehouse yesterday.');

    await env.rest.inbound(env.seeded.account, {
      ...other,
      text: 'Never mind, it just arrived — but it is the wrong colour',
    });
    await timeline(ana).getByText('it is the wrong colour').waitFor();
    await ana.getByRole('button', { name: 'Send reply' }).click();
    const guard = ana.locator('.send-guard');
    await guard.waitFor();
    expect(await guard.textContent()).toContain('the customer wrote again');
    await screenshot(ana, '10-send-guard');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(env.receiver.forTicket(guarded)).toHaveLength(0);

    await guard.getByRole('button', { name: 'Discard draft' }).click();
    await writeAndSend(ana, 'Reply', 'Sorry! I will send the right colour today.');
    await eventually('the reviewed reply at the customer', () =>
      env.receiver.forTicket(guarded).find((m) => m.text.includes('right colour')),
    );
    expect(env.receiver.forTicket(guarded).some((m) => m.text.includes('left the warehouse'))).toBe(false);
  });

  it('shows "reconnecting" while the API is down and, once back, what was missed, without a reload', async () => {
    await openQueue(ana, /^Support/);
    await openTicket(ana, ticketId);
    await markPage(ana);
    // Keep the live connection from coming back by itself, so the events below are really missed.
    let blocked = true;
    await ana.route('**/socket.io/**', (route) =>
      blocked ? route.abort('connectionrefused') : route.continue(),
    );

    await env.api.stop();
    const banner = ana.getByText('Live updates paused — reconnecting…');
    await banner.waitFor();
    await screenshot(ana, '11-reconnecting');
    await env.api.start();

    await env.rest.inbound(env.seeded.account, { ...customer, text: 'Hello? Any news on my order?' });
    const fresh = await env.rest.inbound(env.seeded.account, {
      handle: 'finn@example.com',
      name: 'Finn',
      text: 'New problem while you were away',
    });
    expect(fresh.ticketId).not.toBe(ticketId);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await timeline(ana).getByText('Any news on my order?').count()).toBe(0);

    blocked = false;
    await banner.waitFor({ state: 'detached', timeout: 30_000 });
    await timeline(ana).getByText('Any news on my order?').waitFor();
    await queueRows(ana).filter({ hasText: 'New problem while you were away' }).waitFor();
    expect(await stillSamePage(ana)).toBe(true);
    await ana.unroute('**/socket.io/**');
    await screenshot(ana, '12-resynced');
  });

  it('lets an admin manage canned replies that agents then insert', async () => {
    const adminContext = await env.browser.context(env.api.url);
    try {
      const admin = await adminContext.newPage();
      await signIn(admin, ADMIN.email, ADMIN.password);
      await admin.getByRole('link', { name: 'Admin' }).click();
      await admin.getByRole('heading', { name: 'Canned replies' }).waitFor();
      await admin
        .getByRole('list', { name: 'Canned replies' })
        .getByText('Looking into it', { exact: true })
        .waitFor();
      const form = admin.locator('.canned-form').last();
      await form.getByLabel('Title').fill('Tracking number');
      await form
        .getByLabel('Text')
        .fill('Hi {{contact.first_name}}, the tracking number of #{{ticket.number}} follows.');
      await form.getByRole('button', { name: 'Add canned reply' }).click();
      await admin
        .getByRole('list', { name: 'Canned replies' })
        .getByText('Tracking number', { exact: true })
        .waitFor();
      await screenshot(admin, '13-admin-canned-replies');
    } finally {
      await adminContext.close();
    }
    const agents = await env.rest.call('GET', '/api/canned-replies', { token: env.seeded.ana.token });
    expect(agents.body.items.map((r: { title: string }) => r.title)).toContain('Tracking number');
    expect(await ana.getByRole('link', { name: 'Admin' }).count()).toBe(0);
  });
});
