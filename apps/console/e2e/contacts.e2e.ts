import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN } from './support/api-server';
import { DESKTOP, PHONE, screenshot, signIn } from './support/browser';
import { eventually, startEnvironment, type Environment } from './support/environment';

/**
 * The contacts workspace in the browser: an agent finds a customer who wrote by email and by SMS
 * and reads one history across both channels, with links to each ticket; a supervisor merges a
 * duplicate contact after seeing what moves; on a phone nothing scrolls sideways.
 */
let env: Environment;
let db: pg.Client;
let contactId = '';
const tickets: Record<'email' | 'sms', { id: string; number: number }> = {} as never;

/** A ticket of the contact on a channel account of team Support, with one customer message. */
async function seedTicket(kind: 'email' | 'twilio_sms', subject: string, text: string, minutesAgo: number) {
  const [account] = (
    await db.query(`INSERT INTO channel_accounts (kind, name, team_id) VALUES ($1, $2, $3) RETURNING id`, [
      kind,
      `${kind} inbox`,
      env.seeded.support.id,
    ])
  ).rows;
  const [ticket] = (
    await db.query(
      `INSERT INTO tickets (subject, status, channel, channel_account_id, contact_id, team_id, created_at, last_message_at)
       VALUES ($1, 'open', $2, $3, $4, $5, now() - $6 * interval '1 minute', now() - $6 * interval '1 minute')
       RETURNING id, number`,
      [subject, kind, account.id, contactId, env.seeded.support.id, minutesAgo],
    )
  ).rows;
  await db.query(
    `INSERT INTO messages (ticket_id, direction, channel, channel_account_id, text, created_at)
     VALUES ($1, 'in', $2, $3, $4, now() - $5 * interval '1 minute')`,
    [ticket.id, kind, account.id, text, minutesAgo],
  );
  return { id: ticket.id as string, number: Number(ticket.number) };
}

beforeAll(async () => {
  env = await startEnvironment();
  db = new pg.Client({ connectionString: env.databaseUrl });
  await db.connect();
  const { account, ana } = env.seeded;
  const first = await env.rest.inbound(account, {
    handle: 'rosa@example.com',
    name: 'Rosa Parkinson',
    text: 'Where is my order?',
  });
  contactId = (await env.rest.ok('GET', `/api/tickets/${first.ticketId}`, { token: ana.token })).contact.id;
  await env.rest.ok('PATCH', `/api/contacts/${contactId}`, {
    token: ana.token,
    body: {
      identities: {
        add: [
          { kind: 'email', address: 'rosa@example.com' },
          { kind: 'phone', address: '+4915112345678' },
        ],
      },
    },
  });
  tickets.email = await seedTicket('email', 'Invoice copy please', 'Could you send the invoice again?', 30);
  tickets.sms = await seedTicket('twilio_sms', '', 'Texting because email is slow', 10);
}, 180_000);

afterAll(async () => {
  await db?.end().catch(() => undefined);
  await env?.stop();
}, 60_000);

describe('the contact page', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await env.browser.context(env.api.url, DESKTOP);
    page = await context.newPage();
  });
  afterAll(() => context?.close());

  it('finds the customer by part of an address and shows one timeline across email and SMS, linked to each ticket', async () => {
    await signIn(page, env.seeded.ana.email, env.seeded.ana.password);
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByLabel('Search contacts').fill('4915112');
    const row = page.getByTestId('contact-row').filter({ hasText: 'Rosa Parkinson' });
    await row.click();

    const timeline = page.getByRole('region', { name: 'History across channels' });
    const entries = timeline.getByTestId('contact-timeline-entry');
    await eventually('three messages on the timeline', async () => (await entries.count()) === 3);
    // Newest first, each with its channel's icon: the API message just now, the SMS, then the email.
    await expect(entries.nth(0).textContent()).resolves.toContain('Where is my order?');
    await expect(entries.nth(1).textContent()).resolves.toContain('Texting because email is slow');
    await expect(entries.nth(1).getByRole('img', { name: 'SMS' }).count()).resolves.toBe(1);
    await expect(entries.nth(2).textContent()).resolves.toContain('Could you send the invoice again?');
    await expect(entries.nth(2).getByRole('img', { name: 'Email' }).count()).resolves.toBe(1);
    await screenshot(page, 'contact-page-desktop');

    await entries
      .nth(2)
      .getByRole('link', { name: new RegExp(`#${tickets.email.number}`) })
      .click();
    await eventually('the email ticket to open', () => page.url().includes(`#/tickets/${tickets.email.id}`));
    await page.getByText('Could you send the invoice again?').first().waitFor();
  });

  it('adds a note and saves the profile; a bad time zone is refused with the reason', async () => {
    await page.goto(`/#/contacts/${contactId}`);
    await page.getByLabel('Note for colleagues').fill('Prefers SMS after 6pm');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByRole('region', { name: 'Notes' }).getByText('Prefers SMS after 6pm').waitFor();

    await page.getByLabel('Time zone').fill('Mars/Olympus');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /IANA time zone/ })
      .waitFor();
    await page.getByLabel('Time zone').fill('Europe/Berlin');
    await page.getByLabel('Tags').fill('VIP, wholesale');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Profile saved.').waitFor();
    const saved = await env.rest.ok('GET', `/api/contacts/${contactId}`, { token: env.seeded.ana.token });
    expect(saved).toMatchObject({ timeZone: 'Europe/Berlin', tags: ['vip', 'wholesale'] });
  });
});

describe('merging a duplicate contact', () => {
  it('shows what moves, then moves it', async () => {
    const duplicate = await env.rest.inbound(env.seeded.account, {
      handle: 'rosa.p@work.example',
      name: 'R. Parkinson',
      text: 'Writing from my work address',
      subject: 'Work order',
    });
    const admin = await env.rest.login(ADMIN.email, ADMIN.password);
    const duplicateTicket = await env.rest.ok('GET', `/api/tickets/${duplicate.ticketId}`, { token: admin });
    const context = await env.browser.context(env.api.url, DESKTOP);
    try {
      const page = await context.newPage();
      await signIn(page, ADMIN.email, ADMIN.password);
      await page.goto(`/#/contacts/${contactId}`);
      await page.getByRole('button', { name: 'Merge with…' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Find the other contact').fill('work.example');
      await dialog.getByRole('button', { name: /R\. Parkinson/ }).click();
      const preview = dialog.getByTestId('merge-preview');
      await preview.getByText('rosa.p@work.example').waitFor();
      await preview.getByText(`#${duplicateTicket.number} Work order`).waitFor();
      // Nothing has moved yet: the preview is only a preview.
      expect(
        (await env.rest.call('GET', `/api/contacts/${duplicateTicket.contact.id}`, { token: admin })).status,
      ).toBe(200);

      await preview.getByRole('button', { name: 'Merge contacts' }).click();
      await page.getByText('Contacts merged. Moved here: addresses 1, tickets 1.').waitFor();
      await page.getByRole('region', { name: 'Addresses' }).getByText('rosa.p@work.example').waitFor();
      await page
        .getByRole('region', { name: 'History across channels' })
        .getByText('Writing from my work address')
        .waitFor();
      expect(
        (await env.rest.call('GET', `/api/contacts/${duplicateTicket.contact.id}`, { token: admin })).status,
      ).toBe(404);
    } finally {
      await context.close();
    }
  });
});

describe('on a phone', () => {
  it('shows the list, then the contact with a way back, never wider than the screen', async () => {
    const context = await env.browser.context(env.api.url, PHONE);
    try {
      const page = await context.newPage();
      await signIn(page, env.seeded.ana.email, env.seeded.ana.password);
      await page.goto('/#/contacts');
      await page.getByTestId('contact-row').first().waitFor();
      const width = () => page.evaluate(() => document.documentElement.scrollWidth);
      expect(await width()).toBeLessThanOrEqual(390);
      await page.getByTestId('contact-row').filter({ hasText: 'Rosa Parkinson' }).click();
      await page
        .getByRole('region', { name: 'History across channels' })
        .getByTestId('contact-timeline-entry')
        .first()
        .waitFor();
      expect(await width()).toBeLessThanOrEqual(390);
      await screenshot(page, 'contact-page-phone');
      await page.getByRole('button', { name: 'Back to contacts' }).click();
      await page.getByLabel('Search contacts').waitFor();
    } finally {
      await context.close();
    }
  });
});
