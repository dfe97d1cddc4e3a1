import { afterAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractBounce } from '../content/bounce.js';
import { classifyAutomated, shouldAutoAcknowledge } from '../content/loop-guard.js';
import { MailParseError, MailParserPool, type ParsedMail } from '../content/parse-mail.js';
import { toInboundMessage } from '../content/to-inbound.js';
import { fixturesDir } from './fixtures-dir.js';

const dir = join(fixturesDir(), 'mime');
const files = readdirSync(dir)
  .filter((n) => n.endsWith('.eml'))
  .sort();
const pool = new MailParserPool({ timeoutMs: 10_000 });
afterAll(() => pool.close());

const parse = (name: string) => pool.parse(readFileSync(join(dir, name)));
const account = { id: 'acc-1', address: 'support@example.com' };
const options = { replyAddressSecret: 'secret', maxAttachmentBytes: 10 * 1024 * 1024 };
const ackFor = (mail: ParsedMail) =>
  shouldAutoAcknowledge({
    classification: classifyAutomated(mail),
    recentAcknowledgementsAt: [],
    capPerHour: 3,
    now: new Date(),
  });

describe('MIME corpus (postal-mime fixtures)', () => {
  it('has the five fixture messages', () => {
    expect(files).toEqual(['arf.eml', 'bounce.eml', 'calendar-event.eml', 'mimetorture.eml', 'mixed.eml']);
  });

  it.each(files)('%s becomes an InboundMessage or an explained MailParseError', async (name) => {
    try {
      const mail = await parse(name);
      const inbound = toInboundMessage(mail, account, options);
      expect(inbound.externalId).toMatch(/^<[^<>\s]+>$/);
      expect(inbound.from.address).toContain('@');
      expect(inbound.attachments).toHaveLength(mail.attachments.length);
    } catch (err) {
      expect(err).toBeInstanceOf(MailParseError);
      expect((err as Error).message.length).toBeGreaterThan(10);
    }
  });

  it('the bounce names the original Message-ID, the failed recipient and the reason', async () => {
    const mail = await parse('bounce.eml');
    const bounce = extractBounce(mail);
    expect(bounce).toEqual({
      originalMessageId: '<e85f1c9b-9b51-4028-8ec0-0a657155028e@app.fastmail.com>',
      recipients: [
        {
          address: 'htfgvhyufthdgcvhgjyfthgc@ethereal.email',
          action: 'failed',
          status: '5.0.0',
          diagnostic: '550 No such user here',
          permanent: true,
        },
      ],
      reason: 'htfgvhyufthdgcvhgjyfthgc@ethereal.email: 5.0.0 550 No such user here',
    });
    expect(ackFor(mail)).toMatchObject({ send: false, reason: 'automated' });
  });

  it('the abuse report (ARF) is automated and gets no acknowledgement', async () => {
    const mail = await parse('arf.eml');
    expect(classifyAutomated(mail)).toMatchObject({ automated: true, reason: 'feedback-report' });
    expect(ackFor(mail)).toMatchObject({ send: false, reason: 'automated' });
    expect(mail.messageIdSynthetic).toBe(true);
    expect(mail.messageId).toBe(`<${mail.sha256}@switchboard.invalid>`);
  });

  it('the calendar invitation is automated and gets no acknowledgement', async () => {
    const mail = await parse('calendar-event.eml');
    expect(classifyAutomated(mail)).toMatchObject({
      automated: true,
      reason: 'calendar-invitation',
      detail: 'text/calendar METHOD:REQUEST',
    });
    expect(ackFor(mail).send).toBe(false);
  });

  it('the torture test accounts for every MIME part and attachment', async () => {
    const mail = await parse('mimetorture.eml');
    const leaves = mail.parts.filter(
      (p) => !p.contentType.startsWith('multipart/') && p.contentType !== 'message/rfc822',
    );
    const bodies = leaves.filter((p) => !p.isAttachment);
    const attached = leaves.filter((p) => p.isAttachment);
    console.log(
      `mimetorture: ${mail.parts.length} MIME nodes, ${leaves.length} leaves = ${bodies.length} body parts + ${attached.length} attachments`,
    );
    // Every leaf is either a body part (in text/html) or one of the attachments: nothing vanished.
    expect(attached).toHaveLength(mail.attachments.length);
    expect(bodies.length + mail.attachments.length).toBe(leaves.length);
    expect(mail.attachments.map((a) => a.filename ?? `(${a.contentType})`)).toEqual([
      'foo.gz',
      'blah.gz',
      'blah1.gz',
      '(application/x-gzip)',
      'htmlfile.html',
      'smiley-3.png',
      'dot.gif',
      'signature.asc',
      '(image/gif)',
    ]);
    expect(leaves).toHaveLength(EXPECTED_TORTURE_LEAVES);
    expect(bodies).toHaveLength(15);
    const inbound = toInboundMessage(mail, account, options);
    expect(inbound.attachments).toHaveLength(9);
  });

  it('the mixed multipart keeps its text and html', async () => {
    const mail = await parse('mixed.eml');
    expect(mail.text).toBeTruthy();
    expect(mail.html).toBeTruthy();
  });
});

/**
 * Counted in mimetorture.eml: 25 Content-Type lines that are neither multipart/* nor
 * message/rfc822, less one that is body text of the "plain jane" message (it quotes headers).
 */
const EXPECTED_TORTURE_LEAVES = 24;
