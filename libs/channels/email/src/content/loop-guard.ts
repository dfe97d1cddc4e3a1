import type { ParsedMail } from './parse-mail.js';

/**
 * Loop and noise protection: mail written by machines (auto-replies, bulk and list mail,
 * bounces, abuse reports, calendar invitations) never gets an automatic acknowledgement,
 * so two autoresponders cannot talk to each other forever.
 */

export type AutomatedReason =
  | 'auto-submitted'
  | 'precedence'
  | 'mailing-list'
  | 'x-autoreply'
  | 'auto-response-suppress'
  | 'system-sender'
  | 'null-return-path'
  | 'delivery-status-report'
  | 'feedback-report'
  | 'calendar-invitation';

export type AutomatedClassification =
  { automated: false } | { automated: true; reason: AutomatedReason; detail: string };

/** Local parts of senders that are machines (RFC 2142 and common practice). */
const SYSTEM_SENDERS =
  /^(mailer-daemon|postmaster|no[-_.]?reply|do[-_.]?not[-_.]?reply|bounces?|auto[-_.]?reply)([+-].*)?$/i;

type Rule = (mail: ParsedMail) => { reason: AutomatedReason; detail: string } | undefined;

const RULES: Rule[] = [
  ({ headers: { autoSubmitted } }) =>
    autoSubmitted && autoSubmitted.split(';')[0].trim().toLowerCase() !== 'no'
      ? { reason: 'auto-submitted', detail: `Auto-Submitted: ${autoSubmitted}` }
      : undefined,
  ({ headers: { precedence } }) =>
    precedence && /^(bulk|junk|list|auto_reply)$/i.test(precedence.trim())
      ? { reason: 'precedence', detail: `Precedence: ${precedence}` }
      : undefined,
  ({ headers: { listId, listUnsubscribe } }) =>
    listId || listUnsubscribe
      ? { reason: 'mailing-list', detail: listId ? `List-Id: ${listId}` : 'List-Unsubscribe present' }
      : undefined,
  ({ headers: { xAutoreply } }) =>
    xAutoreply ? { reason: 'x-autoreply', detail: `X-Autoreply: ${xAutoreply}` } : undefined,
  ({ headers: { xAutoResponseSuppress } }) =>
    xAutoResponseSuppress && /\b(all|oof|autoreply)\b/i.test(xAutoResponseSuppress)
      ? { reason: 'auto-response-suppress', detail: `X-Auto-Response-Suppress: ${xAutoResponseSuppress}` }
      : undefined,
  ({ headers: { contentType } }) => {
    const reportType =
      contentType?.value === 'multipart/report'
        ? contentType.params['report-type']?.toLowerCase()
        : undefined;
    if (reportType === 'delivery-status')
      return { reason: 'delivery-status-report', detail: 'multipart/report; report-type=delivery-status' };
    if (reportType === 'feedback-report')
      return { reason: 'feedback-report', detail: 'multipart/report; report-type=feedback-report' };
    return undefined;
  },
  ({ reports }) =>
    reports.deliveryStatus
      ? { reason: 'delivery-status-report', detail: 'message/delivery-status part' }
      : undefined,
  ({ reports }) =>
    reports.feedbackReport
      ? { reason: 'feedback-report', detail: 'message/feedback-report part' }
      : undefined,
  ({ from, sender }) => {
    const machine = [from, sender].find((a) => a && SYSTEM_SENDERS.test(a.address.split('@')[0]));
    return machine ? { reason: 'system-sender', detail: `sender ${machine.address}` } : undefined;
  },
  ({ headers: { returnPath } }) =>
    returnPath !== undefined && /^<?\s*>?$/.test(returnPath)
      ? { reason: 'null-return-path', detail: 'Return-Path: <>' }
      : undefined,
  ({ attachments }) => {
    const method = attachments
      .filter((a) => a.contentType === 'text/calendar' || a.contentType === 'application/ics')
      .map((a) => /^METHOD:\s*([A-Z-]+)\s*$/im.exec(a.content.toString('utf8'))?.[1]?.toUpperCase())
      .find(Boolean);
    return method ? { reason: 'calendar-invitation', detail: `text/calendar METHOD:${method}` } : undefined;
  },
];

/** Whether a mail was sent by a machine, and the first rule that says so. */
export function classifyAutomated(mail: ParsedMail): AutomatedClassification {
  for (const rule of RULES) {
    const hit = rule(mail);
    if (hit) return { automated: true, ...hit };
  }
  return { automated: false };
}

export interface AcknowledgementDecision {
  send: boolean;
  reason: 'ok' | 'automated' | 'contact-cap-reached' | 'disabled';
  detail?: string;
}

export interface AcknowledgementInput {
  classification: AutomatedClassification;
  /** Whether the mailbox sends acknowledgements at all. */
  enabled?: boolean;
  /** When this contact was last sent automatic replies (any order). */
  recentAcknowledgementsAt: Date[];
  /** Automatic replies allowed per contact per rolling hour. */
  capPerHour: number;
  now: Date;
}

/** Pure: acknowledge a new ticket unless the mail is automated or the contact's hourly cap is used up. */
export function shouldAutoAcknowledge(input: AcknowledgementInput): AcknowledgementDecision {
  if (input.enabled === false) return { send: false, reason: 'disabled' };
  if (input.classification.automated) {
    return { send: false, reason: 'automated', detail: input.classification.detail };
  }
  const hourAgo = input.now.getTime() - 60 * 60 * 1000;
  const inLastHour = input.recentAcknowledgementsAt.filter(
    (t) => t.getTime() > hourAgo && t.getTime() <= input.now.getTime(),
  ).length;
  if (inLastHour >= input.capPerHour) {
    return {
      send: false,
      reason: 'contact-cap-reached',
      detail: `${inLastHour} automatic replies in the last hour (cap ${input.capPerHour})`,
    };
  }
  return { send: true, reason: 'ok' };
}
