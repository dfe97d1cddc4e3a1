/**
 * The words every part of Switchboard shares: declared once here, as arrays (for schemas,
 * selects and exhaustive tests) with the union types derived from them. Statuses, delivery
 * states and roles live beside the rules that use them (ticket-status, delivery-state, visibility).
 */

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** The kinds of channel account (an inbox) the channel libraries provide. */
export const CHANNEL_KINDS = [
  'email',
  'twilio_sms',
  'twilio_whatsapp',
  'messenger',
  'instagram',
  'telegram',
  'web_chat',
  'api',
] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** What a timeline message is: customer or agent text, or one of the internal notes, or a system line. */
export const MESSAGE_KINDS = ['message', 'note', 'hold_note', 'transfer_note', 'system'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const MESSAGE_DIRECTIONS = ['in', 'out'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

/**
 * Every `ticket_events.type` the API writes: the audit timeline of a ticket. A reader (the
 * console's timeline, reports) handles each of these and nothing else.
 */
export const TICKET_EVENT_TYPES = [
  'created',
  'reopened',
  'status_changed',
  'updated',
  'held',
  'resumed',
  'hold_expired',
  'transferred',
  'handoff_acknowledged',
  'delivery_retried',
  'contact_merged',
  'sla_clock',
  'sla_escalation',
  'survey',
  'transcript_sent',
  'auto_assigned',
  'channel_switched',
  'merged',
  'merge_undone',
  'split',
  'subject_changed',
  'custom_fields_changed',
  'contact_updated',
  'spam_marked',
  'spam_cleared',
  'messages_folded',
] as const;
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

export function isTicketEventType(value: unknown): value is TicketEventType {
  return typeof value === 'string' && (TICKET_EVENT_TYPES as readonly string[]).includes(value);
}
