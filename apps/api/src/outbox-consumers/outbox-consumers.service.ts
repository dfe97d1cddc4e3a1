import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Db } from '../common/db.js';
import { TicketEventBus } from '../events/ticket-event-bus.js';
import { FailureBackoff } from '../workers/failure-backoff.js';
import type { OutboxConsumer, OutboxEvent } from './outbox-consumer.js';

/**
 * The oldest transaction id that may still commit rows here: the oldest one running, this one
 * included (a handler's own events come after its cursor), leaving out `$5`, ids of
 * transactions known to belong to other databases (they can never write this database's outbox,
 * and another application's long transaction on a shared server must not hold our reactions
 * back). Any other running transaction still counts.
 */
const horizon = (elsewhereParam: string) => `(WITH s AS (SELECT pg_current_snapshot() AS snap)
  SELECT LEAST(pg_snapshot_xmax(s.snap), pg_current_xact_id_if_assigned(),
               (SELECT min(x) FROM pg_snapshot_xip(s.snap) AS x WHERE xid(x) <> ALL(${elsewhereParam}::xid[])))
  FROM s)`;

/** Rows of the consumer's topics after its cursor and below the horizon `h.xmin`: its next batch. */
const dueEvents = (cursorXid: string, cursorId: string, topics: string) => `FROM outbox_events
  WHERE writer_xid IS NOT NULL AND (writer_xid, id) > (${cursorXid}, ${cursorId})
    AND writer_xid < h.xmin AND topic = ANY(${topics}::text[])`;

/**
 * How long a consumer with nothing to do may leave its cursor behind the horizon: moving it
 * costs a write and a commit, not moving it makes the next look pass over other topics' rows.
 */
const IDLE_CURSOR_MOVE_MS = 5_000;

/** How long the list of other databases' transactions is reused before it is read again. */
const ELSEWHERE_REFRESH_MS = 1_000;

interface BatchRow {
  id: string | null;
  topic: string | null;
  ticket_id: string | null;
  body: OutboxEvent['body'] | null;
  writer_xid: string | null;
  horizon: string;
}

/**
 * Runs the registered outbox consumers on worker nodes: woken right after a commit on this
 * node that wrote their topics, and polling for what other nodes committed.
 *
 * Why a cursor over (writer transaction id, event id) and not over the event id: ids are taken
 * when a row is inserted, but transactions commit in another order, so an id cursor moved past
 * 105 could never see 104 committing a moment later. Rows are read only once their writer's
 * transaction id is below the oldest transaction still running (`pg_snapshot_xmin`): from then
 * on no row can still appear at or before that position, and the cursor never skips one. The
 * price is that a long-running write transaction in this database delays reactions (never
 * loses them); one in another database on the same server does not (see `horizon`).
 *
 * Each consumer's cursor row is taken with `FOR UPDATE SKIP LOCKED`: one node at a time works a
 * consumer's batch, in order, and the others skip it rather than queue behind it.
 */
@Injectable()
export class OutboxConsumers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxConsumers');
  private readonly loops = new Map<string, ConsumerLoop>();
  private readonly consumers: OutboxConsumer[] = [];
  private started = false;
  /**
   * Transactions of backends connected to other databases, read at most every
   * ELSEWHERE_REFRESH_MS: an id once seen elsewhere stays elsewhere, so a stale list only
   * leaves out fewer than it could (reading `pg_stat_activity` in every batch cost more than
   * the batch itself).
   */
  private elsewhere: { xids: string[]; readAt: number } = { xids: [], readAt: 0 };

  constructor(
    private readonly db: Db,
    private readonly bus: TicketEventBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  register(consumer: OutboxConsumer): void {
    this.consumers.push(consumer);
    if (this.started) void this.startLoop(consumer);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.role === 'web') return;
    this.started = true;
    this.bus.onCommitted((topics) => this.wakeReaders(topics));
    for (const consumer of this.consumers) await this.startLoop(consumer);
  }

  async onApplicationShutdown(): Promise<void> {
    this.started = false;
    await Promise.all([...this.loops.values()].map((loop) => loop.stop()));
  }

  /**
   * Asks the consumers of these topics to look now (after a commit on this node). The others
   * would find nothing: an ingested mail wakes a few consumers, not every one of them.
   */
  private wakeReaders(topics: ReadonlySet<string>): void {
    for (const consumer of this.consumers)
      if (consumer.topics.some((topic) => topics.has(topic))) this.loops.get(consumer.name)?.wake();
  }

  /**
   * One batch of `consumer`: its handler and the cursor move in one transaction. The number of
   * events handled, or null when another node holds the consumer right now.
   */
  async runOnce(consumer: OutboxConsumer): Promise<number | null> {
    const elsewhere = await this.transactionsElsewhere();
    if (!(await this.hasWork(consumer, elsewhere))) return 0;
    let afterCommit: (() => void) | null = null;
    const handled = await this.db.tx(async (sql) => {
      const [cursor] = await sql.query<{ handled_xid: string; handled_id: string }>(
        `SELECT handled_xid::text, handled_id FROM outbox_consumers WHERE consumer = $1 FOR UPDATE SKIP LOCKED`,
        [consumer.name],
      );
      if (!cursor) return null;
      // One statement, so the horizon and the rows below it come from the same snapshot.
      const rows = await sql.query<BatchRow>(
        `WITH h AS (SELECT ${horizon('$5')} AS xmin)
         SELECT o.id, o.topic, o.ticket_id, o.payload AS body, o.writer_xid::text, h.xmin::text AS horizon
           FROM h LEFT JOIN LATERAL (
             SELECT id, topic, ticket_id, payload, writer_xid ${dueEvents('$1::xid8', '$2::bigint', '$3')}
              ORDER BY writer_xid, id LIMIT $4) o ON true`,
        [cursor.handled_xid, cursor.handled_id, consumer.topics, consumer.batchSize ?? 200, elsewhere],
        { prepareAs: 'outbox-consumer-batch' },
      );
      const events: OutboxEvent[] = rows
        .filter((r) => r.id !== null)
        .map((r) => ({ id: String(r.id), topic: r.topic!, ticketId: r.ticket_id, body: r.body! }));
      if (events.length) afterCommit = (await consumer.handle(sql, events)) ?? null;
      const last = rows[rows.length - 1];
      const full = events.length === (consumer.batchSize ?? 200);
      // A short batch read everything below the horizon, so the cursor may move up to it:
      // later rows of the same transaction id as the horizon still come after (xmin, 0).
      const [xid, id] = full ? [last.writer_xid!, last.id!] : [rows[0].horizon, '0'];
      if (events.length || xid !== cursor.handled_xid)
        await sql.query(
          `UPDATE outbox_consumers SET handled_xid = $2::xid8, handled_id = $3::bigint, updated_at = now()
            WHERE consumer = $1 AND ($2::xid8, $3::bigint) > (handled_xid, handled_id)`,
          [consumer.name, xid, id],
        );
      return events.length;
    });
    (afterCommit as (() => void) | null)?.();
    return handled;
  }

  /**
   * Whether a locked run would handle anything or move a cursor left idle too long. Read without
   * a lock or a transaction: most runs find nothing (every consumer polls several times a
   * second), and a locked run writes the cursor row, so each would cost a commit that waits for
   * the disk. A wrong "no" is impossible for committed rows; rows committing after this read
   * wake the consumer again.
   */
  private async hasWork(consumer: OutboxConsumer, elsewhere: string[]): Promise<boolean> {
    const [peek] = await this.db.query<{ due: boolean; idle_cursor: boolean }>(
      `WITH h AS (SELECT ${horizon('$2')} AS xmin),
            c AS (SELECT handled_xid, handled_id, updated_at FROM outbox_consumers WHERE consumer = $1)
       SELECT EXISTS (SELECT 1 FROM c, h WHERE EXISTS (SELECT 1 ${dueEvents('c.handled_xid', 'c.handled_id', '$3')})) AS due,
              EXISTS (SELECT 1 FROM c, h WHERE c.handled_xid < h.xmin
                         AND c.updated_at < now() - make_interval(secs => $4 / 1000.0)) AS idle_cursor`,
      [consumer.name, elsewhere, consumer.topics, IDLE_CURSOR_MOVE_MS],
      // Every consumer looks after every commit: parsing and planning the look each time cost
      // more than running it.
      { prepareAs: 'outbox-consumer-peek' },
    );
    return peek.due || peek.idle_cursor;
  }

  private async transactionsElsewhere(): Promise<string[]> {
    if (Date.now() - this.elsewhere.readAt < ELSEWHERE_REFRESH_MS) return this.elsewhere.xids;
    const rows = await this.db.query<{ xid: string }>(
      `SELECT backend_xid::text AS xid FROM pg_stat_get_activity(NULL)
        WHERE backend_xid IS NOT NULL
          AND datid <> (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    this.elsewhere = { xids: rows.map((r) => r.xid), readAt: Date.now() };
    return this.elsewhere.xids;
  }

  private async startLoop(consumer: OutboxConsumer): Promise<void> {
    // A new consumer starts at the present: it reacts to what happens from now on, not to history.
    await this.db.query(
      `INSERT INTO outbox_consumers (consumer, handled_xid) VALUES ($1, pg_snapshot_xmin(pg_current_snapshot()))
       ON CONFLICT (consumer) DO NOTHING`,
      [consumer.name],
    );
    const loop = new ConsumerLoop(
      consumer.name,
      this.config.outboxConsumerPollMs,
      () => this.runOnce(consumer),
      this.logger,
    );
    this.loops.set(consumer.name, loop);
    loop.wake();
  }
}

/**
 * One consumer's pace: a run at once when woken (a run already going runs again after it), the
 * poll interval when idle, at once again while batches come back full, back-off while failing.
 */
class ConsumerLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly backoff: FailureBackoff;

  constructor(
    name: string,
    private readonly pollMs: number,
    private readonly run: () => Promise<number | null>,
    logger: Logger,
  ) {
    this.backoff = new FailureBackoff(`outbox consumer ${name}`, pollMs, logger);
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.tick().finally(() => (this.running = null));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    let wait: number;
    try {
      const handled = await this.run();
      wait = this.backoff.succeeded();
      if (handled !== null && handled > 0) wait = 0; // more may be waiting behind this batch
    } catch (err) {
      wait = this.backoff.failed(err);
      this.again = false;
    }
    if (this.again) {
      this.again = false;
      wait = 0;
    }
    if (!this.stopped) this.timer = setTimeout(() => this.wake(), wait);
  }
}
