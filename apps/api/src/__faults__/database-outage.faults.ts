import { jest } from '@jest/globals';
import { DatabaseOutage } from '../test-support/database-outage.js';
import {
  call,
  createChannelAccount,
  inboundLedger,
  InboundSender,
  login,
  reportFault,
  sleep,
  waitFor,
} from '../test-support/fault-traffic.js';
import { readiness, Topology } from '../test-support/topology.js';

jest.setTimeout(300_000);

const INBOUND = Number(process.env.FAULTS_DB_INBOUND ?? 600);
const OUTAGE_MS = 10_000;

/**
 * The machine's PostgreSQL cannot be stopped (other tests use it): the suite's database refuses
 * every connection and has its sessions cut for 10 s, which is what the nodes see of a stopped
 * server (database-outage.ts; db-restart.spec.ts stops a private cluster for real).
 */
describe('PostgreSQL unavailable for 10 s during traffic', () => {
  let topology: Topology;
  let outage: DatabaseOutage;

  beforeAll(async () => {
    topology = await Topology.start();
    outage = await DatabaseOutage.open(topology.database.url);
  });
  afterAll(async () => {
    await outage?.close();
    await topology?.stop();
  });

  it('nodes turn not-ready, refuse writes with 503 (never 500), recover on their own, and store every acknowledged message once', async () => {
    const proxy = topology.proxy.url;
    const token = await login(proxy);
    const account = await createChannelAccount(proxy, token, { kind: 'api', name: 'fault: db', config: {} });
    const sender = new InboundSender(proxy, account, 'db', Math.round(INBOUND / 5));
    const deadline = Date.now() + 180_000;
    let outageStarted: (() => void) | null = null;
    const started = new Promise<void>((r) => (outageStarted = r));
    const traffic = sender.run(INBOUND, 8, deadline, (acknowledged) => {
      if (acknowledged >= INBOUND / 4) outageStarted?.();
    });

    await started;
    await outage.refuseConnections();
    const downAt = Date.now();
    // Every node says so, and a write straight to a node is the API's own 503.
    await waitFor(
      async () => (await Promise.all(topology.web.map((n) => readiness(n.url)))).every((s) => s === 503),
      5_000,
      'every node to report not-ready',
    );
    const direct = await call(topology.web[0].url, 'POST', `/api/channels/api/${account.id}/inbound`, {
      headers: { 'x-api-key': account.apiKey },
      body: { externalId: 'db-direct', from: { handle: 'direct@db.test' }, text: 'during the outage' },
    });
    expect(direct).toEqual({
      status: 503,
      body: { statusCode: 503, error: 'Service Unavailable', message: 'database unavailable, try again' },
    });
    await sleep(Math.max(0, OUTAGE_MS - (Date.now() - downAt)));
    await outage.allowConnections();
    const upAt = Date.now();

    await waitFor(
      async () => (await Promise.all(topology.web.map((n) => readiness(n.url)))).every((s) => s === 200),
      30_000,
      'every node to be ready again',
    );
    await traffic;
    // Recovered when the proxy carries writes again: the first acknowledgement after the outage.
    const firstAck = Math.min(...[...sender.acknowledgedAt.values()].filter((at) => at > upAt));

    const ledger = await inboundLedger(topology.db, account.id, sender.acknowledged);
    const row = {
      scenario: 'd. PostgreSQL down 10 s',
      sent: sender.sent,
      acknowledged: sender.acknowledged.size,
      stored: ledger.stored,
      duplicated: ledger.duplicated,
      lost: ledger.lost,
      recoverySeconds: Math.round((firstAck - upAt) / 100) / 10,
    };
    reportFault(row);
    console.log(`database outage: answers while down ${JSON.stringify(Object.fromEntries(sender.refusals))}`);

    // 500 or any other status the sender does not retry would sit in `unexpected`.
    expect(sender.unexpected).toEqual([]);
    expect(sender.refusals.get(500)).toBeUndefined();
    expect(sender.acknowledged.size).toBe(INBOUND);
    expect(row).toMatchObject({ duplicated: 0, lost: 0 });
    for (const node of [...topology.web, ...topology.workers]) expect(node.exit).toBeNull();
  });
});
