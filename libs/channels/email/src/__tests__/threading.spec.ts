import { describe, expect, it } from '@jest/globals';
import type { ParsedMail } from '../content/parse-mail.js';
import {
  buildMessageId,
  buildReplyAddress,
  buildReplyHeaders,
  normalizeSubject,
  senderBelongsToTicket,
  subjectTicketNumber,
  threadingSignals,
  verifyReplyAddress,
} from '../content/threading.js';

const SECRET = 'test-secret';
const MAILBOX = 'support@example.com';

function mail(overrides: Partial<ParsedMail>): ParsedMail {
  return {
    messageId: '<in@customer.example>',
    messageIdSynthetic: false,
    references: [],
    to: [],
    cc: [],
    replyTo: [],
    deliveredTo: [],
    headers: {},
    attachments: [],
    reports: {},
    parts: [],
    size: 1,
    sha256: 'x',
    ...overrides,
  };
}

describe('signed plus-address', () => {
  it('round-trips the ticket number', () => {
    const address = buildReplyAddress(MAILBOX, 1042, SECRET);
    expect(address).toMatch(/^support\+t1042-[0-9a-f]{16}@example\.com$/);
    expect(verifyReplyAddress(address, MAILBOX, SECRET)).toBe(1042);
    expect(verifyReplyAddress(address.toUpperCase(), MAILBOX, SECRET)).toBe(1042);
  });

  it('cannot be forged: another ticket number, secret, mailbox or a truncated signature fails', () => {
    const address = buildReplyAddress(MAILBOX, 1042, SECRET);
    expect(verifyReplyAddress(address.replace('t1042', 't1043'), MAILBOX, SECRET)).toBeUndefined();
    expect(verifyReplyAddress(address, MAILBOX, 'other-secret')).toBeUndefined();
    expect(
      verifyReplyAddress(address.replace('@example.com', '@other.example'), MAILBOX, SECRET),
    ).toBeUndefined();
    expect(
      verifyReplyAddress(address.replace(/-[0-9a-f]{16}@/, '-0000000000000000@'), MAILBOX, SECRET),
    ).toBeUndefined();
    expect(verifyReplyAddress('support+t1042@example.com', MAILBOX, SECRET)).toBeUndefined();
    expect(verifyReplyAddress('nonsense', MAILBOX, SECRET)).toBeUndefined();
  });
});

describe('normalizeSubject', () => {
  it.each([
    ['Re: Printer broken', 'Printer broken'],
    ['RE: AW: Fwd: Printer broken [#1042]', 'Printer broken'],
    ['SV: Antw: Printer broken', 'Printer broken'],
    ['Fw: TR: WG: Printer broken', 'Printer broken'],
    ['Re[2]: Printer broken', 'Printer broken'],
    ['[#1042] Re: Printer broken', 'Printer broken'],
    ['Printer broken', 'Printer broken'],
    ['Reboot needed', 'Reboot needed'],
  ])('%s → %s', (subject, expected) => expect(normalizeSubject(subject)).toBe(expected));

  it('reads the subject token', () => {
    expect(subjectTicketNumber('Re: Printer broken [#1042]')).toBe(1042);
    expect(subjectTicketNumber('Printer #1042 broken')).toBeUndefined();
  });
});

describe('threadingSignals', () => {
  it('a reply from Outlook that rewrote In-Reply-To still names the ticket via References, plus-address and subject', () => {
    const replyTo = buildReplyAddress(MAILBOX, 1042, SECRET);
    const signals = threadingSignals(
      mail({
        inReplyTo: '<outlook-own-id@customer.example>',
        references: ['<root@example.com>', '<sb.1@example.com>'],
        to: [{ address: replyTo }],
        subject: 'RE: Printer broken [#1042]',
      }),
      MAILBOX,
      SECRET,
    );
    expect(signals).toEqual({
      candidateMessageIds: ['<outlook-own-id@customer.example>', '<sb.1@example.com>', '<root@example.com>'],
      replyAddressTicketNumber: 1042,
      subjectTicketNumber: 1042,
      normalizedSubject: 'Printer broken',
    });
  });

  it('finds the plus-address in Delivered-To when the client put the plain mailbox in To', () => {
    const signals = threadingSignals(
      mail({ to: [{ address: MAILBOX }], deliveredTo: [buildReplyAddress(MAILBOX, 7, SECRET)] }),
      MAILBOX,
      SECRET,
    );
    expect(signals.replyAddressTicketNumber).toBe(7);
  });
});

describe('senderBelongsToTicket', () => {
  it('accepts participants and the organisation domain, refuses strangers', () => {
    expect(senderBelongsToTicket('Jane@Customer.example', ['jane@customer.example'])).toBe(true);
    expect(
      senderBelongsToTicket('bob@customer.example', ['jane@customer.example'], ['customer.example']),
    ).toBe(true);
    expect(
      senderBelongsToTicket('stranger@news.example', ['jane@customer.example'], ['customer.example']),
    ).toBe(false);
    expect(senderBelongsToTicket('bob@evilcustomer.example', [], ['customer.example'])).toBe(false);
  });
});

describe('buildReplyHeaders', () => {
  const input = {
    ticketNumber: 1042,
    subject: 'Printer broken',
    messageIdDomain: 'example.com',
    idempotencyKey: 'outbox-row-9',
    references: ['<root@customer.example>', '<sb.1@example.com>'],
    inReplyTo: '<r2@customer.example>',
    mailbox: MAILBOX,
    secret: SECRET,
  };

  it('threads the reply and carries the token and plus-address', () => {
    const headers = buildReplyHeaders(input);
    expect(headers).toEqual({
      messageId: buildMessageId('outbox-row-9', 'example.com'),
      inReplyTo: '<r2@customer.example>',
      references: ['<root@customer.example>', '<sb.1@example.com>', '<r2@customer.example>'],
      subject: 'Re: Printer broken [#1042]',
      replyTo: buildReplyAddress(MAILBOX, 1042, SECRET),
    });
    expect(headers.messageId).toMatch(/^<sb\.[0-9a-f]{32}@example\.com>$/);
  });

  it('gives a retry the same Message-ID, another message a different one', () => {
    expect(buildReplyHeaders(input).messageId).toBe(buildReplyHeaders(input).messageId);
    expect(buildReplyHeaders({ ...input, idempotencyKey: 'outbox-row-10' }).messageId).not.toBe(
      buildReplyHeaders(input).messageId,
    );
  });

  it('does not stack prefixes or tokens and keeps References short', () => {
    const many = Array.from({ length: 40 }, (_, i) => `<m${i}@x>`);
    const headers = buildReplyHeaders({
      ...input,
      subject: 'RE: Re: Printer broken [#1042]',
      references: many,
    });
    expect(headers.subject).toBe('Re: Printer broken [#1042]');
    expect(headers.references).toHaveLength(20);
    expect(headers.references[0]).toBe('<m0@x>');
    expect(headers.references.at(-1)).toBe('<r2@customer.example>');
  });
});
