import { afterAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { MailParseError, MailParserPool } from '../content/parse-mail.js';
import { baseHeaders, buildMail } from './build-mail.js';

const pool = new MailParserPool({ timeoutMs: 5_000 });
afterAll(() => pool.close());

describe('parseMail', () => {
  it('returns plain data: ids, addresses, subject, date and text', async () => {
    const mail = await pool.parse(
      buildMail(
        {
          ...baseHeaders,
          Cc: 'Bob <bob@customer.example>',
          'In-Reply-To': '<out-1@example.com>',
          References: '<root@example.com> <out-1@example.com>',
          'Delivered-To': 'support+t7-abc@example.com',
          'Content-Type': 'text/plain; charset=utf-8',
        },
        'Hello there',
      ),
    );
    expect(mail).toMatchObject({
      messageId: '<m1@customer.example>',
      messageIdSynthetic: false,
      inReplyTo: '<out-1@example.com>',
      references: ['<root@example.com>', '<out-1@example.com>'],
      from: { address: 'jane@customer.example', name: 'Jane Customer' },
      to: [{ address: 'support@example.com' }],
      cc: [{ address: 'bob@customer.example', name: 'Bob' }],
      deliveredTo: ['support+t7-abc@example.com'],
      subject: 'Printer broken',
      text: 'Hello there',
    });
    expect(mail.date?.toISOString()).toBe('2024-10-01T10:00:00.000Z');
    expect(mail.html).toBeUndefined();
    expect(structuredClone(mail).messageId).toBe(mail.messageId);
  });

  it('gives a mail without Message-ID a synthetic id from the hash of its bytes', async () => {
    const { 'Message-ID': _, ...headers } = baseHeaders;
    const raw = buildMail(headers, 'no id');
    const mail = await pool.parse(raw);
    const sha = createHash('sha256').update(raw).digest('hex');
    expect(mail).toMatchObject({
      messageId: `<${sha}@switchboard.invalid>`,
      messageIdSynthetic: true,
      sha256: sha,
    });
    expect((await pool.parse(raw)).messageId).toBe(mail.messageId);
  });

  it.each([
    [
      'ISO-8859-1, quoted-printable',
      'text/plain; charset=ISO-8859-1',
      'quoted-printable',
      Buffer.from('Gr=FC=DFe aus K=F6ln', 'latin1'),
      'Grüße aus Köln',
    ],
    [
      'windows-1252 8bit (curly quotes, euro)',
      'text/plain; charset=windows-1252',
      '8bit',
      Buffer.from([0x93, 0x48, 0x69, 0x94, 0x20, 0x80, 0x35]),
      '“Hi” €5',
    ],
    [
      'UTF-8 base64',
      'text/plain; charset=utf-8',
      'base64',
      Buffer.from(Buffer.from('Привет, 世界 👋').toString('base64')),
      'Привет, 世界 👋',
    ],
    [
      'UTF-8 quoted-printable',
      'text/plain; charset=utf-8',
      'quoted-printable',
      Buffer.from('na=C3=AFve caf=C3=A9'),
      'naïve café',
    ],
    [
      'ISO-2022-JP 7bit',
      'text/plain; charset=ISO-2022-JP',
      '7bit',
      Buffer.from('\x1b$B$3$s$K$A$O\x1b(B', 'latin1'),
      'こんにちは',
    ],
  ])('decodes %s', async (_name, contentType, encoding, body, expected) => {
    const mail = await pool.parse(
      buildMail({ ...baseHeaders, 'Content-Type': contentType, 'Content-Transfer-Encoding': encoding }, body),
    );
    expect(mail.text?.trim()).toBe(expected);
  });

  it('decodes encoded-word subjects and names', async () => {
    const mail = await pool.parse(
      buildMail(
        {
          ...baseHeaders,
          From: '=?ISO-8859-1?Q?J=F6rg_M=FCller?= <jorg@example.de>',
          Subject: '=?UTF-8?B?w5xiZXJ3ZWlzdW5n?=',
        },
        'x',
      ),
    );
    expect(mail.from).toEqual({ address: 'jorg@example.de', name: 'Jörg Müller' });
    expect(mail.subject).toBe('Überweisung');
  });

  it('keeps cid: links in HTML and lists attachments with their bytes', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const raw = buildMail(
      { ...baseHeaders, 'Content-Type': 'multipart/related; boundary="b1"' },
      [
        '--b1',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>Look <img src="cid:logo@x"></p>',
        '--b1',
        'Content-Type: image/png; name="logo.png"',
        'Content-ID: <logo@x>',
        'Content-Disposition: inline; filename="logo.png"',
        'Content-Transfer-Encoding: base64',
        '',
        png.toString('base64'),
        '--b1--',
        '',
      ].join('\r\n'),
    );
    const mail = await pool.parse(raw);
    expect(mail.html).toContain('cid:logo@x');
    expect(mail.attachments).toEqual([
      {
        filename: 'logo.png',
        contentType: 'image/png',
        size: png.length,
        contentId: 'logo@x',
        disposition: 'inline',
        content: png,
      },
    ]);
  });

  it('rejects a mail over the size limit with a MailParseError', async () => {
    const small = new MailParserPool({ maxBytes: 1000 });
    await expect(small.parse(Buffer.alloc(2000, 0x61))).rejects.toMatchObject({
      name: 'MailParseError',
      reason: 'too_large',
    });
    await small.close();
  });

  /** Runs a parse while a 10 ms interval timer measures how late the main event loop gets. */
  async function measure(raw: Buffer, timeoutMs: number) {
    const bounded = new MailParserPool({ timeoutMs });
    let maxLag = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      maxLag = Math.max(maxLag, now - last - 10);
      last = now;
    }, 10);
    const started = performance.now();
    const outcome = await bounded.parse(raw).then(
      () => 'parsed',
      (err: unknown) =>
        err instanceof MailParseError ? `${err.reason} (${err.message})` : `other: ${String(err)}`,
    );
    const took = performance.now() - started;
    clearInterval(ticker);
    await bounded.close();
    return { outcome, took, maxLag };
  }

  it('a mail of 2 MB of nested multiparts and a 1 MB header neither blocks the event loop nor escapes the limits', async () => {
    const depth = 3000;
    const open = Array.from(
      { length: depth },
      (_, i) => `--b${i}\r\nContent-Type: multipart/mixed; boundary="b${i + 1}"\r\n\r\n`,
    ).join('');
    const filler = `--b${depth}\r\nContent-Type: text/plain\r\n\r\n${'x'.repeat(2_000_000)}\r\n`;
    const raw = buildMail(
      { ...baseHeaders, 'X-Huge': 'y'.repeat(1_000_000), 'Content-Type': 'multipart/mixed; boundary="b0"' },
      Buffer.from(open + filler, 'latin1'),
    );
    const { outcome, took, maxLag } = await measure(raw, 5_000);
    console.log(
      `nested multiparts (${(raw.length / 1e6).toFixed(1)} MB): ${outcome} in ${took.toFixed(0)} ms, worst event-loop lag ${maxLag.toFixed(0)} ms`,
    );
    expect(outcome).toMatch(/^(parsed|timeout|unparseable)/);
    expect(took).toBeLessThan(6_000);
    expect(maxLag).toBeLessThan(200);
  }, 30_000);

  it('2 MB of HTML that takes mailparser seconds runs off the main thread and is cut at the timeout', async () => {
    const raw = buildMail(
      { ...baseHeaders, 'Content-Type': 'text/html' },
      `<div>${'<b>x</b>'.repeat(300_000)}</div>`,
    );
    const { outcome, took, maxLag } = await measure(raw, 1_500);
    console.log(
      `heavy HTML (${(raw.length / 1e6).toFixed(1)} MB): ${outcome} in ${took.toFixed(0)} ms, worst event-loop lag ${maxLag.toFixed(0)} ms`,
    );
    expect(outcome).toMatch(/^(parsed|timeout)/);
    expect(took).toBeLessThan(2_500);
    expect(maxLag).toBeLessThan(200);
  }, 30_000);

  it('fails a parse that times out with MailParseError and replaces the worker for the next mail', async () => {
    const heavy = buildMail(
      { ...baseHeaders, 'Content-Type': 'text/html' },
      `<div>${'<b>x</b>'.repeat(300_000)}</div>`,
    );
    const pool3 = new MailParserPool({ timeoutMs: 300 });
    const slow = pool3.parse(heavy);
    const after = pool3.parse(buildMail(baseHeaders, 'next in line'));
    await expect(slow).rejects.toMatchObject({ name: 'MailParseError', reason: 'timeout' });
    await expect(after).resolves.toMatchObject({ text: 'next in line' });
    await pool3.close();
  }, 20_000);

  it('parses several mails queued at once, one at a time', async () => {
    const mails = await Promise.all(
      [1, 2, 3].map((n) => pool.parse(buildMail({ ...baseHeaders, 'Message-ID': `<q${n}@x>` }, `mail ${n}`))),
    );
    expect(mails.map((m) => m.messageId)).toEqual(['<q1@x>', '<q2@x>', '<q3@x>']);
  });
});
