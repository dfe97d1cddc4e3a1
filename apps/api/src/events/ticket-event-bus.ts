import { Injectable, Logger } from '@nestjs/common';
import type { AgentEventName, AgentServerEvents } from '@switchboard/contracts';
import type { TicketScope } from '@switchboard/domain';
import { Db, type Sql } from '../common/db.js';

/** An event written to the outbox in a transaction, to be fanned out once that commits. */
export interface PendingEvent<N extends AgentEventName = AgentEventName> {
  outboxId: string;
  name: N;
  payload: AgentServerEvents[N];
  audience: TicketScope;
  /** Rooms that get this event instead of the ticket's audience (a mention goes to one agent only). */
  rooms?: string[];
}

export interface EventSink {
  deliver(event: PendingEvent): void;
}

/**
 * Transactional outbox for ticket events. `record` writes rows inside the caller's transaction;
 * `publish` fans them out after commit and marks them sent in batches; a relay re-sends rows a
 * crashed node committed but never published.
 */
@Injectable()
export class TicketEventBus {
  private readonly logger = new Logger('TicketEventBus');
  private sink: EventSink | null = null;
  private publishedIds: string[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private readonly committedListeners: Array<(topics: ReadonlySet<string>) => void> = [];

  constructor(private readonly db: Db) {}

  attachSink(sink: EventSink): void {
    this.sink = sink;
  }

  async record<N extends AgentEventName>(
    sql: Sql,
    ticketId: string,
    name: N,
    payload: AgentServerEvents[N],
    audience: TicketScope,
  ): Promise<PendingEvent<N>> {
    const [event] = await this.recordMany(sql, ticketId, audience, [{ name, payload }]);
    return event as PendingEvent<N>;
  }

  /** An event for the given rooms only (such as `agent:<id>`), not the ticket's whole audience. */
  async recordDirect<N extends AgentEventName>(
    sql: Sql,
    ticketId: string,
    name: N,
    payload: AgentServerEvents[N],
    rooms: string[],
  ): Promise<PendingEvent<N>> {
    const audience: TicketScope = { teamId: null, assigneeId: null };
    const [row] = await sql.query<{ id: string }>(
      `INSERT INTO outbox_events (topic, ticket_id, payload) VALUES ($1, $2, $3) RETURNING id`,
      [name, ticketId, { payload, audience, rooms }],
    );
    return { outboxId: String(row.id), name, payload, audience, rooms };
  }

  /** Several events of one ticket in one statement (one round trip on the ingest hot path). */
  async recordMany(
    sql: Sql,
    ticketId: string,
    audience: TicketScope,
    events: Array<{ name: AgentEventName; payload: unknown }>,
  ): Promise<PendingEvent[]> {
    const values = events.map((_, i) => `($${i * 2 + 2}, $1, $${i * 2 + 3})`).join(', ');
    const params: unknown[] = [ticketId];
    for (const e of events) params.push(e.name, { payload: e.payload, audience });
    const rows = await sql.query<{ id: string }>(
      `INSERT INTO outbox_events (topic, ticket_id, payload) VALUES ${values} RETURNING id`,
      params,
    );
    return events.map(
      (e, i) =>
        ({ outboxId: String(rows[i].id), name: e.name, payload: e.payload, audience }) as PendingEvent,
    );
  }

  /** Events of several tickets in one statement (an engine's batch of changes). */
  async recordEach(
    sql: Sql,
    events: Array<{ ticketId: string; name: AgentEventName; payload: unknown; audience: TicketScope }>,
  ): Promise<PendingEvent[]> {
    if (events.length === 0) return [];
    const rows = await sql.query<{ id: string }>(
      `INSERT INTO outbox_events (topic, ticket_id, payload)
       SELECT topic, ticket_id, payload FROM unnest($1::text[], $2::uuid[], $3::jsonb[]) WITH ORDINALITY AS v(topic, ticket_id, payload, n)
        ORDER BY n RETURNING id`,
      [
        events.map((e) => e.name),
        events.map((e) => e.ticketId),
        events.map((e) => JSON.stringify({ payload: e.payload, audience: e.audience })),
      ],
    );
    // Ids follow the insert order, which follows the ordinality.
    const ids = rows.map((r) => String(r.id)).sort((a, b) => Number(a) - Number(b));
    return events.map(
      (e, i) =>
        ({ outboxId: ids[i], name: e.name, payload: e.payload, audience: e.audience }) as PendingEvent,
    );
  }

  /**
   * Called after every commit that wrote outbox rows, with their topics: durable consumers of
   * those topics look at once instead of at their next poll.
   */
  onCommitted(listener: (topics: ReadonlySet<string>) => void): void {
    this.committedListeners.push(listener);
  }

  publish(events: PendingEvent[]): void {
    if (events.length) {
      const topics = new Set(events.map((e) => e.name));
      for (const listener of this.committedListeners) listener(topics);
    }
    for (const event of events) {
      try {
        this.sink?.deliver(event);
      } catch (err) {
        this.logger.error(`fan-out of ${event.name} failed: ${(err as Error).message}`);
        continue;
      }
      this.publishedIds.push(event.outboxId);
    }
    this.flushTimer ??= setTimeout(() => void this.flush(), 200);
  }

  /** Marks delivered events in one statement per batch rather than one per event. */
  async flush(): Promise<void> {
    this.flushTimer = null;
    const ids = this.publishedIds;
    this.publishedIds = [];
    if (ids.length === 0) return;
    try {
      await this.db.query(`UPDATE outbox_events SET published_at = now() WHERE id = ANY($1::bigint[])`, [
        ids,
      ]);
    } catch (err) {
      this.logger.warn(`could not mark ${ids.length} events published: ${(err as Error).message}`);
    }
  }

  /** Re-publishes events committed more than `olderThanMs` ago and never marked published. */
  async relayStragglers(olderThanMs = 5_000): Promise<number> {
    return this.db.tx(async (sql) => {
      const rows = await sql.query<{
        id: string;
        topic: AgentEventName;
        payload: { payload: never; audience: TicketScope; rooms?: string[] };
      }>(
        `SELECT id, topic, payload FROM outbox_events
          WHERE published_at IS NULL AND created_at < now() - make_interval(secs => $1)
          ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED`,
        [olderThanMs / 1000],
      );
      for (const r of rows)
        this.sink?.deliver({
          outboxId: String(r.id),
          name: r.topic,
          payload: r.payload.payload,
          audience: r.payload.audience,
          rooms: r.payload.rooms,
        });
      if (rows.length)
        await sql.query(`UPDATE outbox_events SET published_at = now() WHERE id = ANY($1::bigint[])`, [
          rows.map((r) => r.id),
        ]);
      return rows.length;
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    await this.flush();
  }
}
