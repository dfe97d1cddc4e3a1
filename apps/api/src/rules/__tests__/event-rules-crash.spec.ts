import {
  deliverThroughKill,
  holdOutboxConsumer,
  startCrashableApi,
  type CrashableApi,
} from '../../test-support/outbox-crash.js';
import { call, deliverWithRetries, eventually, login } from '../../routing/__tests__/routing-harness.js';

/**
 * Event rules read the committed outbox and commit their changes with their cursor: a SIGKILL
 * while rules run delays them, never loses a run and never makes one twice.
 */
describe('event rules through a crash of the API', () => {
  let crashable: CrashableApi;
  let database: CrashableApi['database'];
  let api: CrashableApi['api'];
  let client: CrashableApi['client'];

  beforeAll(async () => {
    crashable = await startCrashableApi();
    ({ database, api, client } = crashable);
  }, 120_000);
  afterAll(() => crashable.close());

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
    const held = await holdOutboxConsumer(database.url, 'event-rules');
    for (let i = 0; i < 20; i++)
      await deliverWithRetries(api, account.id, account.apiKey, {
        externalId: `held-${i}`,
        from: { handle: `held-${i}@example.com` },
        text: `a refund please ${i}`,
      });
    expect(await state(account.id, rule.body.id)).toMatchObject({ tickets: 20, tagged: 0, runs: 0 });

    await api.kill();
    await held.release();
    await api.start();
    const settled = await eventually(async () => {
      const s = await state(account.id, rule.body.id);
      return s.runs === 20 ? s : false;
    }, 'the held messages handled after the restart');
    expect(settled).toEqual({ tickets: 20, tagged: 20, runs: 20, max_runs: 1, notes: 20, max_notes: 1 });

    // Kill while messages stream in and rules run on them, then restart.
    const TOTAL = 200;
    const killed = await deliverThroughKill(api, TOTAL, (i) =>
      deliverWithRetries(api, account.id, account.apiKey, {
        externalId: `stream-${i}`,
        from: { handle: `stream-${i}@example.com` },
        text: `refund for order ${i}`,
      }),
    );
    expect(killed).toBe(true);
    const final = await eventually(async () => {
      const s = await state(account.id, rule.body.id);
      return s.runs === 220 ? s : false;
    }, 'every streamed message handled');
    expect(final).toEqual({ tickets: 220, tagged: 220, runs: 220, max_runs: 1, notes: 220, max_notes: 1 });
  }, 240_000);
});
