import type {
  MessageAttachmentView,
  MessageView,
  TicketEventType,
  TicketEventView,
  TicketView,
} from '@switchboard/contracts';

/** Columns every ticket read selects, so every endpoint and event shows the same ticket shape. */
export const TICKET_COLUMNS = `
  t.id, t.number, t.subject, t.status, t.priority, t.channel, t.channel_account_id, t.contact_id,
  c.name AS contact_name, t.assignee_id, t.team_id, t.tags, t.seq, t.last_message_at, t.created_at,
  t.updated_at, t.hold_until, t.first_response_due_at, t.resolution_due_at,
  (SELECT s.breached_at FROM ticket_sla_state s WHERE s.ticket_id = t.id) AS sla_breached_at,
  t.sla_policy_id, t.next_response_due_at, t.sla_due_at, t.sla_at_risk_at,
  COALESCE(t.first_response_paused_since, t.next_response_paused_since, t.resolution_paused_since) AS sla_paused_since,
  t.custom_fields, t.bot_id`;

export const TICKET_FROM = `tickets t JOIN contacts c ON c.id = t.contact_id`;

export interface TicketRow {
  id: string;
  number: string | number;
  subject: string;
  status: TicketView['status'];
  priority: TicketView['priority'];
  channel: string;
  channel_account_id: string;
  contact_id: string;
  contact_name: string | null;
  assignee_id: string | null;
  team_id: string | null;
  tags: string[];
  seq: string | number;
  last_message_at: Date | null;
  created_at: Date;
  updated_at: Date;
  hold_until: Date | null;
  first_response_due_at: Date | null;
  resolution_due_at: Date | null;
  sla_breached_at: Date | null;
  // SLA engine: written by SlaClockService.apply in the same transaction.
  sla_policy_id?: string | null;
  next_response_due_at?: Date | null;
  sla_due_at?: Date | null;
  sla_at_risk_at?: Date | null;
  sla_paused_since?: Date | null;
  first_response_paused_since?: Date | null;
  next_response_paused_since?: Date | null;
  resolution_paused_since?: Date | null;
  /** Custom field values by key (custom-fields module). */
  custom_fields?: Record<string, unknown> | null;
  /** The bot holding the ticket (bots module): no team queue, no SLA clock until it hands off. */
  bot_id?: string | null;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export function toTicketView(r: TicketRow): TicketView {
  return {
    id: r.id,
    number: Number(r.number),
    subject: r.subject,
    status: r.status,
    priority: r.priority,
    channel: r.channel,
    channelAccountId: r.channel_account_id,
    contact: { id: r.contact_id, name: r.contact_name },
    assigneeId: r.assignee_id,
    teamId: r.team_id,
    tags: r.tags ?? [],
    seq: Number(r.seq),
    lastMessageAt: iso(r.last_message_at),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    holdUntil: iso(r.hold_until),
    sla: {
      firstResponseDueAt: iso(r.first_response_due_at),
      resolutionDueAt: iso(r.resolution_due_at),
      breachedAt: iso(r.sla_breached_at),
      nextResponseDueAt: iso(r.next_response_due_at ?? null),
      dueAt: iso(r.sla_due_at ?? null),
      atRiskAt: iso(r.sla_at_risk_at ?? null),
      pausedSince: iso(
        r.sla_paused_since ??
          r.first_response_paused_since ??
          r.next_response_paused_since ??
          r.resolution_paused_since ??
          null,
      ),
      policyId: r.sla_policy_id ?? null,
    },
    customFields: r.custom_fields ?? {},
    ...(r.bot_id ? { botId: r.bot_id } : {}),
  };
}

export const MESSAGE_COLUMNS = `
  m.id, m.ticket_id, m.direction, m.kind, m.channel, m.author_id, u.name AS author_name, m.text, m.html,
  m.delivery_state, m.delivery_error, m.external_id, m.created_at, m.meta -> 'attachments' AS attachments`;

export const MESSAGE_FROM = `messages m LEFT JOIN users u ON u.id = m.author_id`;

export interface MessageRow {
  id: string;
  ticket_id: string;
  direction: MessageView['direction'];
  kind: MessageView['kind'];
  channel: string;
  author_id: string | null;
  author_name: string | null;
  text: string;
  html: string | null;
  delivery_state: MessageView['deliveryState'];
  delivery_error: string | null;
  external_id: string | null;
  created_at: Date;
  /** `meta.attachments`: what ingest or a reply stored, by position. */
  attachments?: StoredAttachment[] | null;
}

interface StoredAttachment {
  filename?: string;
  contentType?: string;
  size?: number;
  storageKey?: string;
  rejectedReason?: string;
}

/**
 * Email files download through the email module's route, by position in `meta.attachments`
 * (the same route for mail received and mail sent). Other channels keep their files elsewhere.
 */
function attachmentViews(r: MessageRow): MessageAttachmentView[] {
  if (r.channel !== 'email' || !Array.isArray(r.attachments)) return [];
  return r.attachments.map((a, index) => ({
    filename: a.filename ?? `attachment-${index + 1}`,
    contentType: a.contentType ?? 'application/octet-stream',
    size: a.size ?? 0,
    url: a.storageKey && !a.rejectedReason ? `/api/email/messages/${r.id}/attachments/${index}` : null,
    ...(a.rejectedReason ? { rejectedReason: a.rejectedReason } : {}),
  }));
}

export function toMessageView(r: MessageRow): MessageView {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    direction: r.direction,
    kind: r.kind,
    channel: r.channel,
    authorId: r.author_id,
    authorName: r.author_name ?? null,
    text: r.text,
    html: r.html,
    deliveryState: r.delivery_state,
    deliveryError: r.delivery_error,
    externalId: r.external_id,
    createdAt: iso(r.created_at)!,
    attachments: attachmentViews(r),
  };
}

export interface TicketEventRow {
  id: string;
  ticket_id: string;
  type: TicketEventType;
  actor_id: string | null;
  data: Record<string, unknown>;
  created_at: Date;
}

export function toTicketEventView(r: TicketEventRow): TicketEventView {
  return {
    id: String(r.id),
    ticketId: r.ticket_id,
    type: r.type,
    actorId: r.actor_id,
    data: r.data,
    createdAt: iso(r.created_at)!,
  };
}
