import { describe, expect, it } from '@jest/globals';
import { classifyAutomated, shouldAutoAcknowledge } from '../content/loop-guard.js';
import type { ParsedMail } from '../content/parse-mail.js';

function mail(overrides: Partial<ParsedMail> = {}): ParsedMail {
  return {
    messageId: '<m@x>',
    messageIdSynthetic: false,
    references: [],
    from: { address: 'jane@customer.example' },
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
const calendar = (method: string) => ({
  filename: 'invite.ics',
  contentType: 'text/calendar',
  size: 10,
  disposition: 'attachment' as const,
  content: Buffer.from(`BEGIN:VCALENDAR\r\nMETHOD:${method}\r\nEND:VCALENDAR`),
});

describe('classifyAutomated', () => {
  it.each([
    ['Auto-Submitted: auto-replied', mail({ headers: { autoSubmitted: 'auto-replied' } }), 'auto-submitted'],
    [
      'Auto-Submitted: auto-generated',
      mail({ headers: { autoSubmitted: 'auto-generated' } }),
      'auto-submitted',
    ],
    ['Precedence: bulk', mail({ headers: { precedence: 'bulk' } }), 'precedence'],
    ['Precedence: junk', mail({ headers: { precedence: 'junk' } }), 'precedence'],
    ['Precedence: list', mail({ headers: { precedence: 'list' } }), 'precedence'],
    ['List-Id', mail({ headers: { listId: '<news.example.com>' } }), 'mailing-list'],
    ['List-Unsubscribe', mail({ headers: { listUnsubscribe: '<mailto:u@x>' } }), 'mailing-list'],
    ['X-Autoreply', mail({ headers: { xAutoreply: 'yes' } }), 'x-autoreply'],
    [
      'X-Auto-Response-Suppress: All',
      mail({ headers: { xAutoResponseSuppress: 'All' } }),
      'auto-response-suppress',
    ],
    [
      'X-Auto-Response-Suppress: DR, OOF',
      mail({ headers: { xAutoResponseSuppress: 'DR, OOF' } }),
      'auto-response-suppress',
    ],
    ['MAILER-DAEMON', mail({ from: { address: 'mailer-daemon@mx.example' } }), 'system-sender'],
    ['postmaster', mail({ from: { address: 'postmaster@mx.example' } }), 'system-sender'],
    ['no-reply', mail({ from: { address: 'no-reply@shop.example' } }), 'system-sender'],
    ['noreply', mail({ from: { address: 'noreply@shop.example' } }), 'system-sender'],
    ['Return-Path: <>', mail({ headers: { returnPath: '<>' } }), 'null-return-path'],
    [
      'a DSN',
      mail({
        headers: { contentType: { value: 'multipart/report', params: { 'report-type': 'delivery-status' } } },
      }),
      'delivery-status-report',
    ],
    [
      'an ARF report',
      mail({
        headers: { contentType: { value: 'multipart/report', params: { 'report-type': 'feedback-report' } } },
      }),
      'feedback-report',
    ],
    ['a calendar invitation', mail({ attachments: [calendar('REQUEST')] }), 'calendar-invitation'],
  ])('%s is automated', (_name, m, reason) => {
    expect(classifyAutomated(m)).toMatchObject({ automated: true, reason });
  });

  it.each([
    ['a person', mail()],
    ['Auto-Submitted: no', mail({ headers: { autoSubmitted: 'no' } })],
    ['X-Auto-Response-Suppress: DR only', mail({ headers: { xAutoResponseSuppress: 'DR, RN' } })],
    ['Precedence: first-class', mail({ headers: { precedence: 'first-class' } })],
    ['a sender named noreplyjane', mail({ from: { address: 'noreplyjane@x.example' } })],
  ])('%s is not automated', (_name, m) => {
    expect(classifyAutomated(m)).toEqual({ automated: false });
  });
});

describe('shouldAutoAcknowledge', () => {
  const now = new Date('2024-10-01T12:00:00Z');
  const minutesAgo = (n: number) => new Date(now.getTime() - n * 60_000);
  const person = classifyAutomated(mail());

  it('acknowledges a person under the cap', () => {
    expect(
      shouldAutoAcknowledge({
        classification: person,
        recentAcknowledgementsAt: [minutesAgo(10)],
        capPerHour: 2,
        now,
      }),
    ).toEqual({ send: true, reason: 'ok' });
  });
  it('does not acknowledge automated mail', () => {
    const auto = classifyAutomated(mail({ headers: { autoSubmitted: 'auto-replied' } }));
    expect(
      shouldAutoAcknowledge({ classification: auto, recentAcknowledgementsAt: [], capPerHour: 5, now }),
    ).toMatchObject({ send: false, reason: 'automated' });
  });
  it('stops at the per-contact hourly cap, counting only the last hour', () => {
    const input = { classification: person, capPerHour: 2, now };
    expect(
      shouldAutoAcknowledge({ ...input, recentAcknowledgementsAt: [minutesAgo(5), minutesAgo(50)] }),
    ).toMatchObject({ send: false, reason: 'contact-cap-reached' });
    expect(
      shouldAutoAcknowledge({ ...input, recentAcknowledgementsAt: [minutesAgo(5), minutesAgo(61)] }).send,
    ).toBe(true);
  });
  it('sends nothing when the mailbox has acknowledgements off', () => {
    expect(
      shouldAutoAcknowledge({
        classification: person,
        enabled: false,
        recentAcknowledgementsAt: [],
        capPerHour: 5,
        now,
      }),
    ).toMatchObject({ send: false, reason: 'disabled' });
  });
});
