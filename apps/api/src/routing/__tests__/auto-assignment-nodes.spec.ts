import pg from 'pg';
import { ApiProcess, freePort } from '../../test-support/api-process.js';
import { createTestDatabase } from '../../test-support/test-database.js';
import { deliverWithRetries, eventually, login, routedTeam } from './routing-harness.js';

const AGENTS = 10;
const TICKETS = 200;
const CAPACITY = 15;

/**
 * Two API nodes (child processes sharing one database, joined by Redis) ingest and assign at
 * once: no ticket goes to two agents and no agent gets more than their capacity.
 */
describe('auto-assignment on two API nodes', () => {
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  let database: { url: string; drop(): Promise<void> };
  const nodes: ApiProcess[] = [];
  let client: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    const first = new ApiProcess(await freePort(), { DATABASE_URL: database.url, REDIS_URL: redisUrl });
    nodes.push(first);
    await first.start(); // migrations run once, before the second node starts
    const second = new ApiProcess(await freePort(), {
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      SWITCHBOARD_SECRETS_KEY: first.env.SWITCHBOARD_SECRETS_KEY,
    });
    nodes.push(second);
    await second.start();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  }, 180_000); // two API starts with migrations on a loaded 2-core machine
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    await client.end();
    await database.drop();
  });

  it(`${TICKETS} tickets through both nodes to ${AGENTS} agents of capacity ${CAPACITY}: none twice, nobody over capacity`, async () => {
    const admin = await login(nodes[0]!, 'admin@test.local', 'admin-password-123');
    const { agentIds, account } = await routedTeam(nodes[0]!, admin, {
      name: 'Nodes',
      count: AGENTS,
      capacity: { total: CAPACITY },
      assignment: { mode: 'balanced', onlyOnline: true },
    });
    let next = 0;
    const worker = async (w: number) => {
      while (next < TICKETS) {
        const i = next++;
        await deliverWithRetries(nodes[w % 2], account.id, account.apiKey, {
          externalId: `n-${i}`,
          from: { handle: `n-${i}@example.com` },
          text: `ticket ${i}`,
        });
      }
    };
    await Promise.all(Array.from({ length: 16 }, (_, w) => worker(w)));

    const expected = AGENTS * CAPACITY;
    await eventually(async () => {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM tickets WHERE channel_account_id = $1 AND assignee_id IS NOT NULL`,
        [account.id],
      );
      return rows[0].n === expected ? true : false;
    }, `${expected} tickets assigned`);

    const perAgent = await client.query<{ assignee_id: string; n: number }>(
      `SELECT assignee_id, count(*)::int AS n FROM tickets WHERE channel_account_id = $1 AND assignee_id IS NOT NULL GROUP BY assignee_id`,
      [account.id],
    );
    expect(perAgent.rows.map((r) => r.n)).toEqual(Array(AGENTS).fill(CAPACITY));
    expect(perAgent.rows.map((r) => r.assignee_id).sort()).toEqual(agentIds);
    const twice = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT ticket_id FROM ticket_events WHERE type = 'auto_assigned' GROUP BY ticket_id HAVING count(*) > 1) d`,
    );
    expect(twice.rows[0].n).toBe(0);
    const waiting = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM tickets WHERE channel_account_id = $1 AND assignee_id IS NULL`,
      [account.id],
    );
    expect(waiting.rows[0].n).toBe(TICKETS - expected);
  }, 180_000);
});
