import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import type { MailUser } from '../../api/src/test-support/dovecot';
import { screenshot, signIn } from './support/browser';
import { eventually, startMailEnvironment, type MailEnvironment } from './support/environment';

/**
 * An agent starts an email conversation from the console: the dialog opens the new ticket, the
 * customer (and the colleague in Cc) receive the mail with the attached file, and the agent
 * follows the ticket.
 */
const MAILBOX: MailUser = { user: 'outreach@start-support.test', password: 'outreach-pw' };

let env: MailEnvironment;
let context: BrowserContext;
let ana: Page;

beforeAll(async () => {
  env = await startMailEnvironment([MAILBOX]);
  context = await env.browser.context(env.api.url);
  ana = await context.newPage();
}, 180_000);

afterAll(async () => {
  await env?.stop();
}, 60_000);

describe('a new outbound email conversation from the console', () => {
  it('Ana writes to a new address with a colleague in Cc and a file; the ticket opens and the mail goes out', async () => {
    await env.connectMailbox('Outreach', MAILBOX);
    await signIn(ana, env.seeded.ana.email, env.seeded.ana.password);

    await ana.getByRole('button', { name: 'New conversation' }).click();
    const dialog = ana.getByRole('dialog', { name: 'New conversation' });
    await dialog.getByLabel('Send from').selectOption({ label: 'Email · Outreach' });
    await dialog.getByLabel('To', { exact: true }).fill('nora@customer.test');
    await dialog.getByLabel('Cc', { exact: true }).fill('lead@customer.test');
    await dialog.getByLabel('Subject').fill('Your trial ends Friday');
    await dialog.getByLabel('Message').fill('Hello Nora,\n\nshall we extend your trial?');
    const offer = Buffer.from('%PDF-1.4 extension offer');
    await dialog
      .getByLabel('Attach files')
      .setInputFiles([{ name: 'offer.pdf', mimeType: 'application/pdf', buffer: offer }]);
    const chips = dialog.getByRole('list', { name: 'Attached files' });
    await chips.getByText('offer.pdf').waitFor();
    await chips.getByText('uploading').waitFor({ state: 'detached' });
    await dialog.getByRole('button', { name: 'Start conversation' }).click();

    await ana.getByRole('heading', { name: /Your trial ends Friday/ }).waitFor();
    await dialog.waitFor({ state: 'detached' });
    const ticketId = /#\/tickets\/([0-9a-f-]{36})/.exec(await ana.evaluate(() => window.location.hash))?.[1];
    expect(ticketId).toBeDefined();

    const sent = await eventually(
      'the mail at the SMTP sink',
      async () => env.sink.received.find((m) => m.to.includes('nora@customer.test')),
      60_000,
    );
    expect(sent.to.sort()).toEqual(['lead@customer.test', 'nora@customer.test']);
    expect(sent.parsed.subject).toMatch(/^Your trial ends Friday \[#\d+\]$/);
    expect(sent.parsed.text).toContain('shall we extend your trial?');
    expect(sent.parsed.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([
      ['offer.pdf', '%PDF-1.4 extension offer'],
    ]);

    const header = ana.locator('header.ticket-header');
    await header.getByRole('button', { name: 'Follow' }).click();
    await header.getByRole('button', { name: 'Unfollow' }).waitFor();
    await header.getByText(`Follower: ${env.seeded.ana.name}`).waitFor();
    const followers = await env.db.query(`SELECT 1 FROM ticket_followers WHERE ticket_id = $1`, [ticketId]);
    expect(followers.rows).toHaveLength(1);
    await screenshot(ana, 'new-conversation');
  });
});
