import { startTestApp, type TestApp } from '../../test-support/test-app.js';
import { createChatAccount, startSession } from '../../test-support/widget-test-helpers.js';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PER_MINUTE = 10;

async function statuses(node: TestApp, token: string, count: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push((await node.request('GET', '/api/tickets', { token })).status);
  return out;
}

/**
 * An integration's API token has one request budget for the whole deployment: spreading its
 * requests over the nodes behind a load balancer gains it nothing, with Redis or without.
 */
describe.each([
  ['joined by Redis', redisUrl],
  ['sharing only PostgreSQL', null],
])('two API nodes %s count an API token’s requests against one budget', (_how, redis) => {
  let nodeA: TestApp;
  let nodeB: TestApp;
  const saved = { ...process.env };

  beforeAll(async () => {
    process.env.SWITCHBOARD_API_TOKEN_RATE_PER_MINUTE = String(PER_MINUTE);
    // Each node's bucket lets four sessions through at once; the deployment's minute allows five.
    process.env.WIDGET_IP_SESSIONS_PER_MINUTE = '1';
    process.env.WIDGET_IP_SESSION_BURST = '4';
    nodeA = await startTestApp({ redisUrl: redis });
    nodeB = await startTestApp({
      redisUrl: redis,
      databaseUrl: nodeA.config.databaseUrl,
      secretsKey: nodeA.config.secretsKey,
    });
  });
  afterAll(async () => {
    process.env = saved;
    await nodeB.close({ keepDatabase: true });
    await nodeA.close();
  });

  it(`the ${PER_MINUTE + 1}th request is refused whichever node gets it, with Retry-After`, async () => {
    const made = await nodeA.request('POST', '/api/me/api-tokens', {
      token: await nodeA.adminToken(),
      body: { name: 'Spread over nodes', scopes: ['tickets:read'] },
    });
    expect(made.status).toBe(201);
    const token = made.body.token as string;
    const seen = [...(await statuses(nodeA, token, 6)), ...(await statuses(nodeB, token, 4))];
    expect(seen).toEqual(Array(PER_MINUTE).fill(200));
    const refused = await fetch(`${nodeB.url}/api/tickets`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await statuses(nodeA, token, 1)).toEqual([429]);
  });

  it('new chat sessions from one address are counted across nodes, not per node', async () => {
    const account = await createChatAccount(nodeA);
    const seen: number[] = [];
    for (let i = 0; i < 4; i++) seen.push((await startSession(nodeA, account)).status);
    for (let i = 0; i < 2; i++) seen.push((await startSession(nodeB, account)).status);
    // Node B's own bucket is still full: only the shared budget refuses the sixth.
    expect(seen).toEqual([200, 200, 200, 200, 200, 429]);
  });
});
