import { Injectable } from '@nestjs/common';
import type { HoldBody, MessageView, PatchTicketBody, PostMessageBody, TicketView, TransferBody } from '@switchboard/contracts';
import { canTransition, conflict, invalid, notFound, statusAfter, type MessageKind, type TicketEventType, type TicketScope } from '@switchboard/domain';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { Db, type Sql } from '../common/db.js';
import { TicketEventBus, type PendingEvent } from '../events/ticket-event-bus.js';
import { OutboundWakeup } from '../outbound/outbound-wakeup.js';
import { SlaClockService, statusChange } from '../sla/sla-clock.service.js';
import { holdCustomerMessage } from './hold-customer-message.js';
import { recordNoteMentions } from './note-mentions.js';
import { TicketAttachments } from './ticket-attachments.service.js';
import { chooseReplyRoute, type ReplyRoute } from './reply-routing.js';
import { TicketQueries } from './ticket-queries.js';
import { MESSAGE_COLUMNS, TICKET_COLUMNS, toMessageView, toTicketView, type MessageRow, type TicketRow } from './ticket-rows.js';

type MessageKindInput = Exclude<MessageKind, 'system'>;

/** Agent actions on a ticket. Each is one transaction: change, audit event, outbox rows. */
@Injectable()
export class TicketCommands {
  constructor(
    private readonly db: Db,
    private readonly queries: TicketQueries,
    private readonly bus: TicketEventBus,
    private readonly wakeup: OutboundWakeup,
    private readonly sla: SlaClockService,
    private readonly attachments: TicketAttachments,
  ) {}

  async postMessage(viewer: AuthenticatedViewer, ticketId: string, input: PostMessageBody): Promise<MessageView> {
    await this.visibleOr404(viewer, ticketId);
    return this.mutate(ticketId, async (sql, ticket, pending) => {
      const replyOnly = (['identityId', 'template', 'attachmentIds'] as const).find((field) => input[field] !== undefined);
      if (input.kind === 'note' && replyOnly) throw invalid(`${replyOnly}: a note is not sent to the customer`);
      if (input.kind === 'note') return this.appendNote(sql, ticket, viewer, input.body, pending); // @mentions (#3)
      if (ticket.status === 'closed') throw conflict('the ticket is closed; open a new ticket to write to the customer');
      const route = await chooseReplyRoute(sql, ticket, input); // #3 item 5, #7: a chosen identity or template
      const ids = input.attachmentIds ?? [];
      const files = await this.attachments.claim(sql, viewer, ticket.id, ids, route?.channel ?? ticket.channel); // #4 item 6
      const next = statusAfter(ticket.status, 'agent_reply') ?? ticket.status;
      const updated = await this.update(sql, ticket.id, `status = $2, first_response_at = COALESCE(first_response_at, now())`, [next]);
      await this.sla.apply(sql, updated, [...statusChange(ticket.status, updated.status), { type: 'agent_reply' }]); // SLA (#5)
      pending.push(await this.ticketUpdated(sql, updated, { status: updated.status }));
      const message = await this.appendMessage(sql, updated, viewer, 'message', input.body, pending, true, route, files.length ? { attachments: files } : null);
      await this.attachments.link(sql, ids, message.id);
      return message;
    });
  }

  async patch(viewer: AuthenticatedViewer, ticketId: string, input: PatchTicketBody): Promise<TicketView> {
    await this.visibleOr404(viewer, ticketId);
    if (input.assigneeId) await this.requireActiveUser(input.assigneeId, 'assigneeId');
    if (input.teamId) await this.requireTeam(input.teamId, 'teamId');
    return this.mutate(ticketId, async (sql, ticket, pending) => {
      const sets: string[] = [];
      const params: unknown[] = [];
      const set = (column: string, value: unknown) => {
        params.push(value);
        sets.push(`${column} = $${params.length + 1}`);
      };
      if (input.status && input.status !== ticket.status) {
        if (!canTransition(ticket.status, input.status, 'agent')) throw conflict(`a ${ticket.status} ticket cannot become ${input.status}`);
        set('status', input.status);
        if (input.status === 'solved') sets.push('solved_at = now()');
        if (input.status !== 'on_hold') sets.push('hold_until = NULL');
      }
      if (input.priority) set('priority', input.priority);
      if (input.assigneeId !== undefined) set('assignee_id', input.assigneeId);
      if (input.teamId !== undefined) set('team_id', input.teamId);
      if (input.tags) set('tags', [...new Set(input.tags)]);
      if (sets.length === 0) return toTicketView(ticket);
      const updated = await this.update(sql, ticket.id, sets.join(', '), params);
      await this.sla.apply(sql, updated, statusChange(ticket.status, updated.status)); // SLA (#5): also re-selects the policy
      const changes = diff(toTicketView(ticket), toTicketView(updated));
      await this.event(sql, updated, viewer, 'updated', changes);
      pending.push(...(await this.scopeChange(sql, ticket, updated)));
      pending.push(await this.ticketUpdated(sql, updated, changes));
      return toTicketView(updated);
    });
  }

  async hold(viewer: AuthenticatedViewer, ticketId: string, input: HoldBody): Promise<TicketView> {
    await this.visibleOr404(viewer, ticketId);
    if (input.until && Date.parse(input.until) <= Date.now()) throw invalid('until: must be in the future');
    return this.mutate(ticketId, async (sql, ticket, pending) => {
      if (!canTransition(ticket.status, 'on_hold', 'agent')) throw conflict(`a ${ticket.status} ticket cannot be put on hold`);
      const updated = await this.update(sql, ticket.id, `status = 'on_hold', hold_until = $2, assignee_id = COALESCE(assignee_id, $3)`, [input.until ?? null, viewer.userId]);
      await this.sla.apply(sql, updated, statusChange(ticket.status, updated.status)); // SLA (#5)
      await this.appendMessage(sql, updated, viewer, 'hold_note', input.note, pending);
      await this.event(sql, updated, viewer, 'held', { note: input.note, until: input.until ?? null, notifiedCustomer: !!input.notifyCustomer });
      if (input.notifyCustomer) {
        // The agent's edited text, else the admin's hold template (#3).
        const text = input.customerMessage ?? (await holdCustomerMessage(sql, updated, input.until ?? null));
        await this.appendMessage(sql, updated, viewer, 'message', text, pending, true);
      }
      pending.push(await this.ticketUpdated(sql, updated, { status: 'on_hold', holdUntil: toTicketView(updated).holdUntil }));
      return toTicketView(updated);
    });
  }

  async resume(viewer: AuthenticatedViewer, ticketId: string): Promise<TicketView> {
    await this.visibleOr404(viewer, ticketId);
    return this.mutate(ticketId, async (sql, ticket, pending) => {
      if (ticket.status !== 'on_hold') throw conflict('the ticket is not on hold');
      const updated = await this.update(sql, ticket.id, `status = 'open', hold_until = NULL`, []);
      await this.sla.apply(sql, updated, statusChange(ticket.status, updated.status)); // SLA (#5)
      await this.event(sql, updated, viewer, 'resumed', {});
      pending.push(await this.ticketUpdated(sql, updated, { status: 'open', holdUntil: null }));
      return toTicketView(updated);
    });
  }

  async transfer(viewer: AuthenticatedViewer, ticketId: string, input: TransferBody): Promise<TicketView> {
    await this.visibleOr404(viewer, ticketId);
    if (input.toAgentId) await this.requireActiveUser(input.toAgentId, 'toAgentId');
    if (input.toTeamId) await this.requireTeam(input.toTeamId, 'toTeamId');
    return this.mutate(ticketId, async (sql, ticket, pending) => {
      const updated = await this.update(sql, ticket.id, `assignee_id = $2, team_id = COALESCE($3, team_id)`, [input.toAgentId ?? null, input.toTeamId ?? null]);
      await this.sla.apply(sql, updated, []); // SLA (#5): a new team may select another policy
      await this.appendMessage(sql, updated, viewer, 'transfer_note', input.note, pending);
      await this.event(sql, updated, viewer, 'transferred', {
        fromAgentId: ticket.assignee_id,
        fromTeamId: ticket.team_id,
        toAgentId: input.toAgentId ?? null,
        toTeamId: updated.team_id,
        note: input.note,
      });
      pending.push(...(await this.scopeChange(sql, ticket, updated)));
      pending.push(await this.ticketUpdated(sql, updated, { assigneeId: updated.assignee_id, teamId: updated.team_id }));
      return toTicketView(updated);
    });
  }

  async acknowledgeHandoff(viewer: AuthenticatedViewer, ticketId: string): Promise<void> {
    await this.visibleOr404(viewer, ticketId);
    await this.mutate(ticketId, async (sql, ticket, pending) => {
      const updated = await this.update(sql, ticket.id, '', []);
      await this.event(sql, updated, viewer, 'handoff_acknowledged', {});
      pending.push(await this.ticketUpdated(sql, updated, {}));
    });
  }

  /** An internal note; colleagues it @mentions are recorded on it and notified (#3). */
  private async appendNote(sql: Sql, ticket: TicketRow, viewer: AuthenticatedViewer, body: string, pending: PendingEvent[]): Promise<MessageView> {
    const note = await this.appendMessage(sql, ticket, viewer, 'note', body, pending);
    const { events } = await recordNoteMentions(sql, this.bus, ticket, viewer, note);
    pending.push(...events);
    return note;
  }

  /** Locks the ticket row, runs the change, publishes its events after commit. */
  private async mutate<T>(ticketId: string, work: (sql: Sql, ticket: TicketRow, pending: PendingEvent[]) => Promise<T>): Promise<T> {
    const pending: PendingEvent[] = [];
    const result = await this.db.tx(async (sql) => {
      const [ticket] = await sql.query<TicketRow>(`SELECT ${TICKET_COLUMNS} FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE t.id = $1 FOR UPDATE OF t`, [ticketId]);
      if (!ticket) throw notFound('ticket not found');
      return work(sql, ticket, pending);
    });
    this.bus.publish(pending);
    if (pending.some((e) => e.name === 'message.created')) this.wakeup.wake();
    return result;
  }

  private async update(sql: Sql, ticketId: string, sets: string, params: unknown[]): Promise<TicketRow> {
    const [row] = await sql.query<TicketRow>(
      `WITH t AS (UPDATE tickets SET ${sets ? `${sets}, ` : ''}seq = seq + 1, updated_at = now() WHERE id = $1 RETURNING *)
       SELECT ${TICKET_COLUMNS} FROM t JOIN contacts c ON c.id = t.contact_id`,
      [ticketId, ...params],
    );
    return row;
  }

  /**
   * Stores a message; an outbound one goes to the address the customer last wrote from, unless
   * `route` says otherwise. `meta` is merged into the message's meta (a reply's attachments).
   */
  private async appendMessage(sql: Sql, ticket: TicketRow, viewer: AuthenticatedViewer, kind: MessageKindInput, body: string, pending: PendingEvent[], outbound = false, route: ReplyRoute | null = null, meta: Record<string, unknown> | null = null): Promise<MessageView> {
    const [row] = await sql.query<MessageRow>(
      `WITH m AS (
         INSERT INTO messages (ticket_id, direction, kind, channel, channel_account_id, identity_id, author_id, text, delivery_state, meta)
         VALUES ($1, 'out', $2, COALESCE($8, $3), COALESCE($9::uuid, $4),
                 COALESCE($10::uuid, CASE WHEN $6 THEN (SELECT identity_id FROM messages WHERE ticket_id = $1 AND direction = 'in' AND identity_id IS NOT NULL ORDER BY created_at DESC LIMIT 1) END),
                 $5, $7, CASE WHEN $6 THEN 'queued'::delivery_state END, COALESCE($11::jsonb, '{}') || COALESCE($12::jsonb, '{}'))
         RETURNING *)
       SELECT ${MESSAGE_COLUMNS} FROM m LEFT JOIN users u ON u.id = m.author_id`,
      [ticket.id, kind, ticket.channel, ticket.channel_account_id, viewer.userId, outbound, body, route?.channel ?? null, route?.channelAccountId ?? null, route?.identityId ?? null, route?.meta ?? null, meta],
    );
    if (outbound) await sql.query(`INSERT INTO outbound_jobs (message_id, idempotency_key) VALUES ($1, $2)`, [row.id, row.id]);
    const message = toMessageView(row);
    pending.push(await this.bus.record(sql, ticket.id, 'message.created', { ticketId: ticket.id, seq: Number(ticket.seq), message }, scopeOf(ticket)));
    return message;
  }

  private async event(sql: Sql, ticket: TicketRow, viewer: AuthenticatedViewer, type: TicketEventType, data: Record<string, unknown>): Promise<void> {
    await sql.query(`INSERT INTO ticket_events (ticket_id, seq, type, actor_id, data) VALUES ($1, $2, $3, $4, $5)`, [ticket.id, ticket.seq, type, viewer.userId, data]);
  }

  private ticketUpdated(sql: Sql, ticket: TicketRow, changes: Partial<TicketView>): Promise<PendingEvent> {
    const view = toTicketView(ticket);
    return this.bus.record(sql, ticket.id, 'ticket.updated', { ticketId: ticket.id, seq: view.seq, changes: { ...changes, sla: view.sla, updatedAt: view.updatedAt } }, scopeOf(ticket));
  }

  /** Those who could see the ticket before a transfer learn it left them (ids only, no content). */
  private async scopeChange(sql: Sql, before: TicketRow, after: TicketRow): Promise<PendingEvent[]> {
    if (before.team_id === after.team_id && before.assignee_id === after.assignee_id) return [];
    const changes = { assigneeId: after.assignee_id, teamId: after.team_id };
    return [await this.bus.record(sql, after.id, 'ticket.updated', { ticketId: after.id, seq: Number(after.seq), changes }, scopeOf(before))];
  }

  private async visibleOr404(viewer: AuthenticatedViewer, ticketId: string): Promise<TicketView> {
    const ticket = await this.queries.findVisible(viewer, ticketId);
    if (!ticket) throw notFound('ticket not found');
    return ticket;
  }

  private async requireActiveUser(id: string, field: string): Promise<void> {
    const user = await this.db.one(`SELECT 1 FROM users WHERE id = $1 AND active`, [id]);
    if (!user) throw invalid(`${field}: no active user with this id`);
  }

  private async requireTeam(id: string, field: string): Promise<void> {
    const team = await this.db.one(`SELECT 1 FROM teams WHERE id = $1`, [id]);
    if (!team) throw invalid(`${field}: no team with this id`);
  }
}

function scopeOf(t: TicketRow): TicketScope {
  return { teamId: t.team_id, assigneeId: t.assignee_id };
}

function diff(before: TicketView, after: TicketView): Partial<TicketView> {
  const out: Record<string, unknown> = {};
  for (const key of ['status', 'priority', 'assigneeId', 'teamId', 'tags'] as const) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out[key] = after[key];
  }
  return out as Partial<TicketView>;
}

