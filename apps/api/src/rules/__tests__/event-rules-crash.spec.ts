import pg from 'pg';
import { ApiProcess, freePort } from '../../test-support/api-process.js';
import { createTestDatabase } from '../../test-support/test-database.js';
import { call, deliverWithRetries, eventually, login } from '../../routing/__tests__/routing-harness.js';

/**
 * Event rules read the committed outbox and commit their changes with their cursor: a SIGKILL
 * while rules run delays them, never loses a run and never makes one twice.
 */
describe('event rules through a crash of the API', () => {
  let database: { url: string; drop(): Promise<void> };
  let api: ApiProcess;
  let client: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    api = new ApiProcess(await freePort(), { DATABASE_URL: database.url });
    await api.start();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  }, 120_000);
  afterAll(async () => {
    await api.stop();
    await client.end();
    await database.drop();
  });

  /** Per ticket of the account: its rule runs, the rule's notes and whether it got the tag. */
  async function state(accountId: string, ruleId: string) {
    const { rows } = await client.query<{
      tickets: number;
      tagged: number;
      runs: number;
      max_runs: number;
      notes: number;
      max_notes: number;
    }>(
      `SELECT count(*)::int AS tickets, count(*) FILTER (WHERE 'refund' = ANY(t.tags))::int AS tagged,
              coalesce(sum(r.n), 0)::int AS runs, coalesce(max(r.n), 0)::int AS max_runs,
              coalesce(sum(m.n), 0)::int AS notes, coalesce(max(m.n), 0)::int AS max_notes
         FROM tickets t
         LEFT JOIN LATERAL (SELECT count(*) AS n FROM rule_runs WHERE ticket_id = t.id AND rule_id = $2) r ON true
         LEFT JOIN LATERAL (SELECT count(*) AS n FROM messages WHERE ticket_id = t.id AND kind = 'note') m ON true
        WHERE t.channel_account_id = $1`,
      [accountId, ruleId],
    );
    return rows[0];
  }

  it('runs committed just before a kill, and during one, happen after the restart exactly once', async () => {
    const admin = await login(api, 'admin@test.local', 'admin-password-123');
    const rule = await call(api, 'POST', '/api/admin/rules', admin, {
      name: 'Refunds',
      trigger: 'event',
      events: ['message.received'],
      conditions: { all: [{ field: 'body', op: 'contains', value: 'refund' }] },
      actions: [
        { type: 'add_tags', tags: ['refund'] },
        { type: 'add_note', body: 'Refund request: check the order first.' },
      ],
      active: true,
    });
    expect(rule.status).toBe(201);
    const account = (
      await call(api, 'POST', '/api/admin/channel-accounts', admin, {
        kind: 'api',
        name: 'Crash inbox',
        config: {},
      })
    ).body;

    // Hold the rules' cursor row: messages commit, the rules cannot run yet.
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query(`SELECT * FROM outbox_consumers WHERE consumer = 'event-rules' FOR UPDATE`);
    for (let i = 0; i < 20; i++)
      await deliverWithRetries(api, account.id, account.apiKey, {
        externalId: `held-${i}`,
        from: { handle: `held-${i}@example.com` },
        text: `a refund please ${i}`,
      });
    expect(await state(account.id, rule.body.id)).toMatchObject({ tickets: 20, tagged: 0, runs: 0 });

    await api.kill();
    await holder.query('ROLLBACK');
    await holder.end();
    await api.start();
    const settled = await eventually(async () => {
      const s = await state(account.id, rule.body.id);
      return s.runs === 20 ? s : false;
    }, 'the held messages handled after the restart');
    expect(settled).toEqual({ tickets: 20, tagged: 20, runs: 20, max_runs: 1, notes: 20, max_notes: 1 });

    // Kill while messages stream in and rules run on them, then restart.
    const TOTAL = 200;
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (next < TOTAL) {
        const i = next++;
        if (i === TOTAL / 2 && !killed) {
          killed = true;
          void api.kill().then(() => api.start());
        }
        await deliverWithRetries(api, account.id, account.apiKey, {
          externalId: `stream-${i}`,
          from: { handle: `stream-${i}@example.com` },
          text: `refund for order ${i}`,
        });
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(killed).toBe(true);
    const final = await eventually(async () => {
      const s = await state(account.id, rule.body.id);
      return s.runs === 220 ? s : false;
    }, 'every streamed message handled');
    expect(final).toEqual({ tickets: 220, tagged: 220, runs: 220, max_runs: 1, notes: 220, max_notes: 1 });
  }, 240_000);
});
