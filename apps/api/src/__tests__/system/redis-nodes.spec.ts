import { recordEvents, startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';

describe('several API nodes joined by Redis (REDIS_URL)', () => {
  let nodeA: TestApp;
  let nodeB: TestApp;
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

  beforeAll(async () => {
    nodeA = await startTestApp({ redisUrl });
    // Node B shares node A's database and secrets key: a second replica of one deployment.
    nodeB = await startTestApp({
      redisUrl,
      databaseUrl: nodeA.config.databaseUrl,
      secretsKey: nodeA.config.secretsKey,
    });
  });
  afterAll(async () => {
    await nodeB.close({ keepDatabase: true });
    await nodeA.close();
  });

  it('an agent connected to node B sees a message that arrived through node A', async () => {
    const account = await nodeA.createApiAccount();
    const token = await nodeB.adminToken();
    const socket = await nodeB.socket(token);
    const events = recordEvents(socket);
    const res = await nodeA.inbound(account, {
      externalId: 'cross-node',
      from: { handle: 'x@example.com' },
      text: 'via node A',
    });
    const seen = await waitFor(
      () => events.find((e) => e.name === 'message.created' && e.payload.ticketId === res.body.ticketId),
      5000,
      'event on node B',
    );
    expect(seen.payload.message.text).toBe('via node A');
  });
});
