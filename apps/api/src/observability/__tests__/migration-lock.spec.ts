import pg from 'pg';
import { ApiProcess, freePort } from '../../test-support/api-process.js';
import { createTestDatabase } from '../../test-support/test-database.js';
import { MIGRATIONS } from '../../database/migrations/index.js';

describe('three nodes starting together on an empty database', () => {
  let database: { url: string; drop(): Promise<void> };
  const nodes: ApiProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    await database.drop();
  });

  it('migrate once and all become ready', async () => {
    for (let i = 0; i < 3; i++) nodes.push(new ApiProcess(await freePort(), { DATABASE_URL: database.url }));
    await Promise.all(nodes.map((n) => n.start(90_000)));
    for (const node of nodes) {
      const res = await fetch(`${node.url}/api/health/ready`);
      expect({ port: node.port, status: res.status }).toEqual({ port: node.port, status: 200 });
    }
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string; runs: string }>(
        `SELECT name, count(*) AS runs FROM migrations GROUP BY name`,
      );
      expect(rows).toHaveLength(MIGRATIONS.length);
      expect(rows.filter((r) => Number(r.runs) !== 1)).toEqual([]);
      // One admin was created, not three.
      const admins = await client.query(`SELECT id FROM users WHERE email = 'admin@test.local'`);
      expect(admins.rows).toHaveLength(1);
    } finally {
      await client.end();
    }
  }, 120_000);
});
