import type { Socket } from 'socket.io-client';
import { recordEvents, startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function disconnected(socket: Socket): Promise<string> {
  return new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
}

async function wrongLogins(node: TestApp, email: string, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++)
    statuses.push(
      (await node.request('POST', '/api/auth/login', { body: { email, password: 'wrong-guess-1' } })).status,
    );
  return statuses;
}

/** Node B shares node A's database and secrets key: a second replica of one deployment. */
async function twoNodes(redis: string | null): Promise<[TestApp, TestApp]> {
  const a = await startTestApp({ redisUrl: redis });
  const b = await startTestApp({
    redisUrl: redis,
    databaseUrl: a.config.databaseUrl,
    secretsKey: a.config.secretsKey,
  });
  return [a, b];
}

describe('two API nodes joined by Redis agree on sessions, presence and login limits', () => {
  let nodeA: TestApp;
  let nodeB: TestApp;

  beforeAll(async () => {
    [nodeA, nodeB] = await twoNodes(redisUrl);
  });
  afterAll(async () => {
    await nodeB.close({ keepDatabase: true });
    await nodeA.close();
  });

  it('a user disabled on node A loses their socket on node B at once', async () => {
    const agent = await nodeA.createUser({ email: 'disabled-agent@test.local' });
    const socket = await nodeB.socket(agent.token);
    const gone = disconnected(socket);
    const started = Date.now();
    const res = await nodeA.request('PATCH', `/api/admin/users/${agent.id}`, {
      token: await nodeA.adminToken(),
      body: { active: false },
    });
    expect(res.status).toBe(200);
    expect(await gone).toBe('io server disconnect');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('logging out on node A ends that session’s socket on node B, and only that one', async () => {
    const agent = await nodeA.createUser({ email: 'two-tabs@test.local' });
    const otherToken = await nodeB.login('two-tabs@test.local', 'agent-password-123');
    const ending = await nodeB.socket(agent.token);
    const staying = await nodeB.socket(otherToken);
    const gone = disconnected(ending);
    expect((await nodeA.request('POST', '/api/auth/logout', { token: agent.token })).status).toBe(204);
    expect(await gone).toBe('io server disconnect');
    await new Promise((r) => setTimeout(r, 300));
    expect(staying.connected).toBe(true);
  });

  it('an agent viewing a ticket on node A shows in the presence seen on node B', async () => {
    const account = await nodeA.createApiAccount();
    const { body } = await nodeA.inbound(account, {
      externalId: 'presence-1',
      from: { handle: 'p@example.com' },
      text: 'hi',
    });
    const onA = await nodeA.createUser({ email: 'viewer-a@test.local', role: 'supervisor' });
    const onB = await nodeA.createUser({ email: 'viewer-b@test.local', role: 'supervisor' });
    const socketA = await nodeA.socket(onA.token);
    const socketB = await nodeB.socket(onB.token);
    const seenOnB = recordEvents(socketB);
    expect(await socketA.timeout(5000).emitWithAck('ticket.view', { ticketId: body.ticketId })).toEqual({
      ok: true,
    });
    expect(await socketB.timeout(5000).emitWithAck('ticket.view', { ticketId: body.ticketId })).toEqual({
      ok: true,
    });
    const both = await waitFor(
      () =>
        seenOnB.find(
          (e) =>
            e.name === 'presence' &&
            e.payload.ticketId === body.ticketId &&
            e.payload.viewers.some((v: { userId: string }) => v.userId === onA.id) &&
            e.payload.viewers.some((v: { userId: string }) => v.userId === onB.id),
        ),
      5000,
      'presence on node B naming the viewer on node A',
    );
    expect(both.payload.viewers).toHaveLength(2);
  });

  it('wrong passwords spread over both nodes count against one limit (Redis)', async () => {
    const statuses = [
      ...(await wrongLogins(nodeA, 'admin@test.local', 6)),
      ...(await wrongLogins(nodeB, 'admin@test.local', 5)),
    ];
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  }, 120_000);
});

describe('two API nodes without Redis share login limits through PostgreSQL', () => {
  let nodeA: TestApp;
  let nodeB: TestApp;

  beforeAll(async () => {
    [nodeA, nodeB] = await twoNodes(null);
  });
  afterAll(async () => {
    await nodeB.close({ keepDatabase: true });
    await nodeA.close();
  });

  it('the eleventh wrong password is refused whichever node gets it', async () => {
    const statuses = [
      ...(await wrongLogins(nodeA, 'admin@test.local', 5)),
      ...(await wrongLogins(nodeB, 'admin@test.local', 6)),
    ];
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    // And it stays refused on the other node too.
    expect(
      (
        await nodeA.request('POST', '/api/auth/login', {
          body: { email: 'admin@test.local', password: 'wrong' },
        })
      ).status,
    ).toBe(429);
  }, 120_000);
});
