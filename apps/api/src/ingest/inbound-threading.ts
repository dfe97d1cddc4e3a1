import type { InboundMessage } from '@switchboard/channel-kit';
import { isOpenStatus, type TicketEventType, type TicketStatus } from '@switchboard/domain';
import { asSingleLine } from '@switchboard/contracts';
import type { AgentEventName } from '@switchboard/contracts';
import { SETTING_DEFAULTS } from '../settings/app-settings.js';
import { reopenWindowOf } from '../settings/threading-settings.js';
import { toMessageView, toTicketView, type MessageRow, type TicketRow } from '../tickets/ticket-rows.js';

/** A ticket an inbound message may continue, as the thread lookups find it. */
export interface ThreadCandidate {
  id: string;
  status: TicketStatus;
  solved_at: Date | null;
  /** The channel account of the customer's latest message on the ticket: a different one now is a channel switch. */
  last_in_account_id: string | null;
  last_in_channel: string | null;
  /** In the spam view: only a blocked sender's messages join it, and theirs join nothing else. */
  spam: boolean;
}

/** The candidate columns, with where the customer last wrote from (one indexed lookup, same round trip). */
export const CANDIDATE_COLUMNS = `t.id, t.status, t.solved_at, last_in.channel_account_id AS last_in_account_id, last_in.channel AS last_in_channel,
  t.spam_at IS NOT NULL AS spam`;
export const LAST_INBOUND = `LEFT JOIN LATERAL (
  SELECT channel_account_id, channel FROM messages
   WHERE ticket_id = t.id AND direction = 'in' ORDER BY created_at DESC LIMIT 1) last_in ON true`;

/** The workspace's threading rules as ingest applies them. */
export interface Threading {
  joinAcrossChannels: boolean;
  reopenWindowSeconds: number;
}

/** The workspace's threading settings as two columns, for a caller's statement (no extra round trip). */
export const THREADING_SETTING_COLUMNS = `(SELECT value #>> '{}' FROM app_settings WHERE key = 'threading.join_across_channels') AS join_across,
  (SELECT value #>> '{}' FROM app_settings WHERE key = 'threading.reopen_window_seconds') AS reopen_window`;

/** The threading rules from THREADING_SETTING_COLUMNS, with the defaults for what is not set. */
export function threadingOf(
  row: { join_across: string | null; reopen_window: string | null } | undefined,
  reopenWindowDefault: number,
): Threading {
  return {
    joinAcrossChannels: (row?.join_across ?? SETTING_DEFAULTS['threading.join_across_channels']) === 'true',
    reopenWindowSeconds: reopenWindowOf(row?.reopen_window ?? null, reopenWindowDefault),
  };
}

/** Open tickets continue; a solved one only inside the reopen window; a closed one never. */
export function continues(candidate: ThreadCandidate, threading: Threading, now = Date.now()): boolean {
  if (isOpenStatus(candidate.status)) return true;
  return (
    candidate.status === 'solved' &&
    candidate.solved_at !== null &&
    now - new Date(candidate.solved_at).getTime() <= threading.reopenWindowSeconds * 1000
  );
}

/** The keys a message can be threaded by: its thread key and the others it names. */
export function threadKeysOf(msg: InboundMessage): string[] {
  return [...new Set([msg.threadKey, ...(msg.alsoThreadKeys ?? [])].filter((k): k is string => !!k))];
}

/** A new ticket's subject: the message's, else the first line of its text, on one line. */
export function newTicketSubject(msg: InboundMessage): string {
  return (asSingleLine(msg.subject?.trim() || msg.text.trim().split('\n')[0]).trim() || '(no subject)').slice(
    0,
    200,
  );
}

/** What agents see in the timeline when a customer's message continues a ticket. */
export function continuationEvents(
  target: ThreadCandidate,
  ticket: TicketRow,
  account: { id: string; kind: string },
): Array<{ type: TicketEventType; data: Record<string, unknown> }> {
  const events: Array<{ type: TicketEventType; data: Record<string, unknown> }> = [];
  if (target.status !== ticket.status)
    events.push({
      type: target.status === 'solved' ? 'reopened' : 'status_changed',
      data: { from: target.status, to: ticket.status, by: 'customer_message' },
    });
  // The customer moved to another channel (email, then SMS): agents see where the thread went.
  if (target.last_in_account_id && target.last_in_account_id !== account.id)
    events.push({
      type: 'channel_switched',
      data: {
        from: target.last_in_channel,
        fromChannelAccountId: target.last_in_account_id,
        to: account.kind,
        toChannelAccountId: account.id,
      },
    });
  return events;
}

/** The outbox events of a stored inbound message: a new ticket, or a changed one, and the message. */
export function inboundOutboxEvents(
  ticketCreated: boolean,
  ticket: TicketRow,
  messageRow: MessageRow,
): Array<{ name: AgentEventName; payload: unknown }> {
  const view = toTicketView(ticket);
  const message = { ticketId: ticket.id, seq: view.seq, message: toMessageView(messageRow) };
  if (ticketCreated)
    return [
      { name: 'ticket.created', payload: { ticket: view, seq: view.seq } },
      { name: 'message.created', payload: message },
    ];
  const changes = {
    status: view.status,
    lastMessageAt: view.lastMessageAt,
    updatedAt: view.updatedAt,
    sla: view.sla,
  };
  return [
    { name: 'ticket.updated', payload: { ticketId: ticket.id, seq: view.seq, changes } },
    { name: 'message.created', payload: message },
  ];
}
