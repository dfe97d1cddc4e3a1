import {
  deliverThroughKill,
  holdOutboxConsumer,
  startCrashableApi,
  type CrashableApi,
} from '../../test-support/outbox-crash.js';
import { call, deliverWithRetries, eventually, login, routedTeam } from './routing-harness.js';

const AGENTS = 5;

/**
 * Auto-assignment reads the committed outbox: a SIGKILL between a ticket's commit and the
 * engine's reaction delays the assignment, never loses it, and never makes it twice.
 */
describe('auto-assignment through a crash of the API', () => {
  let crashable: CrashableApi;
  let database: CrashableApi['database'];
  let api: CrashableApi['api'];
  let client: CrashableApi['client'];

  beforeAll(async () => {
    crashable = await startCrashableApi();
    ({ database, api, client } = crashable);
  }, 120_000);
  afterAll(() => crashable.close());

  async function state(accountId: string) {
    const { rows } = await client.query<{
      tickets: number;
      assigned: number;
      events: number;
      max_events: number;
      records: number;
    }>(
      `SELECT count(*)::int AS tickets, count(t.assignee_id)::int AS assigned,
              coalesce(sum(e.n), 0)::int AS events, coalesce(max(e.n), 0)::int AS max_events,
              (SELECT count(*)::int FROM auto_assignments a JOIN tickets x ON x.id = a.ticket_id WHERE x.channel_account_id = $1) AS records
         FROM tickets t
         LEFT JOIN LATERAL (SELECT count(*) AS n FROM ticket_events WHERE ticket_id = t.id AND type = 'auto_assigned') e ON true
        WHERE t.channel_account_id = $1`,
      [accountId],
    );
    return rows[0];
  }

  async function loadPerAgent(agentIds: string[]): Promise<number[]> {
    const { rows } = await client.query<{ assignee_id: string; n: number }>(
      `SELECT assignee_id, count(*)::int AS n FROM tickets WHERE assignee_id = ANY($1::uuid[]) GROUP BY assignee_id`,
      [agentIds],
    );
    return agentIds.map((id) => rows.find((r) => r.assignee_id === id)?.n ?? 0);
  }

  it('tickets committed just before a kill are assigned after the restart, each exactly once, in turn', async () => {
    const admin = await login(api, 'admin@test.local', 'admin-password-123');
    const { agentIds, account } = await routedTeam(api, admin, {
      name: 'Crash',
      count: AGENTS,
      assignment: { mode: 'round_robin', onlyOnline: true },
    });

    // Hold the engine's cursor row: tickets commit, the reaction cannot run yet.
    const held = await holdOutboxConsumer(database.url, 'auto-assignment');
    for (let i = 0; i < 30; i++)
      await deliverWithRetries(api, account.id, account.apiKey, {
        externalId: `held-${i}`,
        from: { handle: `held-${i}@example.com` },
        text: `before the crash ${i}`,
      });
    expect(await state(account.id)).toMatchObject({ tickets: 30, assigned: 0 });

    // Crash between commit and reaction, then come back.
    await api.kill();
    await held.release();
    await api.start();
    const settled = await eventually(async () => {
      const s = await state(account.id);
      return s.assigned === 30 ? s : false;
    }, 'the held tickets assigned after the restart');
    expect(settled).toEqual({ tickets: 30, assigned: 30, events: 30, max_events: 1, records: 30 });
    expect(await loadPerAgent(agentIds)).toEqual(Array(AGENTS).fill(30 / AGENTS));

    // Kill while tickets stream in and the engine works on them, then restart.
    const TOTAL = 300;
    const killed = await deliverThroughKill(api, TOTAL, (i) =>
      deliverWithRetries(api, account.id, account.apiKey, {
        externalId: `stream-${i}`,
        from: { handle: `stream-${i}@example.com` },
        text: `streamed ${i}`,
      }),
    );
    expect(killed).toBe(true);
    const final = await eventually(async () => {
      const s = await state(account.id);
      return s.assigned === 330 ? s : false;
    }, 'every streamed ticket assigned');
    expect(final).toEqual({ tickets: 330, assigned: 330, events: 330, max_events: 1, records: 330 });
    // Round robin's turn moved once per assignment, in the same commit: still an even split.
    expect(await loadPerAgent(agentIds)).toEqual(Array(AGENTS).fill(330 / AGENTS));
    const health = await call(api, 'GET', '/api/health', null);
    expect(health.status).toBe(200);
  }, 240_000);
});
