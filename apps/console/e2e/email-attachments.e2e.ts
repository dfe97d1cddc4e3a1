import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import type { MailUser } from '../../api/src/test-support/dovecot';
import { mail } from '../../api/src/test-support/email-harness';
import { screenshot, signIn } from './support/browser';
import { eventually, startMailEnvironment, type MailEnvironment } from './support/environment';

/**
 * In the browser: an agent attaches files to an email reply in the console, the
 * customer receives them (real SMTP server) byte for byte, and the agent downloads them again
 * from the timeline.
 */
const MAILBOX: MailUser = { user: 'orders@files-support.test', password: 'orders-pw' };
const QUOTE = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(4000), Buffer.from('\n%%EOF\n')]);
const PHOTO = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(1500)]);

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

const timeline = (page: Page) => page.getByRole('list', { name: 'Conversation' });

describe('attachments on email replies in the console', () => {
  it('Ana attaches two files, removes a wrong one, sends; the customer gets both and Ana downloads them back', async () => {
    await env.connectMailbox('Orders', MAILBOX);
    await env.dovecot.append(
      MAILBOX,
      mail({
        from: 'Olga Buyer <olga@customer.test>',
        to: MAILBOX.user,
        subject: 'Quote please',
        text: 'Could you send a quote and a photo?',
        messageId: '<olga-1@customer.test>',
      }),
    );
    const row = await eventually(
      'the customer mail stored',
      async () =>
        (
          await env.db.query<{ ticket_id: string }>(
            `SELECT ticket_id FROM messages WHERE external_id = '<olga-1@customer.test>'`,
          )
        ).rows[0],
      60_000,
    );

    await signIn(ana, env.seeded.ana.email, env.seeded.ana.password);
    await ana.evaluate((id) => (window.location.hash = `/tickets/${id}`), row.ticket_id);
    await timeline(ana)
      .getByRole('article', { name: /^Customer message from/ })
      .waitFor();

    const composer = ana.getByRole('region', { name: 'Composer' });
    await composer.getByRole('tab', { name: 'Reply' }).click();
    await composer.locator('textarea').fill('Here are the quote and a photo of the chair.');
    await composer.getByLabel('Attach files').setInputFiles([
      { name: 'quote.pdf', mimeType: 'application/pdf', buffer: QUOTE },
      { name: 'wrong.txt', mimeType: 'text/plain', buffer: Buffer.from('not this one') },
      { name: 'chair.png', mimeType: 'image/png', buffer: PHOTO },
    ]);
    const chips = composer.getByRole('list', { name: 'Attached files' });
    await chips.getByText('chair.png').waitFor();
    await composer.getByRole('button', { name: 'Remove wrong.txt' }).click();
    await expect(chips.getByRole('listitem').allTextContents()).resolves.toEqual([
      expect.stringContaining('quote.pdf'),
      expect.stringContaining('chair.png'),
    ]);
    await expect(chips.getByText('uploading…').count()).resolves.toBe(0);
    await screenshot(ana, 'attachments-01-composer');
    await composer.getByRole('button', { name: 'Send reply' }).click();

    // The customer's mail carries both files, byte for byte, and not the removed one.
    const sent = await eventually(
      'the reply at the SMTP sink',
      async () => env.sink.received.find((m) => m.to.includes('olga@customer.test')),
      30_000,
    );
    expect(sent.parsed.attachments.map((a) => a.filename)).toEqual(['quote.pdf', 'chair.png']);
    expect(sent.parsed.attachments[0].content.equals(QUOTE)).toBe(true);
    expect(sent.parsed.attachments[1].content.equals(PHOTO)).toBe(true);
    expect(sent.parsed.inReplyTo).toBe('<olga-1@customer.test>');

    // The reply in the timeline lists them; a click downloads the same bytes.
    const reply = timeline(ana)
      .getByRole('article', { name: /^Reply from Ana Agent/ })
      .filter({ hasText: 'Here are the quote' });
    const files = reply.getByRole('list', { name: 'Attachments' });
    await files.getByRole('link', { name: 'quote.pdf' }).waitFor();
    await expect(composer.getByRole('list', { name: 'Attached files' }).count()).resolves.toBe(0);
    const [download] = await Promise.all([
      ana.waitForEvent('download'),
      files.getByRole('link', { name: 'quote.pdf' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('quote.pdf');
    expect((await readFile((await download.path())!)).equals(QUOTE)).toBe(true);
    await screenshot(ana, 'attachments-02-timeline');
  });
});
