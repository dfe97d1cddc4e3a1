import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { ParsedMail } from './parse-mail.js';

/**
 * Threading signals for inbound mail and threading headers for outbound mail. Several signals
 * so that a client rewriting one of them (Outlook and In-Reply-To) does not break a thread:
 * Message-IDs in In-Reply-To/References, the signed plus-address we put in Reply-To, and the
 * `[#1042]` subject token. The core decides; a subject token from a stranger is only a hint.
 */

const TOKEN = /^t(\d{1,12})-([0-9a-f]{16})$/;
const SUBJECT_TOKEN = /\[#(\d{1,12})\]/;

function splitAddress(address: string): { local: string; domain: string } {
  const at = address.lastIndexOf('@');
  if (at <= 0) throw new Error(`not an email address: ${address}`);
  return { local: address.slice(0, at).toLowerCase(), domain: address.slice(at + 1).toLowerCase() };
}

function tokenMac(mailbox: string, ticketNumber: number, secret: string): string {
  // Lower-case hex: some servers fold the case of local parts.
  return createHmac('sha256', secret)
    .update(`${mailbox.toLowerCase()}\n${ticketNumber}`)
    .digest('hex')
    .slice(0, 16);
}

/** `support@example.com` + 1042 → `support+t1042-<hmac>@example.com`, unforgeable without the secret. */
export function buildReplyAddress(mailbox: string, ticketNumber: number, secret: string): string {
  const { local, domain } = splitAddress(mailbox);
  const base = local.split('+')[0];
  return `${base}+t${ticketNumber}-${tokenMac(`${base}@${domain}`, ticketNumber, secret)}@${domain}`;
}

/** The ticket number of a plus-address of this mailbox, if its signature verifies. */
export function verifyReplyAddress(address: string, mailbox: string, secret: string): number | undefined {
  let parts: { local: string; domain: string };
  let box: { local: string; domain: string };
  try {
    parts = splitAddress(address.trim());
    box = splitAddress(mailbox);
  } catch {
    return undefined;
  }
  const base = box.local.split('+')[0];
  if (parts.domain !== box.domain) return undefined;
  const plus = parts.local.indexOf('+');
  if (plus < 0 || parts.local.slice(0, plus) !== base) return undefined;
  const m = TOKEN.exec(parts.local.slice(plus + 1));
  if (!m) return undefined;
  const ticketNumber = Number(m[1]);
  const expected = Buffer.from(tokenMac(`${base}@${box.domain}`, ticketNumber, secret));
  const given = Buffer.from(m[2]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? ticketNumber : undefined;
}

/** The `[#1042]` token of a subject line. */
export function subjectTicketNumber(subject: string | undefined): number | undefined {
  const m = subject ? SUBJECT_TOKEN.exec(subject) : null;
  return m ? Number(m[1]) : undefined;
}

// Re/Fwd prefixes in the languages mail clients ship: Re, Fwd, Fw, AW/WG (de), SV/VS (nordic),
// Antw/Doorst (nl), RE/TR (fr), R/I (it), RES/ENC (pt), RV (es), Odp/PD (pl), Ответ (ru), 回复/转发 (zh).
const PREFIX =
  /^\s*(?:(?:re|fwd?|aw|wg|sv|vs|antw|antwort|doorst|tr|ref|r|i|res|enc|rv|odp|pd|ha|vl|ynt|ilt|отв|ответ|пересл|回复|答复|转发|回覆|轉寄)(?:\s*\[\d+\]|\s*\(\d+\))?\s*[:：]\s*)+/i;

/** "RE: AW: Fwd: Printer broken [#1042]" → "Printer broken". */
export function normalizeSubject(subject: string | undefined): string {
  let s = (subject ?? '').replace(/\[#\d{1,12}\]/g, ' ');
  for (let previous = ''; previous !== s;) {
    previous = s;
    s = s.replace(PREFIX, '').replace(/^\s*\[[^\]]*\]\s*(?=(?:re|fwd?|aw|sv)\s*:)/i, '');
  }
  return s.replace(/\s+/g, ' ').trim();
}

export interface ThreadingSignals {
  /** Message-IDs this mail answers, most specific first: In-Reply-To, then References newest first. */
  candidateMessageIds: string[];
  /** Ticket named by a verified plus-address in To/Cc/Delivered-To. */
  replyAddressTicketNumber?: number;
  /** Ticket named by a `[#1042]` subject token (unverified: check the sender). */
  subjectTicketNumber?: number;
  normalizedSubject: string;
}

export function threadingSignals(mail: ParsedMail, mailbox: string, secret: string): ThreadingSignals {
  const ids = [mail.inReplyTo, ...[...mail.references].reverse()].filter((id): id is string => Boolean(id));
  const recipients = [
    ...mail.to.map((a) => a.address),
    ...mail.cc.map((a) => a.address),
    ...mail.deliveredTo,
  ];
  const replyAddressTicketNumber = recipients
    .map((a) => verifyReplyAddress(a, mailbox, secret))
    .find((n) => n !== undefined);
  return {
    candidateMessageIds: [...new Set(ids)],
    replyAddressTicketNumber,
    subjectTicketNumber: subjectTicketNumber(mail.subject),
    normalizedSubject: normalizeSubject(mail.subject),
  };
}

/**
 * Whether a sender may add to a ticket: one of its participants, or someone from one of the
 * organisation domains configured for it. Keeps a stranger's reply to a forwarded newsletter
 * off someone else's ticket.
 */
export function senderBelongsToTicket(
  sender: string,
  participants: readonly string[],
  orgDomains: readonly string[] = [],
): boolean {
  const address = sender.trim().toLowerCase();
  if (!address.includes('@')) return false;
  if (participants.some((p) => p.trim().toLowerCase() === address)) return true;
  const domain = address.slice(address.lastIndexOf('@') + 1);
  return orgDomains.some((d) => d.trim().toLowerCase().replace(/^@/, '') === domain);
}

export interface ReplyHeadersInput {
  ticketNumber: number;
  subject: string;
  /** Domain for our Message-IDs, normally the mailbox's domain. */
  messageIdDomain: string;
  /** The outbound message's idempotency key: the same key gives the same Message-ID. */
  idempotencyKey: string;
  /** Message-IDs of earlier messages of the ticket, oldest first. */
  references?: readonly string[];
  /** The message this one answers (the customer's latest). */
  inReplyTo?: string;
  mailbox: string;
  secret: string;
}

export interface ReplyHeaders {
  messageId: string;
  inReplyTo?: string;
  references: string[];
  subject: string;
  replyTo: string;
}

/** References kept short for servers that choke on long headers: the root and the latest ones. */
const MAX_REFERENCES = 20;

export function buildMessageId(idempotencyKey: string, domain: string): string {
  const hash = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
  return `<sb.${hash}@${domain.toLowerCase()}>`;
}

export function buildReplyHeaders(input: ReplyHeadersInput): ReplyHeaders {
  const refs = [...new Set([...(input.references ?? []), ...(input.inReplyTo ? [input.inReplyTo] : [])])];
  const references = refs.length > MAX_REFERENCES ? [refs[0], ...refs.slice(-(MAX_REFERENCES - 1))] : refs;
  const base = normalizeSubject(input.subject) || `Ticket ${input.ticketNumber}`;
  return {
    messageId: buildMessageId(input.idempotencyKey, input.messageIdDomain),
    ...(input.inReplyTo ? { inReplyTo: input.inReplyTo } : {}),
    references,
    subject: `${references.length ? 'Re: ' : ''}${base} [#${input.ticketNumber}]`,
    replyTo: buildReplyAddress(input.mailbox, input.ticketNumber, input.secret),
  };
}
