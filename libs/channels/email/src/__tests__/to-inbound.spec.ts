import { afterAll, describe, expect, it } from '@jest/globals';
import { MailParserPool } from '../content/parse-mail.js';
import { buildReplyAddress } from '../content/threading.js';
import { toInboundMessage, type EmailMessageMeta } from '../content/to-inbound.js';
import { baseHeaders, buildMail } from './build-mail.js';

const pool = new MailParserPool();
afterAll(() => pool.close());
const account = { id: 'acc-1', address: 'support@example.com' };
const options = {
  replyAddressSecret: 's3cret',
  maxAttachmentBytes: 100,
  storageKeyFor: (_a: unknown, i: number) => `mail/abc/${i}`,
  attachmentUrl: (key: string) => `/api/attachments/${encodeURIComponent(key)}`,
};

describe('toInboundMessage', () => {
  it('a reply shows its own text first, keeps the quote folded, and threads by Message-ID and plus-address', async () => {
    const mail = await pool.parse(
      buildMail(
        {
          ...baseHeaders,
          To: buildReplyAddress('support@example.com', 1042, 's3cret'),
          Subject: 'Re: Printer broken [#1042]',
          'In-Reply-To': '<sb.1@example.com>',
          'Content-Type': 'text/plain; charset=utf-8',
        },
        'It works now.\n\nOn Tue, Oct 1, 2024 at 10:00 AM Support <support@example.com> wrote:\n> Please restart it.\n',
      ),
    );
    const inbound = toInboundMessage(mail, account, options);
    const meta = inbound.meta as unknown as EmailMessageMeta;
    expect(inbound).toMatchObject({
      channelAccountId: 'acc-1',
      externalId: '<m1@customer.example>',
      from: { kind: 'email', address: 'jane@customer.example', name: 'Jane Customer' },
      text: 'It works now.',
      subject: 'Re: Printer broken [#1042]',
      threadKey: '<sb.1@example.com>',
      alsoThreadKeys: ['<m1@customer.example>'],
      ticketHint: { ticketNumber: 1042 },
      attachments: [],
    });
    expect(meta.elidedText).toContain('> Please restart it.');
    expect(meta.automated).toEqual({ automated: false });
  });

  it('a forwarded mail keeps the forwarded content visible and names the original sender', async () => {
    const mail = await pool.parse(
      buildMail(
        { ...baseHeaders, Subject: 'Fwd: Invoice question' },
        'Can you help this customer?\n\n---------- Forwarded message ---------\nFrom: Bob Buyer <bob@buyer.example>\nDate: Mon, 30 Sep 2024 at 09:00\nSubject: Invoice question\nTo: <jane@customer.example>\n\nMy invoice is wrong.\n',
      ),
    );
    const inbound = toInboundMessage(mail, account, options);
    expect(inbound.text).toContain('My invoice is wrong.');
    expect(inbound.text).toContain('Can you help this customer?');
    expect(inbound.meta).toMatchObject({
      forwardedFrom: { address: 'bob@buyer.example', name: 'Bob Buyer' },
    });
    expect(inbound.from.address).toBe('jane@customer.example');
  });

  it('an Apple Mail forward ("Begin forwarded message:") is detected too', async () => {
    const mail = await pool.parse(
      buildMail(
        baseHeaders,
        'FYI\n\nBegin forwarded message:\n\nFrom: "Ann" <ann@a.example>\nSubject: Hi\n\nHello there\n',
      ),
    );
    const inbound = toInboundMessage(mail, account, options);
    expect(inbound.text).toContain('Hello there');
    expect(inbound.meta).toMatchObject({ forwardedFrom: { address: 'ann@a.example', name: 'Ann' } });
  });

  it('sanitizes HTML, points cid: images at stored attachments and lists oversize attachments as rejected', async () => {
    const small = Buffer.from('tiny png bytes');
    const big = Buffer.alloc(500, 1);
    const raw = buildMail(
      { ...baseHeaders, 'Content-Type': 'multipart/mixed; boundary="M"' },
      [
        '--M',
        'Content-Type: multipart/related; boundary="R"',
        '',
        '--R',
        'Content-Type: text/html',
        '',
        '<p onclick="x()">Hi <img src="cid:img1@x"><script>bad()</script></p>',
        '--R',
        'Content-Type: image/png',
        'Content-ID: <img1@x>',
        'Content-Transfer-Encoding: base64',
        '',
        small.toString('base64'),
        '--R--',
        '--M',
        'Content-Type: application/pdf; name="../../etc/passwd.pdf"',
        'Content-Disposition: attachment; filename="../../etc/passwd.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        big.toString('base64'),
        '--M--',
        '',
      ].join('\r\n'),
    );
    const inbound = toInboundMessage(await pool.parse(raw), account, options);
    expect(inbound.html).toBe('<p>Hi <img src="/api/attachments/mail%2Fabc%2F0" /></p>');
    expect(inbound.attachments).toEqual([
      {
        filename: 'attachment-1.png',
        contentType: 'image/png',
        size: small.length,
        storageKey: 'mail/abc/0',
      },
      {
        filename: 'passwd.pdf',
        contentType: 'application/pdf',
        size: 500,
        rejectedReason: 'attachment is 500 bytes, over the 100-byte limit',
      },
    ]);
  });

  it('an auto-reply is marked automated in meta', async () => {
    const inbound = toInboundMessage(
      await pool.parse(buildMail({ ...baseHeaders, 'Auto-Submitted': 'auto-replied' }, 'I am out of office')),
      account,
      options,
    );
    expect(inbound.meta).toMatchObject({ automated: { automated: true, reason: 'auto-submitted' } });
  });
});
