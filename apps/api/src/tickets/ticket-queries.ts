import { Inject, Injectable } from '@nestjs/common';
import { CHANNEL_ADAPTER_REGISTRY, type ChannelAdapterRegistry } from '@switchboard/channel-kit';
import {
  isUuid,
  type MessageView,
  type Page,
  type TicketEventView,
  type TicketListQuery,
  type TicketView,
} from '@switchboard/contracts';
import { invalid, normalizeTag, type Viewer } from '@switchboard/domain';
import { Db, type Sql } from '../common/db.js';
import { fieldDefinitions } from '../custom-fields/custom-field-store.js';
import { customFieldFilter } from '../custom-fields/custom-field-values.js';
import { chooseReplyRoute, describeReplyRoutes } from './reply-routing.js';
import {
  MESSAGE_COLUMNS,
  MESSAGE_FROM,
  TICKET_COLUMNS,
  TICKET_FROM,
  toMessageView,
  toTicketEventView,
  toTicketView,
  type MessageRow,
  type TicketEventRow,
  type TicketRow,
} from './ticket-rows.js';

/**
 * The SQL form of `canSeeTicket`: every ticket read goes through it. Parameters are appended
 * to `params`, so it composes with any query.
 */
export function visibleTo(viewer: Viewer, params: unknown[], alias = 't'): string {
  if (viewer.role !== 'agent') return 'TRUE';
  params.push(viewer.userId, viewer.teamIds);
  return `(${alias}.assignee_id = $${params.length - 1} OR ${alias}.team_id = ANY($${params.length}::uuid[]))`;
}

/**
 * The SLA-due order: due first, tickets without a running clock last. Written as one expression
 * (not `NULLS LAST`) so an index on it carries the order and a cursor bounds it as a range.
 */
const DUE_ORDER = `COALESCE(t.sla_due_at, 'infinity'::timestamptz)`;

type Cursor = { updatedAt: string; id: string; due?: string };

/** The sort keys of a listed ticket to the microsecond, as the database holds them (a Date would cut them). */
type CursorKeys = { cursor_updated: string; cursor_due: string };

function encodeCursor(row: TicketRow & CursorKeys, byDue: boolean): string {
  const key = byDue ? `d|${row.cursor_due}|` : '';
  return Buffer.from(`${key}${row.cursor_updated}|${row.id}`).toString('base64url');
}

/** A cursor's time: UTC, ISO, to the microsecond (or the millisecond, as older cursors have it). */
const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.(\d{3}|\d{6})Z$/;
const isCursorTime = (value: string | undefined): value is string => {
  if (!value || !CURSOR_TIME.test(value)) return false;
  // A real calendar time (no 31 February, no year 0) that PostgreSQL reads as it was written.
  const time = new Date(`${value.slice(0, 19)}Z`);
  return time.getUTCFullYear() >= 1 && time.toISOString().slice(0, 19) === value.slice(0, 19);
};
/** How the list prints a sort key for its cursor. */
const cursorTime = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * A cursor this API handed out for this sort, or null: only a real time and ticket id may reach
 * the SQL casts. A due-sort cursor also carries the due time ("infinity" past the running clocks).
 */
function decodeCursor(cursor: string, byDue: boolean): Cursor | null {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (byDue !== (parts[0] === 'd')) return null;
  const [due, updatedAt, id, ...rest] = byDue ? parts.slice(1) : [undefined, ...parts];
  if (rest.length || !isCursorTime(updatedAt) || !isUuid(id)) return null;
  if (byDue && due !== 'infinity' && !isCursorTime(due)) return null;
  return { updatedAt, id, ...(byDue ? { due } : {}) };
}

/** The filters of the ticket list, without paging: what a queue or a saved view selects. */
export type TicketListFilters = Omit<TicketListQuery, 'cursor' | 'limit' | 'sort'> & {
  /** The custom field values a ticket must contain, typed as stored (see customFieldFilter). */
  customFieldsMatch?: Record<string, unknown>;
};

/** The SQL form of a note that @mentions `userIdParam` (see note-mentions.ts: `meta.mentions`). */
export function mentionsUser(userIdParam: string, alias = 't'): string {
  return `EXISTS (SELECT 1 FROM messages mm WHERE mm.ticket_id = ${alias}.id AND mm.kind = 'note'
            AND mm.meta -> 'mentions' @> jsonb_build_array(jsonb_build_object('userId', ${userIdParam}::text)))`;
}

/**
 * The WHERE clauses of the ticket list for a viewer: visibility first, then each filter. Lists,
 * queue counts and saved views' counts all read it, so a count is the length of its list.
 */
export function ticketListWhere(viewer: Viewer, q: TicketListFilters, params: unknown[]): string[] {
  // A ticket a bot still holds is in no queue: the bot answers it until it hands off.
  // Spam stays out of every queue and count; the spam view lists it (blocklist/spam-tickets.ts).
  // A queue of one of the agent's own teams, or of their own tickets, shows only what they may
  // see anyway: without the visibility OR, PostgreSQL reads that queue in order from its index
  // instead of collecting and sorting every ticket the agent may see.
  const ownQueue =
    viewer.role === 'agent' &&
    ((q.teamId !== undefined && viewer.teamIds.includes(q.teamId)) ||
      q.assigneeId === 'me' ||
      q.assigneeId === viewer.userId);
  const where = [ownQueue ? 'TRUE' : visibleTo(viewer, params), 't.bot_id IS NULL', 't.spam_at IS NULL'];
  const add = (clause: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if (q.status === 'active') where.push(`t.status NOT IN ('solved', 'closed')`);
  else if (q.status) add((p) => `t.status = ${p}`, q.status);
  if (q.assigneeId === 'none') where.push('t.assignee_id IS NULL');
  else if (q.assigneeId)
    add((p) => `t.assignee_id = ${p}`, q.assigneeId === 'me' ? viewer.userId : q.assigneeId);
  if (q.teamId) add((p) => `t.team_id = ${p}`, q.teamId);
  if (q.organizationId) add((p) => `c.organization_id = ${p}`, q.organizationId);
  if (q.channel) add((p) => `t.channel = ${p}`, q.channel);
  if (q.priority) add((p) => `t.priority = ${p}`, q.priority);
  // Tags are stored normalised; containment, so the GIN index on tags can answer it.
  if (q.tag) add((p) => `t.tags @> ARRAY[${p}::text]`, normalizeTag(q.tag));
  if (q.mentions === 'me') add((p) => mentionsUser(p), viewer.userId);
  if (q.since) add((p) => `t.updated_at >= ${p}`, q.since);
  if (q.customFieldsMatch && Object.keys(q.customFieldsMatch).length)
    add((p) => `t.custom_fields @> ${p}::jsonb`, JSON.stringify(q.customFieldsMatch)); // GIN ix_tickets_custom_fields
  if (q.q) {
    const number = /^#?(\d+)$/.exec(q.q.trim());
    if (number) add((p) => `t.number = ${p}`, Number(number[1]));
    else
      add(
        (p) =>
          `(t.subject ILIKE ${p} OR c.name ILIKE ${p} OR EXISTS (SELECT 1 FROM unnest(t.tags) tag WHERE tag ILIKE ${p}) OR EXISTS (SELECT 1 FROM contact_identities i WHERE i.contact_id = t.contact_id AND i.address ILIKE ${p}))`,
        `%${q.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`,
      );
  }
  return where;
}

/** `entry` tells messages from events; an event keeps its own `type` (held, transferred, …). */
export type TimelineItem = (MessageView & { entry: 'message' }) | (TicketEventView & { entry: 'event' });

@Injectable()
export class TicketQueries {
  constructor(
    private readonly db: Db,
    @Inject(CHANNEL_ADAPTER_REGISTRY) private readonly adapters: ChannelAdapterRegistry,
  ) {}

  /** A list's `cf.<key>=value` filters as the JSONB the tickets must contain; 400 naming a wrong key or value. */
  async customFieldsMatch(filters: Record<string, string> | undefined) {
    return filters
      ? customFieldFilter('ticket', await fieldDefinitions(this.db, 'ticket'), filters)
      : undefined;
  }

  async list(viewer: Viewer, q: TicketListQuery): Promise<Page<TicketView>> {
    const params: unknown[] = [];
    const customFieldsMatch = await this.customFieldsMatch(q.customFields);
    const where = ticketListWhere(viewer, { ...q, customFieldsMatch }, params);
    const byDue = q.sort === 'due';
    if (q.cursor) {
      const c = decodeCursor(q.cursor, byDue);
      if (!c) throw invalid('cursor: must be a nextCursor returned by this list, with the same sort');
      params.push(c.updatedAt, c.id);
      const after = `(t.updated_at, t.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
      if (c.due) {
        // The first condition bounds the index range; the second drops the ties already shown.
        params.push(c.due);
        const due = `$${params.length}::timestamptz`;
        where.push(`${DUE_ORDER} >= ${due}`, `(${DUE_ORDER} > ${due} OR ${after})`);
      } else where.push(after);
    }
    params.push(q.limit + 1);
    const order = byDue ? `${DUE_ORDER} ASC, t.updated_at DESC, t.id DESC` : 't.updated_at DESC, t.id DESC';
    const columns = `${TICKET_COLUMNS}, ${cursorTime('t.updated_at')} AS cursor_updated,
                     COALESCE(${cursorTime('t.sla_due_at')}, 'infinity') AS cursor_due`;
    const limit = `LIMIT $${params.length}`;
    // The page is cut from tickets alone when no filter reads the contact: otherwise PostgreSQL
    // joins the contact of every candidate (thousands in a big queue) before sorting them.
    const rows = await this.db.query<TicketRow & CursorKeys>(
      where.some((clause) => /\bc\./.test(clause))
        ? `SELECT ${columns} FROM ${TICKET_FROM} WHERE ${where.join(' AND ')} ORDER BY ${order} ${limit}`
        : `SELECT ${columns}
             FROM (SELECT t.* FROM tickets t WHERE ${where.join(' AND ')} ORDER BY ${order} ${limit}) t
             JOIN contacts c ON c.id = t.contact_id
            ORDER BY ${order}`,
      params,
    );
    const page = rows.slice(0, q.limit);
    return {
      items: page.map(toTicketView),
      nextCursor: rows.length > q.limit ? encodeCursor(page[page.length - 1], byDue) : null,
    };
  }

  /** How many tickets `list` would give the viewer for these filters, over every page. */
  async count(viewer: Viewer, filters: TicketListFilters): Promise<number> {
    const params: unknown[] = [];
    const where = ticketListWhere(viewer, filters, params);
    const row = await this.db.one<{ n: string }>(
      `SELECT count(*) AS n FROM ${TICKET_FROM} WHERE ${where.join(' AND ')}`,
      params,
    );
    return Number(row?.n ?? 0);
  }

  /** A ticket the viewer may see, or null: callers answer 404 either way, so nothing leaks. */
  async findVisible(viewer: Viewer, ticketId: string): Promise<TicketView | null> {
    if (!isUuid(ticketId)) return null;
    const params: unknown[] = [ticketId];
    const row = await this.db.one<TicketRow>(
      `SELECT ${TICKET_COLUMNS} FROM ${TICKET_FROM} WHERE t.id = $1 AND ${visibleTo(viewer, params)}`,
      params,
    );
    return row ? toTicketView(row) : null;
  }

  async contactOf(ticket: TicketView) {
    const identities = await this.db.query<{ id: string; kind: string; address: string }>(
      `SELECT id, kind, address FROM contact_identities WHERE contact_id = $1 ORDER BY created_at`,
      [ticket.contact.id],
    );
    return { id: ticket.contact.id, name: ticket.contact.name, identities };
  }

  /** The ticket detail's contact, each identity with its reply route, and the default reply target. */
  replyRoutes(ticket: TicketView) {
    return describeReplyRoutes(this.db, this.adapters, ticket);
  }

  /** Where a reply goes when the agent chose an identity or a template (see chooseReplyRoute). */
  chooseReplyRoute(
    sql: Sql,
    ticket: Parameters<typeof chooseReplyRoute>[2],
    input: Parameters<typeof chooseReplyRoute>[3],
  ) {
    return chooseReplyRoute(sql, this.adapters, ticket, input);
  }

  /** Messages, notes and events of a ticket, oldest first. */
  async timeline(ticketId: string): Promise<TimelineItem[]> {
    const [messages, events] = await Promise.all([
      this.db.query<MessageRow>(
        // Messages folded by the flood limit stay out: their notice stands for them.
        `SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGE_FROM} WHERE m.ticket_id = $1 AND NOT (m.meta ? 'foldedBy') ORDER BY m.created_at, m.id`,
        [ticketId],
      ),
      this.db.query<TicketEventRow>(`SELECT * FROM ticket_events WHERE ticket_id = $1 ORDER BY id`, [
        ticketId,
      ]),
    ]);
    const items: TimelineItem[] = [
      ...messages.map((m) => ({ ...toMessageView(m), entry: 'message' as const })),
      ...events.map((e) => ({ ...toTicketEventView(e), entry: 'event' as const })),
    ];
    return items.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
}
