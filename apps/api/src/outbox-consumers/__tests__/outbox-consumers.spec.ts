import pg from 'pg';
import type { Sql } from '../../common/db.js';
import { startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';
import type { OutboxConsumer, OutboxEvent } from '../outbox-consumer.js';
import { OutboxConsumers } from '../outbox-consumers.service.js';

/** Records what it handles in its own transaction; fails on demand to show a batch is replayed, not lost. */
class RecordingConsumer implements OutboxConsumer {
  readonly name = 'test-recorder';
  readonly topics = ['test.topic'];
  failNext = false;

  async handle(sql: Sql, events: OutboxEvent[]): Promise<void> {
    for (const e of events) {
      const { mark } = e.body.payload as { mark: string };
      await sql.query(`INSERT INTO test_handled (outbox_id, mark) VALUES ($1, $2)`, [e.id, mark]);
      // A reaction that causes another event of the same kind (a rule whose change another rule reacts to).
      if (mark === 'cause')
        await sql.query(`INSERT INTO outbox_events (topic, payload) VALUES ('test.topic', $1)`, [
          { payload: { mark: 'effect' } },
        ]);
    }
    if (this.failNext) {
      this.failNext = false;
      throw new Error('the handler failed after writing');
    }
  }
}

describe('durable outbox consumers', () => {
  let app: TestApp;
  let consumers: OutboxConsumers;
  const recorder = new RecordingConsumer();

  beforeAll(async () => {
    app = await startTestApp({ outboxConsumerPollMs: 50 });
    await app.db.query(`CREATE TABLE test_handled (outbox_id bigint NOT NULL, mark text NOT NULL)`);
    consumers = app.app.get(OutboxConsumers);
    consumers.register(recorder);
  });
  afterAll(() => app.close());

  const write = (sql: { query: (s: string, p: unknown[]) => Promise<unknown> }, mark: string) =>
    sql.query(`INSERT INTO outbox_events (topic, payload) VALUES ('test.topic', $1)`, [
      { payload: { mark } },
    ]);

  async function handled(): Promise<Record<string, number>> {
    const rows = await app.db.query<{ mark: string; n: number }>(
      `SELECT mark, count(*)::int AS n FROM test_handled GROUP BY mark`,
    );
    return Object.fromEntries(rows.map((r) => [r.mark, r.n]));
  }

  it('an event whose transaction commits after a later one is still handled, once', async () => {
    const slow = new pg.Client({ connectionString: app.config.databaseUrl! });
    await slow.connect();
    try {
      await slow.query('BEGIN');
      await write(slow, 'early-id-late-commit'); // takes the smaller id, commits last
      await write(app.db, 'later-id-first-commit');
      // While the slow transaction runs, nothing after it is handed out: an id cursor would
      // now move past the slow one's id and never come back for it.
      await consumers.runOnce(recorder);
      expect(await handled()).toEqual({});
      await slow.query('COMMIT');
    } finally {
      await slow.end();
    }
    await waitFor(async () => Object.keys(await handled()).length === 2, 5000, 'both handled');
    await consumers.runOnce(recorder);
    expect(await handled()).toEqual({ 'early-id-late-commit': 1, 'later-id-first-commit': 1 });
  });

  it('a long write transaction in another database on the same server does not hold reactions back', async () => {
    // Another application (or a migration, or a report) on the same PostgreSQL server.
    const elsewhere = new URL(app.config.databaseUrl!);
    elsewhere.pathname = '/postgres';
    const other = new pg.Client({ connectionString: elsewhere.toString() });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_current_xact_id()');
      await write(app.db, 'beside-another-database');
      await waitFor(
        async () => (await handled())['beside-another-database'],
        5000,
        'the event handled while the other database has a transaction open',
      );
    } finally {
      await other.query('ROLLBACK');
      await other.end();
    }
    await consumers.runOnce(recorder);
    expect((await handled())['beside-another-database']).toBe(1);
  });

  it('an event a handler writes is handled by that same consumer afterwards, once', async () => {
    await write(app.db, 'cause');
    await waitFor(async () => (await handled()).effect, 5000, 'the event the handler wrote');
    await consumers.runOnce(recorder);
    expect(await handled()).toMatchObject({ cause: 1, effect: 1 });
  });

  it('a handler that fails has its writes rolled back and its batch handled again, once', async () => {
    recorder.failNext = true;
    await write(app.db, 'retried');
    await waitFor(async () => (await handled()).retried, 10_000, 'the retried batch');
    await consumers.runOnce(recorder);
    expect((await handled()).retried).toBe(1);
  });

  /** A consumer no loop of this node runs: only the test moves its cursor. */
  async function unloopedConsumer(name: string): Promise<OutboxConsumer> {
    await app.db.query(
      `INSERT INTO outbox_consumers (consumer, handled_xid) VALUES ($1, pg_snapshot_xmin(pg_current_snapshot()))`,
      [name],
    );
    return { name, topics: [`${name}.topic`], handle: async () => undefined };
  }

  it('a node that finds the consumer busy on another node skips it instead of waiting', async () => {
    const consumer = await unloopedConsumer('test-busy');
    const [event] = await app.db.query<{ writer_xid: string }>(
      `INSERT INTO outbox_events (topic, payload) VALUES ('test-busy.topic', '{}') RETURNING writer_xid::text`,
    );
    // Due first: a transaction begun before the event (another test file's, a background loop's)
    // would otherwise keep it behind the horizon, and the consumer would find nothing to do
    // rather than find itself busy.
    await waitFor(async () => {
      const [horizon] = await app.db.query<{ past: boolean }>(
        `SELECT pg_snapshot_xmin(pg_current_snapshot()) > $1::xid8 AS past`,
        [event.writer_xid],
      );
      return horizon.past;
    });
    const other = new pg.Client({ connectionString: app.config.databaseUrl! });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(`SELECT 1 FROM outbox_consumers WHERE consumer = 'test-busy' FOR UPDATE`);
      expect(await consumers.runOnce(consumer)).toBeNull();
    } finally {
      await other.query('ROLLBACK');
      await other.end();
    }
    expect(await consumers.runOnce(consumer)).toBe(1);
  });

  it('a consumer with nothing to handle neither locks nor rewrites its cursor, so a wake costs no commit', async () => {
    const consumer = await unloopedConsumer('test-idle');
    const cursorRow = () =>
      app.db.query<{ xmin: string; xmax: string }>(
        `SELECT xmin::text, xmax::text FROM outbox_consumers WHERE consumer = 'test-idle'`,
      );
    const before = await cursorRow();
    // Other topics' events wake every consumer; this one has nothing among them.
    await app.db.query(`INSERT INTO outbox_events (topic, payload) VALUES ('test.other-topic', '{}')`);
    expect(await consumers.runOnce(consumer)).toBe(0);
    expect(await cursorRow()).toEqual(before);
  });
});
