import { Injectable } from '@nestjs/common';
import type { AgentEventName, AgentServerEvents, MessageView, TicketView } from '@switchboard/contracts';
import {
  canAdvanceDelivery,
  canTransition,
  TICKET_STATUSES,
  type DeliveryState,
  type TicketEventType,
  type TicketScope,
  type TicketStatus,
  type TicketTrigger,
  DomainError,
  notFound,
} from '@switchboard/domain';
import { Db, type Sql } from '../common/db.js';
import { assertSolvable } from '../custom-fields/required-to-solve.js';
import { TicketEventBus, type PendingEvent } from '../events/ticket-event-bus.js';
import { OutboundWakeup } from '../outbound/outbound-wakeup.js';
import type { ReplyRoute } from './reply-routing.js';
import {
  MESSAGE_COLUMNS,
  TICKET_COLUMNS,
  TICKET_FROM,
  toMessageView,
  toTicketView,
  type MessageRow,
  type TicketRow,
} from './ticket-rows.js';

/**
 * The one place that writes tickets, their timeline and their messages: every ticket change
 * moves `seq` (the version agents' screens compare) exactly once, timeline events carry that
 * seq, statuses move only along the domain's transition table and delivery states only forward,
 * and what agents must hear goes to the outbox in the same transaction.
 *
 * Hot paths that must stay one statement (ingest, the SLA sweep, delivery reports) compose the
 * SQL fragments exported here instead of calling the methods, so the SQL still lives here.
 */

export type { TicketEventType };

/** The SET items of any ticket change: the version and the last activity move together. */
export const BUMP_SEQ = 'seq = seq + 1, updated_at = now()';

const TICKET_EVENT_INSERT = 'INSERT INTO ticket_events (ticket_id, seq, type, actor_id, data)';

/** A timeline row: the seq is the ticket's seq after the change it records. */
export interface TimelineEvent {
  ticketId: string;
  seq: number | string;
  data: Record<string, unknown>;
  actorId?: string | null;
}

type Bind = (value: unknown) => string;

/**
 * Timeline events of one type as one INSERT, for a caller's multi-row or CTE statement. The data
 * travel as one JSON array, zipped with the other columns by position: a text[] of JSON documents
 * is escaped element by element by the driver, and a `text[]::jsonb[]` parameter is folded into a
 * constant while the statement is planned (~20 ms for a thousand events).
 */
export function ticketEventsInsertSql(
  bind: Bind,
  type: TicketEventType,
  events: readonly TimelineEvent[],
): string {
  const ids = bind(events.map((e) => e.ticketId));
  const seqs = bind(events.map((e) => e.seq));
  const actors = bind(events.map((e) => e.actorId ?? null));
  const data = bind(JSON.stringify(events.map((e) => e.data)));
  return `${TICKET_EVENT_INSERT}
     SELECT ticket_id, seq, ${bind(type)}::text, actor_id, data::jsonb
       FROM ROWS FROM (unnest(${ids}::uuid[]), unnest(${seqs}::bigint[]), unnest(${actors}::uuid[]), json_array_elements(${data}::json))
            AS v(ticket_id, seq, actor_id, data)`;
}

/** Appends one timeline event; its id. */
export async function appendTicketEvent(
  sql: Sql,
  type: TicketEventType,
  event: TimelineEvent,
): Promise<string> {
  const [row] = await sql.query<{ id: string }>(
    `${TICKET_EVENT_INSERT} VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [event.ticketId, event.seq, type, event.actorId ?? null, event.data],
  );
  return String(row.id);
}

type MessageColumn =
  | 'id'
  | 'ticket_id'
  | 'direction'
  | 'kind'
  | 'channel'
  | 'channel_account_id'
  | 'identity_id'
  | 'author_id'
  | 'text'
  | 'html'
  | 'external_id'
  | 'delivery_state'
  | 'meta'
  | 'created_at';

/** One message as an INSERT … RETURNING *, from SQL expressions per column, for a caller's CTE. */
export function messageInsertSql(values: Partial<Record<MessageColumn, string>>): string {
  return `INSERT INTO messages (${Object.keys(values).join(', ')}) VALUES (${Object.values(values).join(', ')}) RETURNING *`;
}

/** The statuses a trigger may move to `to` from, for set-based changes of many tickets. */
export function statusesThatMayBecome(to: TicketStatus, trigger: TicketTrigger): TicketStatus[] {
  return TICKET_STATUSES.filter((from) => canTransition(from, to, trigger));
}

/** What else a status change sets: solving stamps the time, leaving a hold ends it. */
function statusSideEffects(from: TicketStatus | null, to: TicketStatus): string[] {
  if (from === to) return [];
  return [
    'status_changed_at = now()', // time rules count "hours pending" from it
    ...(to === 'solved' ? ['solved_at = now()'] : []),
    ...(to !== 'on_hold' ? ['hold_until = NULL'] : []),
  ];
}

/** A status change the transition table does not allow (409). */
export class TicketTransitionRefused extends DomainError {
  constructor(message: string) {
    super('conflict', message);
  }
}

export function scopeOf(t: { team_id: string | null; assignee_id: string | null }): TicketScope {
  return { teamId: t.team_id, assigneeId: t.assignee_id };
}

export type NewMessageKind = 'message' | 'note' | 'hold_note' | 'transfer_note';

/** An agent's (or the system's) message on a ticket. */
export interface NewMessage {
  kind: NewMessageKind;
  text: string;
  /** Sanitized HTML of the same message (a formatted email reply); `text` stays its plain form. */
  html?: string | null;
  authorId: string | null;
  /** Sent to the customer: queued with an outbound job, to the address they last wrote from unless `route` says otherwise. */
  outbound?: boolean;
  route?: ReplyRoute | null;
  /** Merged into the message's meta (a reply's attachments, an auto-acknowledgement flag). */
  meta?: Record<string, unknown> | null;
}

/** An outbound message whose delivery state changes, with its ticket's scope. */
export interface DeliveryTarget {
  id: string;
  ticket_id: string;
  delivery_state: DeliveryState | null;
  team_id: string | null;
  assignee_id: string | null;
}

/** What `moveTimeline` moved, by id (bigint ids as strings). */
export interface MovedTimeline {
  messageIds: string[];
  eventIds: string[];
  clockEntryIds: string[];
}

/** One transaction's ticket writes; `TicketWriter` publishes the queued events after commit. */
export class TicketTx {
  readonly events: PendingEvent[] = [];
  /** A message was queued for sending: the dispatcher is woken after commit. */
  outboundQueued = false;

  constructor(
    readonly sql: Sql,
    private readonly bus: TicketEventBus,
  ) {}

  /** The ticket, its row locked until commit; null when there is none. */
  async lock(ticketId: string): Promise<TicketRow | null> {
    const [row] = await this.sql.query<TicketRow>(
      `SELECT ${TICKET_COLUMNS} FROM ${TICKET_FROM} WHERE t.id = $1 FOR UPDATE OF t`,
      [ticketId],
    );
    return row ?? null;
  }

  /**
   * Opens a ticket an agent starts (a customer's first message opens its ticket in ingest), with
   * its `created` timeline event and `ticket.created` for its audience; the new row.
   */
  async open(input: {
    subject: string;
    channel: string;
    channelAccountId: string;
    contactId: string;
    teamId: string | null;
    assigneeId: string | null;
    actorId: string;
  }): Promise<TicketRow> {
    const [row] = await this.sql.query<TicketRow>(
      `WITH t AS (
         INSERT INTO tickets (subject, channel, channel_account_id, contact_id, team_id, assignee_id, last_message_at)
         VALUES ($1, $2, $3, $4, $5, $6, now()) RETURNING *)
       SELECT ${TICKET_COLUMNS} FROM t JOIN contacts c ON c.id = t.contact_id`,
      [input.subject, input.channel, input.channelAccountId, input.contactId, input.teamId, input.assigneeId],
    );
    await this.appendEvent(row, 'created', { channel: input.channel, startedBy: 'agent' }, input.actorId);
    const view = toTicketView(row);
    await this.emit(row.id, 'ticket.created', { ticket: view, seq: view.seq }, scopeOf(row));
    return row;
  }

  /** A change of the ticket: `sets` (SQL over $2, $3, … = `params`) and the seq move; the new row. */
  async touch(ticketId: string, sets = '', params: unknown[] = []): Promise<TicketRow> {
    const [row] = await this.sql.query<TicketRow>(
      `WITH t AS (UPDATE tickets SET ${sets ? `${sets}, ` : ''}${BUMP_SEQ} WHERE id = $1 RETURNING *)
       SELECT ${TICKET_COLUMNS} FROM t JOIN contacts c ON c.id = t.contact_id`,
      [ticketId, ...params],
    );
    return row;
  }

  /**
   * Moves the (locked) ticket to `to` if the transition table lets `trigger` do it, else throws
   * TicketTransitionRefused. `sets`/`params` change other columns in the same statement.
   */
  async transition(
    ticket: TicketRow,
    to: TicketStatus,
    trigger: TicketTrigger,
    options: { sets?: string; params?: unknown[]; refusal?: string } = {},
  ): Promise<TicketRow> {
    if (!canTransition(ticket.status, to, trigger))
      throw new TicketTransitionRefused(options.refusal ?? `a ${ticket.status} ticket cannot become ${to}`);
    const params = options.params ?? [];
    const sets = [
      options.sets,
      `status = $${params.length + 2}::ticket_status`,
      ...statusSideEffects(ticket.status, to),
    ]
      .filter(Boolean)
      .join(', ');
    const updated = await this.touch(ticket.id, sets, [...params, to]);
    // Checked on the changed row, so a PATCH may fill the fields and solve at once; a refusal rolls it back.
    if (to === 'solved' && ticket.status !== 'solved') await assertSolvable(this.sql, updated);
    return updated;
  }

  /**
   * Moves every ticket `pick` selects (SQL yielding ids over `params`) to `to`, set-based, where
   * the transition table lets `trigger` do it from the ticket's status; the changed rows.
   */
  async transitionWhere(
    pick: string,
    params: unknown[],
    to: TicketStatus,
    trigger: TicketTrigger,
  ): Promise<TicketRow[]> {
    const from = statusesThatMayBecome(to, trigger);
    const sets = [`status = $${params.length + 1}::ticket_status`, ...statusSideEffects(null, to)].join(', ');
    return this.sql.query<TicketRow>(
      `WITH t AS (
         UPDATE tickets SET ${sets}, ${BUMP_SEQ}
          WHERE id IN (${pick}) AND status = ANY($${params.length + 2}::ticket_status[])
         RETURNING *)
       SELECT ${TICKET_COLUMNS} FROM t JOIN contacts c ON c.id = t.contact_id`,
      [...params, to, from],
    );
  }

  /**
   * A change of several tickets in one statement: `sets` reads `v.value` (SQL type `type`), the
   * value given for each ticket id; the new rows.
   */
  async touchEach(ids: string[], values: unknown[], type: string, sets: string): Promise<TicketRow[]> {
    if (ids.length === 0) return [];
    return this.sql.query<TicketRow>(
      `WITH v AS (SELECT * FROM unnest($1::uuid[], $2::${type}[]) AS v(id, value)),
            t AS (UPDATE tickets SET ${sets}, ${BUMP_SEQ} FROM v WHERE tickets.id = v.id RETURNING tickets.*)
       SELECT ${TICKET_COLUMNS} FROM t JOIN contacts c ON c.id = t.contact_id`,
      [ids, values],
    );
  }

  /** Timeline events of one type on several tickets, one statement (each at its ticket's current seq). */
  async appendEvents(type: TicketEventType, events: readonly TimelineEvent[]): Promise<void> {
    if (events.length === 0) return;
    const params: unknown[] = [];
    const bind: Bind = (value) => {
      params.push(value);
      return `$${params.length}`;
    };
    await this.sql.query(ticketEventsInsertSql(bind, type, events), params);
  }

  /** Bumps every ticket `where` selects (over `params`), with `sets`; their new seq and scope. */
  async touchWhere(
    where: string,
    params: unknown[],
    sets = '',
  ): Promise<Array<{ id: string; seq: string; team_id: string | null; assignee_id: string | null }>> {
    return this.sql.query(
      `WITH t AS (UPDATE tickets SET ${sets ? `${sets}, ` : ''}${BUMP_SEQ} WHERE ${where} RETURNING id, seq, team_id, assignee_id) SELECT * FROM t`,
      params,
    );
  }

  /** Appends a timeline event at the ticket's current seq (call after the change that moved it). */
  appendEvent(
    ticket: { id: string; seq: string | number },
    type: TicketEventType,
    data: Record<string, unknown>,
    actorId: string | null = null,
  ): Promise<string> {
    return appendTicketEvent(this.sql, type, { ticketId: ticket.id, seq: ticket.seq, data, actorId });
  }

  /** Removes a timeline event of `type` again (a reservation given back); its ticket, null when there was none. */
  async withdrawEvent(eventId: string, type: TicketEventType): Promise<string | null> {
    const [row] = await this.sql.query<{ ticket_id: string }>(
      `DELETE FROM ticket_events WHERE id = $1 AND type = $2 RETURNING ticket_id`,
      [eventId, type],
    );
    return row?.ticket_id ?? null;
  }

  /**
   * A new ticket from `columns` (column name → value), for tickets an agent makes out of others
   * (a split); inbound tickets open in ingest's own statement. The row, with its contact.
   */
  async insertTicket(columns: Record<string, unknown>): Promise<TicketRow> {
    const names = Object.keys(columns);
    const [row] = await this.sql.query<TicketRow>(
      `WITH t AS (INSERT INTO tickets (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *)
       SELECT ${TICKET_COLUMNS} FROM t JOIN contacts c ON c.id = t.contact_id`,
      Object.values(columns),
    );
    return row;
  }

  /**
   * Moves messages (with their uploaded files), timeline events and SLA ledger entries from one
   * ticket to another, everything or the ids given: a merge, a split and their undo. Rows keep
   * their times, so each timeline reads in time order afterwards. What moved, by id.
   */
  async moveTimeline(
    fromTicketId: string,
    toTicketId: string,
    pick: 'all' | { messageIds: string[]; eventIds?: string[]; clockEntryIds?: string[] },
  ): Promise<MovedTimeline> {
    const all = pick === 'all';
    const ids = (list: string[] | undefined) => (all ? null : (list ?? []));
    const [row] = await this.sql.query<MovedTimeline>(
      `WITH m AS (UPDATE messages SET ticket_id = $2 WHERE ticket_id = $1 AND ($3::uuid[] IS NULL OR id = ANY($3)) RETURNING id),
            files AS (UPDATE outbound_attachments SET ticket_id = $2 WHERE message_id IN (SELECT id FROM m)),
            chat_files AS (UPDATE widget_attachments SET ticket_id = $2 WHERE message_id IN (SELECT id FROM m)),
            e AS (UPDATE ticket_events SET ticket_id = $2 WHERE ticket_id = $1 AND ($4::bigint[] IS NULL OR id = ANY($4)) RETURNING id),
            l AS (UPDATE sla_clock_entries SET ticket_id = $2 WHERE ticket_id = $1 AND ($5::bigint[] IS NULL OR id = ANY($5)) RETURNING id)
       SELECT COALESCE((SELECT array_agg(id::text) FROM m), '{}') AS "messageIds",
              COALESCE((SELECT array_agg(id::text) FROM e), '{}') AS "eventIds",
              COALESCE((SELECT array_agg(id::text) FROM l), '{}') AS "clockEntryIds"`,
      [
        fromTicketId,
        toTicketId,
        all ? null : pick.messageIds,
        ids(all ? undefined : pick.eventIds),
        ids(all ? undefined : pick.clockEntryIds),
      ],
    );
    return row;
  }

  /** Stores a message on the (just changed) ticket and tells agents; outbound ones are queued for sending. */
  async appendMessage(ticket: TicketRow, input: NewMessage): Promise<MessageView> {
    const { route = null, outbound = false } = input;
    const [row] = await this.sql.query<MessageRow>(
      `WITH m AS (
         ${messageInsertSql({
           ticket_id: '$1',
           direction: `'out'`,
           kind: '$2',
           channel: 'COALESCE($8, $3)',
           channel_account_id: 'COALESCE($9::uuid, $4)',
           // The address the customer last wrote from; on a ticket an agent started, the one we wrote to.
           identity_id: `COALESCE($10::uuid, CASE WHEN $6 THEN (SELECT identity_id FROM messages WHERE ticket_id = $1 AND identity_id IS NOT NULL AND kind = 'message' ORDER BY direction = 'in' DESC, created_at DESC LIMIT 1) END)`,
           author_id: '$5',
           text: '$7',
           html: '$13',
           delivery_state: `CASE WHEN $6 THEN 'queued'::delivery_state END`,
           meta: `COALESCE($11::jsonb, '{}') || COALESCE($12::jsonb, '{}')`,
         })})
       SELECT ${MESSAGE_COLUMNS} FROM m LEFT JOIN users u ON u.id = m.author_id`,
      [
        ticket.id,
        input.kind,
        ticket.channel,
        ticket.channel_account_id,
        input.authorId,
        outbound,
        input.text,
        route?.channel ?? null,
        route?.channelAccountId ?? null,
        route?.identityId ?? null,
        route?.meta ?? null,
        input.meta ?? null,
        input.html ?? null,
      ],
    );
    if (outbound) {
      await this.sql.query(`INSERT INTO outbound_jobs (message_id, idempotency_key) VALUES ($1, $2)`, [
        row.id,
        row.id,
      ]);
      this.outboundQueued = true;
    }
    // An agent's reply to the customer (not a note, not an automatic message): time rules count from it.
    if (outbound && input.kind === 'message' && input.authorId)
      await this.sql.query(`UPDATE tickets SET last_agent_reply_at = $2 WHERE id = $1`, [
        ticket.id,
        row.created_at,
      ]);
    const message = toMessageView(row);
    await this.emit(
      ticket.id,
      'message.created',
      { ticketId: ticket.id, seq: Number(ticket.seq), message },
      scopeOf(ticket),
    );
    return message;
  }

  /**
   * Moves an outbound message's delivery state forward (never back: canAdvanceDelivery), as a
   * change of its ticket, and tells agents. `stale` when the message is already further along.
   */
  async advanceDelivery(
    target: DeliveryTarget,
    state: DeliveryState,
    error: string | null,
  ): Promise<'applied' | 'stale'> {
    if (target.delivery_state && !canAdvanceDelivery(target.delivery_state, state)) return 'stale';
    const [row] = await this.sql.query<MessageRow & { seq: string }>(
      `WITH m AS (
         UPDATE messages SET delivery_state = $2, delivery_error = COALESCE($3, delivery_error) WHERE id = $1 RETURNING *),
       t AS (UPDATE tickets SET ${BUMP_SEQ} WHERE id = $4 RETURNING seq)
       SELECT ${MESSAGE_COLUMNS}, (SELECT seq FROM t) AS seq FROM m LEFT JOIN users u ON u.id = m.author_id`,
      [target.id, state, error, target.ticket_id],
    );
    await this.emit(
      target.ticket_id,
      'message.updated',
      { ticketId: target.ticket_id, seq: Number(row.seq), message: toMessageView(row) },
      scopeOf(target),
    );
    return 'applied';
  }

  /**
   * Records the outcome of the dispatcher's own send of a queued message (its provider id, when
   * it went out) and tells agents; false when the message is gone.
   */
  async recordSend(
    job: { message_id: string; ticket_id: string; team_id: string | null; assignee_id: string | null },
    state: 'sent' | 'delivered' | 'failed',
    error: string | null,
    providerId: string | null,
  ): Promise<boolean> {
    const [row] = await this.sql.query<MessageRow & { seq: string }>(
      `WITH m AS (
         UPDATE messages SET delivery_state = $2::delivery_state, delivery_error = $3, external_id = COALESCE($4, external_id),
                sent_at = CASE WHEN $2::delivery_state <> 'failed' THEN now() END
          WHERE id = $1 RETURNING *),
       t AS (UPDATE tickets SET ${BUMP_SEQ} WHERE id = $5 RETURNING seq)
       SELECT ${MESSAGE_COLUMNS}, (SELECT seq FROM t) AS seq FROM m LEFT JOIN users u ON u.id = m.author_id`,
      [job.message_id, state, error, providerId, job.ticket_id],
    );
    if (!row) return false;
    await this.emit(
      job.ticket_id,
      'message.updated',
      { ticketId: job.ticket_id, seq: Number(row.seq), message: toMessageView(row) },
      scopeOf(job),
    );
    return true;
  }

  /**
   * Queues a failed message again (the one step out of a final delivery state, and only by an
   * agent's retry), with its outbound job reset; the caller has bumped the ticket.
   */
  async requeueFailed(ticket: TicketRow, messageId: string): Promise<MessageView> {
    const [row] = await this.sql.query<MessageRow>(
      `WITH m AS (UPDATE messages SET delivery_state = 'queued', delivery_error = NULL, sent_at = NULL WHERE id = $1 AND delivery_state = 'failed' RETURNING *)
       SELECT ${MESSAGE_COLUMNS} FROM m LEFT JOIN users u ON u.id = m.author_id`,
      [messageId],
    );
    await this.sql.query(
      `INSERT INTO outbound_jobs (message_id, idempotency_key) VALUES ($1, $2)
       ON CONFLICT (message_id) DO UPDATE SET attempts = 0, next_attempt_at = now(), locked_until = NULL, last_error = NULL`,
      [messageId, messageId],
    );
    this.outboundQueued = true;
    const message = toMessageView(row);
    await this.emit(
      ticket.id,
      'message.updated',
      { ticketId: ticket.id, seq: Number(ticket.seq), message },
      scopeOf(ticket),
    );
    return message;
  }

  /** Queues an event for the audience's rooms, in the outbox of this transaction. */
  async emit<N extends AgentEventName>(
    ticketId: string,
    name: N,
    payload: AgentServerEvents[N],
    audience: TicketScope,
  ): Promise<void> {
    this.events.push(await this.bus.record(this.sql, ticketId, name, payload, audience));
  }

  /**
   * Queues an event for the engines only (rules read `survey.received`): it reaches no socket,
   * so it is stored as already published.
   */
  async emitToEngines(ticketId: string, topic: string, payload: Record<string, unknown>): Promise<void> {
    await this.sql.query(
      `INSERT INTO outbox_events (topic, ticket_id, payload, published_at) VALUES ($1, $2, $3, now())`,
      [topic, ticketId, { payload, audience: { teamId: null, assigneeId: null }, rooms: [] }],
    );
  }

  /** Queues an event for the given rooms only (a mention reaches one agent). */
  async emitTo<N extends AgentEventName>(
    ticketId: string,
    name: N,
    payload: AgentServerEvents[N],
    rooms: string[],
  ): Promise<void> {
    this.events.push(await this.bus.recordDirect(this.sql, ticketId, name, payload, rooms));
  }

  /** `ticket.updated` for several changed tickets, in one statement (see `ticketUpdated`). */
  async ticketsUpdated(changed: Array<{ ticket: TicketRow; changes: Partial<TicketView> }>): Promise<void> {
    const events = changed.map(({ ticket, changes }) => ({
      ticketId: ticket.id,
      name: 'ticket.updated' as const,
      payload: ticketUpdatedPayload(ticket, changes),
      audience: scopeOf(ticket),
    }));
    this.events.push(...(await this.bus.recordEach(this.sql, events)));
  }

  /**
   * `ticket.updated` for the ticket's audience (or `audience`), with its SLA and last activity,
   * and always the fields that decide which queues hold the ticket: a change with side effects
   * (Hold also assigns) must not leave a console placing the ticket by the fields it was told of.
   */
  ticketUpdated(
    ticket: TicketRow,
    changes: Partial<TicketView>,
    audience: TicketScope = scopeOf(ticket),
  ): Promise<void> {
    return this.emit(ticket.id, 'ticket.updated', ticketUpdatedPayload(ticket, changes), audience);
  }
}

function ticketUpdatedPayload(
  ticket: TicketRow,
  changes: Partial<TicketView>,
): AgentServerEvents['ticket.updated'] {
  const view = toTicketView(ticket);
  const { status, priority, assigneeId, teamId, tags, sla, updatedAt } = view;
  return {
    ticketId: ticket.id,
    seq: view.seq,
    changes: { ...changes, status, priority, assigneeId, teamId, tags, sla, updatedAt },
  };
}

/** Opens ticket transactions; publishes their events after commit and wakes the dispatcher when a send was queued. */
@Injectable()
export class TicketWriter {
  constructor(
    private readonly db: Db,
    private readonly bus: TicketEventBus,
    private readonly wakeup: OutboundWakeup,
  ) {}

  async transaction<T>(work: (tx: TicketTx) => Promise<T>): Promise<T> {
    let tx: TicketTx | undefined;
    const result = await this.db.tx((sql) => work((tx = this.join(sql))));
    this.afterCommit(tx!);
    return result;
  }

  /**
   * Ticket writes inside a transaction the caller owns (an outbox consumer's, whose cursor moves
   * in the same commit); the caller calls `afterCommit` once it has committed.
   */
  join(sql: Sql): TicketTx {
    return new TicketTx(sql, this.bus);
  }

  /** Publishes a committed transaction's events and wakes the dispatcher when a send was queued. */
  afterCommit(tx: TicketTx): void {
    this.bus.publish(tx.events);
    if (tx.outboundQueued) this.wakeup.wake();
  }

  /** A change of one ticket, its row locked first; 404 when there is no such ticket. */
  change<T>(ticketId: string, work: (tx: TicketTx, ticket: TicketRow) => Promise<T>): Promise<T> {
    return this.transaction(async (tx) => {
      const ticket = await tx.lock(ticketId);
      if (!ticket) throw notFound('ticket not found');
      return work(tx, ticket);
    });
  }
}
