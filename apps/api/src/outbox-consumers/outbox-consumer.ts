import type { Sql } from '../common/db.js';

/** A committed outbox row as a consumer sees it. */
export interface OutboxEvent {
  id: string;
  topic: string;
  ticketId: string | null;
  /** What the writer stored: the event's payload, its audience and, for direct events, its rooms. */
  body: {
    payload: unknown;
    audience?: { teamId: string | null; assigneeId: string | null };
    rooms?: string[];
  };
}

/**
 * A reaction to committed ticket events (auto-assignment, rules, notifications, webhooks).
 * `handle` runs in the transaction that also moves the consumer's cursor past the batch, so what
 * it writes through `sql` commits together with "handled": a crash before the commit replays the
 * batch (nothing lost), a commit never replays it (nothing doubled). Throwing rolls the batch
 * back and retries it with back-off, so a handler catches and logs what it means to skip (a
 * failing rule) and throws only for what should be retried (the database away).
 */
export interface OutboxConsumer {
  /** Stable name: the key of its cursor row. */
  readonly name: string;
  /** Outbox topics it reads; others are passed over. */
  readonly topics: readonly string[];
  /** At most this many events per transaction. */
  readonly batchSize?: number;
  /** Returns what to do once the batch committed (publish socket events, wake a dispatcher). */
  handle(sql: Sql, events: OutboxEvent[]): Promise<(() => void) | void>;
}
