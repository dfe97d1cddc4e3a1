import { io, type Socket } from 'socket.io-client';
import { ApiProcess, freePort } from '../../test-support/api-process.js';
import { recordEvents, startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';
import { clientId, createChatAccount, SITE, visitor } from '../../test-support/widget-test-helpers.js';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Short, so a dead node's agents drop out within seconds in the test (15 s by default). */
const PRESENCE_TTL_MS = 2_000;

function agentSocket(url: string, token: string): Promise<Socket> {
  const socket = io(`${url}/agents`, { auth: { token }, transports: ['websocket'], reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function agentsOnlineSeenBy(node: TestApp, accountId: string): Promise<boolean> {
  const res = await node.request('GET', `/api/widget/${accountId}/settings`, { headers: { origin: SITE } });
  if (res.status !== 200) throw new Error(`widget settings: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.availability.agentsOnline;
}

async function availabilityOn(node: TestApp, userId: string): Promise<string> {
  const res = await node.request('GET', '/api/agents', { token: await node.adminToken() });
  return res.body.items.find((a: { id: string }) => a.id === userId).availability;
}

/**
 * Node A is a child process (so it can die by SIGKILL like a crashed host), node B runs in the
 * test; they share one database and are joined by Redis. What an agent does on node A must show
 * to agents and widget visitors on node B, and an agent whose node dies must not stay "online".
 */
describe('typing, availability and agents online agree across nodes, and a dead node’s agents drop out', () => {
  let nodeB: TestApp;
  let nodeA: ApiProcess;
  const sockets: Socket[] = [];
  /** Agents' sockets on node B, closed before the last check of "agents online". */
  const onNodeB: Socket[] = [];
  let chatAccount: string;

  beforeAll(async () => {
    nodeB = await startTestApp({ redisUrl, presenceTtlMs: PRESENCE_TTL_MS, availabilityGraceMs: 500 });
    nodeA = new ApiProcess(await freePort(), {
      DATABASE_URL: nodeB.config.databaseUrl!,
      REDIS_URL: redisUrl,
      SWITCHBOARD_SECRETS_KEY: nodeB.config.secretsKey!,
      PRESENCE_TTL_MS: String(PRESENCE_TTL_MS),
      AVAILABILITY_GRACE_MS: '500',
    });
    await nodeA.start();
    chatAccount = await createChatAccount(nodeB);
  }, 120_000);
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await nodeA.stop();
    await nodeB.close();
  });

  it('the widget on node B counts an agent connected only to node A as online', async () => {
    expect(await agentsOnlineSeenBy(nodeB, chatAccount)).toBe(false);
    const agent = await nodeB.createUser({ email: 'only-on-a@test.local' });
    sockets.push(await agentSocket(nodeA.url, agent.token));
    await waitFor(() => agentsOnlineSeenBy(nodeB, chatAccount), 5_000, 'agents online on node B');
  });

  it('an agent typing a reply on node A shows to a viewer on node B and to the visitor on node B', async () => {
    const guest = await visitor(nodeB, chatAccount, { name: 'Grace' }, sockets);
    const sent = await guest.emit('message.send', { text: 'Is anyone there?', clientId: clientId() });
    expect(sent.ok).toBe(true);
    const ticketId: string = sent.ticketId;
    const typist = await nodeB.createUser({ email: 'typist@test.local', role: 'supervisor' });
    const watcher = await nodeB.createUser({ email: 'watcher@test.local', role: 'supervisor' });
    const onA = await agentSocket(nodeA.url, typist.token);
    const onB = await nodeB.socket(watcher.token);
    onNodeB.push(onB);
    sockets.push(onA);
    const seenOnB = recordEvents(onB);
    expect(await onA.timeout(5000).emitWithAck('ticket.view', { ticketId })).toEqual({ ok: true });
    expect(await onB.timeout(5000).emitWithAck('ticket.view', { ticketId })).toEqual({ ok: true });

    expect(await onA.timeout(5000).emitWithAck('typing', { ticketId, kind: 'reply', active: true })).toEqual({
      ok: true,
    });
    const typing = await waitFor(
      () => seenOnB.find((e) => e.name === 'typing' && e.payload.userId === typist.id),
      5_000,
      'typing from node A on node B',
    );
    expect(typing.payload).toMatchObject({ ticketId, kind: 'reply', active: true, name: 'typist' });
    const shown = await waitFor(
      () => guest.events.find((e) => e.name === 'typing' && e.payload.active === true),
      5_000,
      'the agent typing, shown to the visitor on node B',
    );
    expect(shown.payload).toEqual({ ticketId, name: 'typist', active: true });
  });

  it('availability set on node A is what node B reports and tells its agents', async () => {
    const agent = await nodeB.createUser({ email: 'goes-away@test.local' });
    const colleague = await nodeB.createUser({ email: 'colleague@test.local' });
    sockets.push(await agentSocket(nodeA.url, agent.token));
    const colleagueOnB = await nodeB.socket(colleague.token);
    onNodeB.push(colleagueOnB);
    const heardOnB = recordEvents(colleagueOnB);
    await waitFor(async () => (await availabilityOn(nodeB, agent.id)) === 'online', 5_000, 'online');

    const res = await fetch(`${nodeA.url}/api/me/availability`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${agent.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'away' }),
    });
    expect(res.status).toBe(200);
    expect(await availabilityOn(nodeB, agent.id)).toBe('away');
    await waitFor(
      () =>
        heardOnB.find(
          (e) =>
            e.name === 'agent.availability' && e.payload.userId === agent.id && e.payload.status === 'away',
        ),
      5_000,
      'the change announced on node B',
    );
  });

  it('killed by SIGKILL, node A’s agents go offline, leave the widget count and the viewers seen on node B', async () => {
    const account = await createChatAccount(nodeB);
    const guest = await visitor(nodeB, account, { name: 'Linus' }, sockets);
    const sent = await guest.emit('message.send', { text: 'Hello?', clientId: clientId() });
    const ticketId: string = sent.ticketId;
    const onlyOnA = await nodeB.createUser({ email: 'crashes@test.local', role: 'supervisor' });
    const survivor = await nodeB.createUser({ email: 'survivor@test.local', role: 'supervisor' });
    const viewerA = await agentSocket(nodeA.url, onlyOnA.token);
    sockets.push(viewerA);
    const viewerB = await nodeB.socket(survivor.token);
    onNodeB.push(viewerB);
    const seenOnB = recordEvents(viewerB);
    expect(await viewerA.timeout(5000).emitWithAck('ticket.view', { ticketId })).toEqual({ ok: true });
    expect(await viewerB.timeout(5000).emitWithAck('ticket.view', { ticketId })).toEqual({ ok: true });
    await waitFor(
      () =>
        seenOnB.find(
          (e) =>
            e.name === 'presence' &&
            e.payload.viewers.some((v: { userId: string }) => v.userId === onlyOnA.id),
        ),
      5_000,
      'both viewers before the crash',
    );
    await waitFor(async () => (await availabilityOn(nodeB, onlyOnA.id)) === 'online', 5_000, 'online');

    const killedAt = Date.now();
    await nodeA.kill();
    await waitFor(
      () =>
        seenOnB.find(
          (e) =>
            e.name === 'presence' &&
            e.payload.viewers.length === 1 &&
            e.payload.viewers[0].userId === survivor.id,
        ),
      10_000,
      'presence on node B without the dead node’s viewer',
    );
    await waitFor(
      async () => (await availabilityOn(nodeB, onlyOnA.id)) === 'offline',
      10_000,
      'the dead node’s agent offline',
    );
    // Every agent left is on node B: with them gone, nobody is online anywhere.
    for (const socket of onNodeB) socket.disconnect();
    await waitFor(
      async () => !(await agentsOnlineSeenBy(nodeB, account)),
      10_000,
      'no agents online once the only connected ones were on the dead node',
    );
    // Bounded by the TTL and one renewal period, not by the grace of a clean disconnect or forever.
    expect(Date.now() - killedAt).toBeLessThan(10_000);
  }, 60_000);
});

describe('without Redis, agents online is shared through PostgreSQL', () => {
  let nodeA: TestApp;
  let nodeB: TestApp;

  beforeAll(async () => {
    nodeA = await startTestApp({ redisUrl: null, presenceTtlMs: PRESENCE_TTL_MS });
    nodeB = await startTestApp({
      redisUrl: null,
      presenceTtlMs: PRESENCE_TTL_MS,
      databaseUrl: nodeA.config.databaseUrl,
      secretsKey: nodeA.config.secretsKey,
    });
  });
  afterAll(async () => {
    await nodeB.close({ keepDatabase: true });
    await nodeA.close();
  });

  it('the widget on node B sees the agent connected to node A come and go', async () => {
    const account = await createChatAccount(nodeA);
    expect(await agentsOnlineSeenBy(nodeB, account)).toBe(false);
    const agent = await nodeA.createUser({ email: 'pg-only@test.local' });
    const socket = await nodeA.socket(agent.token);
    await waitFor(() => agentsOnlineSeenBy(nodeB, account), 5_000, 'agents online on node B');
    socket.disconnect();
    await waitFor(async () => !(await agentsOnlineSeenBy(nodeB, account)), 5_000, 'nobody online on node B');
  });
});
