import { afterAll, describe, expect, it } from '@jest/globals';
import { extractBounce } from '../content/bounce.js';
import { classifyAutomated } from '../content/loop-guard.js';
import { MailParserPool } from '../content/parse-mail.js';
import { buildMail } from './build-mail.js';

const pool = new MailParserPool();
afterAll(() => pool.close());

const dsn = (originalPart: string) =>
  buildMail(
    {
      From: 'Mail Delivery System <MAILER-DAEMON@mx.example.com>',
      To: 'support@example.com',
      Subject: 'Undelivered Mail Returned to Sender',
      'Message-ID': '<dsn-1@mx.example.com>',
      'MIME-Version': '1.0',
      'Content-Type': 'multipart/report; report-type=delivery-status; boundary="R"',
    },
    [
      '--R',
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      '--R',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.com',
      '',
      'Final-Recipient: rfc822; gone@customer.example',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 <gone@customer.example>: Recipient',
      '    address rejected: User unknown',
      '',
      'Final-Recipient: rfc822; slow@customer.example',
      'Action: delayed',
      'Status: 4.4.1',
      '',
      originalPart,
      '--R--',
      '',
    ].join('\n'),
  );

describe('extractBounce', () => {
  it('reads recipients, status, diagnostic and the original Message-ID from text/rfc822-headers', async () => {
    const mail = await pool.parse(
      dsn(
        [
          '--R',
          'Content-Type: text/rfc822-headers',
          '',
          'From: support@example.com',
          'To: gone@customer.example',
          'Message-ID:',
          ' <sb.abc123@example.com>',
          'Subject: Re: Printer broken [#1042]',
          '',
        ].join('\n'),
      ),
    );
    expect(classifyAutomated(mail)).toMatchObject({ automated: true });
    expect(extractBounce(mail)).toEqual({
      originalMessageId: '<sb.abc123@example.com>',
      recipients: [
        {
          address: 'gone@customer.example',
          action: 'failed',
          status: '5.1.1',
          diagnostic: '550 5.1.1 <gone@customer.example>: Recipient address rejected: User unknown',
          permanent: true,
        },
        { address: 'slow@customer.example', action: 'delayed', status: '4.4.1', permanent: false },
      ],
      reason:
        'gone@customer.example: 5.1.1 550 5.1.1 <gone@customer.example>: Recipient address rejected: User unknown',
    });
  });

  it('reads the original Message-ID from a returned message/rfc822', async () => {
    const mail = await pool.parse(
      dsn(
        [
          '--R',
          'Content-Type: message/rfc822',
          '',
          'From: support@example.com',
          'Message-ID: <sb.def456@example.com>',
          'Subject: hi',
          '',
          'the original body',
          '',
        ].join('\n'),
      ),
    );
    expect(extractBounce(mail)?.originalMessageId).toBe('<sb.def456@example.com>');
  });

  it('is undefined for a mail without a delivery-status part', async () => {
    const mail = await pool.parse(buildMail({ From: 'a@b.example', 'Message-ID': '<x@y>' }, 'hello'));
    expect(extractBounce(mail)).toBeUndefined();
  });
});
