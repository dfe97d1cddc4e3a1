import { randomBytes } from 'node:crypto';

/** Builds raw RFC 5322 mail for tests; CRLF line ends like real mail. */
export function mail(opts: {
  from: string;
  to: string;
  subject: string;
  text?: string;
  html?: string;
  messageId?: string | null;
  inReplyTo?: string;
  references?: string;
  headers?: Record<string, string>;
  attachments?: Array<{ filename: string; contentType: string; content: Buffer; cid?: string }>;
  date?: Date;
}): string {
  const lines: string[] = [
    `From: ${opts.from}`,
    `To: ${opts.to}`,
    `Subject: ${opts.subject}`,
    `Date: ${(opts.date ?? new Date()).toUTCString()}`,
  ];
  if (opts.messageId !== null)
    lines.push(`Message-ID: ${opts.messageId ?? `<${randomBytes(8).toString('hex')}@customer.test>`}`);
  if (opts.inReplyTo) lines.push(`In-Reply-To: ${opts.inReplyTo}`);
  if (opts.references) lines.push(`References: ${opts.references}`);
  for (const [k, v] of Object.entries(opts.headers ?? {})) lines.push(`${k}: ${v}`);
  lines.push('MIME-Version: 1.0');
  const text = opts.text ?? 'Hello';
  const boundary = `b-${randomBytes(6).toString('hex')}`;
  const parts: string[] = [];
  parts.push(`Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${text}`);
  if (opts.html)
    parts.push(
      `Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${opts.html}`,
    );
  if (!opts.html && !opts.attachments?.length)
    return `${lines.join('\r\n')}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${text}\r\n`;
  const body = opts.html
    ? `Content-Type: multipart/alternative; boundary="${boundary}a"\r\n\r\n${parts.map((p) => `--${boundary}a\r\n${p}\r\n`).join('')}--${boundary}a--`
    : parts[0];
  if (!opts.attachments?.length) return `${lines.join('\r\n')}\r\n${body}\r\n`;
  const attachments = opts.attachments.map(
    (a) =>
      `Content-Type: ${a.contentType}; name="${a.filename}"\r\nContent-Disposition: ${a.cid ? 'inline' : 'attachment'}; filename="${a.filename}"\r\n${a.cid ? `Content-ID: <${a.cid}>\r\n` : ''}Content-Transfer-Encoding: base64\r\n\r\n${a.content.toString('base64').replace(/.{76}/g, '$&\r\n')}`,
  );
  return `${lines.join('\r\n')}\r\nContent-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n--${boundary}\r\n${body}\r\n${attachments.map((a) => `--${boundary}\r\n${a}\r\n`).join('')}--${boundary}--\r\n`;
}

/** A delivery status notification (RFC 3464) about one of our Message-IDs. */
export function bounceMail(opts: {
  to: string;
  originalMessageId: string;
  recipient: string;
  diagnostic: string;
}): string {
  const b = `dsn-${randomBytes(6).toString('hex')}`;
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.customer.test>',
    `To: ${opts.to}`,
    'Subject: Undelivered Mail Returned to Sender',
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${randomBytes(8).toString('hex')}@mx.customer.test>`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${b}"`,
    '',
    `--${b}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'Your message could not be delivered.',
    '',
    `--${b}`,
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.customer.test',
    '',
    `Final-Recipient: rfc822; ${opts.recipient}`,
    'Action: failed',
    'Status: 5.1.1',
    `Diagnostic-Code: smtp; ${opts.diagnostic}`,
    '',
    `--${b}`,
    'Content-Type: text/rfc822-headers',
    '',
    `Message-ID: ${opts.originalMessageId}`,
    `To: ${opts.recipient}`,
    'Subject: Re: something',
    '',
    `--${b}--`,
    '',
  ].join('\r\n');
}
