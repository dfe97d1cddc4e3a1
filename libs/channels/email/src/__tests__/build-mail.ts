/** Builds small raw RFC 822 mails for tests. */
export function buildMail(headers: Record<string, string>, body: string | Buffer): Buffer {
  const head = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n');
  return Buffer.concat([
    Buffer.from(`${head}\r\n\r\n`, 'latin1'),
    Buffer.isBuffer(body) ? body : Buffer.from(body.replace(/\r?\n/g, '\r\n'), 'latin1'),
  ]);
}

export const baseHeaders = {
  From: 'Jane Customer <jane@customer.example>',
  To: 'support@example.com',
  Subject: 'Printer broken',
  Date: 'Tue, 01 Oct 2024 10:00:00 +0000',
  'Message-ID': '<m1@customer.example>',
  'MIME-Version': '1.0',
};
