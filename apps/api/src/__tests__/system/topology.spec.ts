import { jest } from '@jest/globals';
import { MIGRATIONS } from '../../database/migrations/index.js';
import { AgentView, call, createChannelAccount, login, waitFor } from '../../test-support/fault-traffic.js';
import { readiness, Topology } from '../../test-support/topology.js';

jest.setTimeout(240_000);

/**
 * docker-compose.yml's deployment on loopback: HAProxy from Debian's package running
 * deploy/haproxy.cfg itself, three web nodes and a worker from the built app, on a fresh
 * database. Proves the file the operators deploy does what the README says.
 */
describe('the deployment topology: HAProxy in front of three web nodes and a worker', () => {
  let topology: Topology;

  beforeAll(async () => {
    topology = await Topology.start();
  });
  afterAll(async () => {
    await topology?.stop();
  });

  it('three nodes started together on an empty database run the migrations once and all turn ready', async () => {
    const { rows } = await topology.db.query<{ name: string }>(`SELECT name FROM migrations`);
    expect(rows.length).toBe(MIGRATIONS.length);
    expect(new Set(rows.map((r) => r.name)).size).toBe(MIGRATIONS.length);
    for (const node of topology.web) {
      expect(node.exit).toBeNull();
      expect(await readiness(node.url)).toBe(200);
    }
    const nodes = await topology.db.query<{ role: string }>(`SELECT role FROM api_nodes ORDER BY role`);
    expect(nodes.rows.map((n) => n.role)).toEqual(['web', 'web', 'web', 'worker']);
  });

  it('a request through the proxy works and its health check reaches the web nodes', async () => {
    const res = await fetch(`${topology.proxy.url}/api/health/ready`);
    expect(res.status).toBe(200);
    // The first answer pins the client to one node with the proxy's cookie.
    expect(res.headers.get('set-cookie')).toMatch(/^SBNODE=web[123];/);
    const token = await login(topology.proxy.url);
    const account = await createChannelAccount(topology.proxy.url, token, {
      kind: 'api',
      name: 'through the proxy',
      config: {},
    });
    const inbound = await call(topology.proxy.url, 'POST', `/api/channels/api/${account.id}/inbound`, {
      headers: { 'x-api-key': account.apiKey },
      body: { externalId: 'proxy-1', from: { handle: 'pat@example.test' }, text: 'hello through HAProxy' },
    });
    expect(inbound.status).toBe(200);
    expect(inbound.body.duplicate).toBe(false);
  });

  it('a socket.io client through the proxy starts on long-polling, upgrades to a websocket and gets live events', async () => {
    const token = await login(topology.proxy.url);
    const agent = new AgentView(topology.proxy.url, token);
    try {
      await agent.connected();
      await waitFor(() => agent.upgrades > 0, 10_000, 'the upgrade to a websocket');
      expect(agent.openedOn).toEqual(['polling']);
      expect(agent.transport).toBe('websocket');

      const account = await createChannelAccount(topology.proxy.url, token, {
        kind: 'api',
        name: 'live',
        config: {},
      });
      // Several requests, so round robin spreads them over the nodes: the event reaches the
      // agent's node through Redis whichever node stored the message.
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await call(topology.proxy.url, 'POST', `/api/channels/api/${account.id}/inbound`, {
          headers: { 'x-api-key': account.apiKey },
          body: { externalId: `live-${i}`, from: { handle: `live-${i}@example.test` }, text: `live ${i}` },
        });
        expect(res.status).toBe(200);
        ids.push(res.body.messageId);
      }
      await waitFor(() => ids.every((id) => agent.messageIds.has(id)), 10_000, 'every live event');
      expect(agent.connects).toBe(1);
    } finally {
      agent.close();
    }
  });
});
