import { jest } from '@jest/globals';
import {
  AgentView,
  createChannelAccount,
  inboundLedger,
  InboundSender,
  login,
  reportFault,
  sleep,
  waitFor,
} from '../test-support/fault-traffic.js';
import { Topology } from '../test-support/topology.js';

jest.setTimeout(300_000);

const INBOUND = Number(process.env.FAULTS_REDIS_INBOUND ?? 600);
const DOWN_MS = 3_000;

/**
 * The suite's own redis-server (topology.ts), killed and started again empty: the machine's Redis
 * is shared with other tests and must not be restarted.
 */
describe('Redis restarts during traffic', () => {
  let topology: Topology;
  const agents: AgentView[] = [];

  beforeAll(async () => {
    topology = await Topology.start();
  });
  afterAll(async () => {
    agents.forEach((agent) => agent.close());
    await topology?.stop();
  });

  it('live updates between nodes resume within 5 s and no message is lost or doubled', async () => {
    const proxy = topology.proxy.url;
    const token = await login(proxy);
    const account = await createChannelAccount(proxy, token, {
      kind: 'api',
      name: 'fault: redis',
      config: {},
    });
    for (let i = 0; i < 3; i++) agents.push(new AgentView(proxy, token));
    for (const agent of agents) await agent.connected();

    const deadline = Date.now() + 180_000;
    const sender = new InboundSender(proxy, account, 'redis', Math.round(INBOUND / 5));
    let restartedAt = 0;
    let restart: Promise<void> | null = null;
    const traffic = sender.run(INBOUND, 6, deadline, (acknowledged) => {
      if (!restart && acknowledged >= INBOUND / 4) {
        restart = (async () => {
          await topology.redis.kill();
          await sleep(DOWN_MS);
          await topology.redis.startAgain();
          restartedAt = Date.now();
        })();
      }
    });

    // Probes written straight to each node after the restart: an agent on another node sees
    // them only through Redis, so the first one to arrive shows live fan-out is back.
    await waitFor(() => restartedAt > 0, 60_000, 'the Redis restart');
    const probes = new InboundSender(proxy, account, 'redis-probe', 3);
    const probeNode = new Map<string, number>();
    let k = 0;
    const resumedAfter = new Map<AgentView, number>();
    const agentNode = (agent: AgentView) => Number(agent.node?.slice(3) ?? 0) - 1;
    while (resumedAfter.size < agents.length && Date.now() - restartedAt < 30_000) {
      await Promise.all(
        topology.web.map(async (node, index) => {
          const id = await probes.deliver(k++, deadline, node.url);
          if (id) probeNode.set(id, index);
        }),
      );
      for (const agent of agents) {
        if (resumedAfter.has(agent)) continue;
        const first = [...probeNode]
          .filter(([id, index]) => index !== agentNode(agent) && agent.liveAt.has(id))
          .map(([id]) => agent.liveAt.get(id)!)
          .sort((a, b) => a - b)[0];
        if (first) resumedAfter.set(agent, first - restartedAt);
      }
      await sleep(200);
    }
    await traffic;

    const ledger = await inboundLedger(topology.db, account.id, sender.acknowledged);
    const probeLedger = await inboundLedger(topology.db, account.id, probes.acknowledged);
    const recoverySeconds =
      resumedAfter.size === agents.length ? Math.round(Math.max(...resumedAfter.values()) / 100) / 10 : null;
    const row = {
      scenario: 'c. restart Redis',
      sent: sender.sent + probes.sent,
      acknowledged: sender.acknowledged.size + probes.acknowledged.size,
      // The probes share the account: the ledger counts both senders' messages once.
      stored: ledger.stored,
      duplicated: ledger.duplicated,
      lost: ledger.lost + probeLedger.lost,
      recoverySeconds,
    };
    reportFault(row);

    expect(sender.unexpected).toEqual([]);
    expect(sender.acknowledged.size).toBe(INBOUND);
    expect(row).toMatchObject({ duplicated: 0, lost: 0, stored: row.acknowledged });
    expect(agents.map((agent) => agent.node)).not.toContain(undefined);
    expect(resumedAfter.size).toBe(agents.length);
    expect(Math.max(...resumedAfter.values())).toBeLessThanOrEqual(5_000);
  });
});
