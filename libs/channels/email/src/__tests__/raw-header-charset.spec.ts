import { afterAll, describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import { MailParserPool } from '../content/parse-mail.js';

/**
 * Some mailers put raw 8-bit bytes in Subject and From (no RFC 2047 encoded-word), in the
 * charset of the message. Read as UTF-8 they become U+FFFD; they must read as the sender wrote.
 */
const pool = new MailParserPool({ timeoutMs: 10_000 });
afterAll(() => pool.close());

function rawMail(
  charset: string,
  subject: string,
  name: string,
  contentType: string | null,
  body = 'body',
): Uint8Array {
  const ascii = (s: string) => Buffer.from(s, 'latin1');
  return Buffer.concat([
    ascii('From: "'),
    iconv.encode(name, charset),
    ascii('" <customer@example.jp>\r\nTo: support@example.com\r\nSubject: '),
    iconv.encode(subject, charset),
    ascii(
      `\r\nMessage-ID: <raw-${charset}@example.jp>\r\nDate: Tue, 01 Oct 2024 10:00:00 +0000\r\nMIME-Version: 1.0\r\n`,
    ),
    ascii(contentType ? `Content-Type: ${contentType}\r\n` : ''),
    ascii('\r\n'),
    iconv.encode(body, charset),
    ascii('\r\n'),
  ]);
}

describe('raw 8-bit headers', () => {
  it.each([
    [
      'Shift_JIS declared on the message',
      'Shift_JIS',
      'ツールの使い方について',
      '山田 太郎',
      'text/plain; charset=Shift_JIS',
    ],
    ['GB2312 declared on the message', 'GB2312', '关于订单的问题', '王小明', 'text/plain; charset="gb2312"'],
    ['UTF-8 sent raw', 'utf8', 'Bestellung Nr. 42 – Rückfrage', 'Jürgen Müller', 'text/plain; charset=utf-8'],
  ])('%s: subject and sender name read as written', async (_, charset, subject, name, contentType) => {
    const mail = await pool.parse(rawMail(charset, subject, name, contentType, subject));
    expect(mail.subject).toBe(subject);
    expect(mail.from).toEqual({ address: 'customer@example.jp', name });
  });

  it('the charset of the first text part counts when the message itself declares none', async () => {
    const ascii = (s: string) => Buffer.from(s, 'latin1');
    const raw = Buffer.concat([
      ascii('From: "'),
      iconv.encode('鈴木 花子', 'Shift_JIS'),
      ascii('" <hanako@example.jp>\r\nSubject: '),
      iconv.encode('ツール', 'Shift_JIS'),
      ascii(
        '\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary="b1"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=Shift_JIS\r\n\r\n',
      ),
      iconv.encode('本文', 'Shift_JIS'),
      ascii('\r\n--b1--\r\n'),
    ]);
    const mail = await pool.parse(raw);
    expect(mail.subject).toBe('ツール');
    expect(mail.from?.name).toBe('鈴木 花子');
  });

  it.each([
    ['Shift_JIS', 'ご注文の商品がまだ届いていません。配送状況を確認していただけますか', '田中 一郎'],
    ['GB2312', '我的订单还没有收到，请帮我查一下物流状态', '李华'],
  ])(
    'without any declared charset, %s bytes are recognised, not replaced by U+FFFD',
    async (charset, subject, name) => {
      const mail = await pool.parse(rawMail(charset, subject, name, null, 'see subject'));
      expect(mail.subject).toBe(subject);
      expect(mail.from?.name).toBe(name);
    },
  );

  it('encoded-words are still decoded as before', async () => {
    const raw = Buffer.from(
      'From: =?UTF-8?B?5bGx55Sw?= <a@example.jp>\r\nSubject: =?Shift_JIS?B?g2OBW4OL?=\r\n\r\nhi\r\n',
      'latin1',
    );
    const mail = await pool.parse(raw);
    expect(mail.subject).toBe('ツール');
    expect(mail.from?.name).toBe('山田');
  });
});
