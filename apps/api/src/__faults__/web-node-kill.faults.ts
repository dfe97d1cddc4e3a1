import { jest } from '@jest/globals';
import { CallbackReceiver } from '../test-support/callback-receiver.js';
import {
  AgentView,
  createChannelAccount,
  type HttpAnswer,
  inboundLedger,
  InboundSender,
  login,
  reportFault,
  sendReply,
  sleep,
  waitFor,
} from '../test-support/fault-traffic.js';
import { Topology } from '../test-support/topology.js';

jest.setTimeout(300_000);

// The figures by default; FAULTS_INBOUND / FAULTS_REPLIES scale a slower machine down.
const INBOUND = Number(process.env.FAULTS_INBOUND ?? 2_000);
const REPLIES = Number(process.env.FAULTS_REPLIES ?? 200);
const CUSTOMERS = Math.max(1, Math.round(INBOUND / 5));

describe('kill -9 one of three web nodes under inbound traffic and agent replies', () => {
  let topology: Topology;
  let receiver: CallbackReceiver;
  const agents: AgentView[] = [];

  beforeAll(async () => {
    receiver = await new CallbackReceiver().start();
    topology = await Topology.start();
  });
  afterAll(async () => {
    agents.forEach((agent) => agent.close());
    await topology?.stop();
    await receiver?.stop();
  });

  it('loses and doubles nothing, and the agents on the killed node reconnect through the proxy and resync', async () => {
    const proxy = topology.proxy.url;
    const token = await login(proxy);
    const account = await createChannelAccount(proxy, token, {
      kind: 'api',
      name: 'fault: web node',
      config: { callbackUrl: receiver.url },
    });
    for (let i = 0; i < 3; i++) agents.push(new AgentView(proxy, token));
    for (const agent of agents) {
      await agent.connected();
      await waitFor(() => agent.transport === 'websocket', 10_000, 'the websocket upgrade');
    }
    // The node the first agent's socket lives on dies.
    const victimName = agents[0].node;
    expect(victimName).toMatch(/^web[123]$/);
    const victim = topology.web[Number(victimName!.slice(3)) - 1];
    const onVictim = agents.filter((agent) => agent.node === victimName);

    const deadline = Date.now() + 180_000;
    const sender = new InboundSender(proxy, account, 'webkill', CUSTOMERS);
    let killedAt = 0;
    let restarted: Promise<void> | null = null;
    const inbound = sender.run(INBOUND, 12, deadline, (acknowledged) => {
      if (!killedAt && acknowledged >= INBOUND / 3) {
        killedAt = Date.now();
        // A crash, then the container's restart policy starts it again.
        restarted = victim.kill().then(() => victim.start(120_000));
      }
    });

    // Agents answer tickets they see while the customers keep writing.
    const replyTexts: string[] = [];
    const replyAnswers: HttpAnswer[] = [];
    let nextReply = 0;
    const replier = async (agent: AgentView) => {
      while (nextReply < REPLIES && Date.now() < deadline) {
        const tickets = [...agent.seq.keys()];
        if (tickets.length === 0) {
          await sleep(100);
          continue;
        }
        const r = nextReply++;
        const text = `reply ${r}`;
        replyTexts.push(text);
        replyAnswers.push(await sendReply(proxy, token, tickets[r % tickets.length], text, deadline));
      }
    };
    await Promise.all([inbound, ...agents.map(replier)]);
    expect(killedAt).toBeGreaterThan(0);
    await restarted;

    // Every agent on the killed node is connected again (through another node or the restarted one).
    await waitFor(
      () => onVictim.every((agent) => agent.socket.connected && agent.lastConnectAt > killedAt),
      30_000,
      'the agents of the killed node to reconnect',
    );
    const recoverySeconds =
      Math.round(Math.max(...onVictim.map((a) => a.lastConnectAt - killedAt)) / 100) / 10;

    // Every reply reaches the integration exactly once per idempotency key.
    const replyIds = new Set(replyAnswers.filter((a) => a.status === 201).map((a) => a.body.id as string));
    const callbacksFor = () => receiver.received.filter((c) => replyIds.has(c.json?.messageId));
    await waitFor(
      () => new Set(callbacksFor().map((c) => c.json.messageId)).size === replyIds.size,
      60_000,
      'every reply to be sent',
    );

    // What each agent's console shows after its resyncs: every message and the latest seq, as the
    // database has them when asked (a reply's send result may still bump a ticket's seq after the
    // integration received it, so a view compared with an earlier read would be ahead of it).
    const databaseView = async () => ({
      stored: (
        await topology.db.query<{ id: string }>(
          `SELECT m.id FROM messages m JOIN tickets t ON t.id = m.ticket_id
            WHERE t.channel_account_id = $1 AND m.kind = 'message' AND NOT (m.meta ? 'foldedBy')`,
          [account.id],
        )
      ).rows,
      tickets: (
        await topology.db.query<{ id: string; seq: string }>(
          `SELECT id, seq FROM tickets WHERE channel_account_id = $1`,
          [account.id],
        )
      ).rows,
    });
    for (const agent of agents) {
      let behind = { messages: [] as string[], tickets: [] as string[] };
      await waitFor(
        async () => {
          const { stored, tickets } = await databaseView();
          behind = {
            messages: stored.filter((m) => !agent.messageIds.has(m.id)).map((m) => m.id),
            tickets: tickets.filter((t) => agent.seq.get(t.id) !== Number(t.seq)).map((t) => t.id),
          };
          return behind.messages.length === 0 && behind.tickets.length === 0;
        },
        30_000,
        'the agent view to show every message',
      ).catch(async (err: Error) => {
        // What the view lacks and the events that carried it, so a failure says whether they were
        // never published, never arrived, or arrived and were not applied.
        const { rows: lacking } = await topology.db.query(
          `SELECT m.id, m.ticket_id, m.direction, m.created_at, t.seq,
                  (SELECT json_agg(json_build_object('topic', o.topic, 'seq', o.payload #>> '{payload,seq}',
                          'published', o.published_at, 'at', o.created_at) ORDER BY o.id)
                     FROM outbox_events o WHERE o.ticket_id = t.id) AS events
             FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE m.id = ANY($1::uuid[])
           UNION ALL
           SELECT NULL, t.id, NULL, NULL, t.seq, NULL FROM tickets t WHERE t.id = ANY($2::uuid[]) LIMIT 3`,
          [behind.messages, behind.tickets],
        );
        const views = lacking.map((r) => ({ ...r, agentSeq: agent.seq.get(r.ticket_id) }));
        throw new Error(
          `${err.message} (agent on ${agent.node}, killed ${victimName}, ${agent.connects} connects): ${JSON.stringify(views)}`,
        );
      });
    }

    const ledger = await inboundLedger(topology.db, account.id, sender.acknowledged);
    const { rows: replies } = await topology.db.query<{ n: number; distinct_texts: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT m.text)::int AS distinct_texts FROM messages m
         JOIN tickets t ON t.id = m.ticket_id WHERE t.channel_account_id = $1 AND m.direction = 'out' AND m.text LIKE 'reply %'`,
      [account.id],
    );
    const callbacks = callbacksFor();
    const doubledSends = callbacks.length - new Set(callbacks.map((c) => c.idempotencyKey)).size;
    const row = {
      scenario: 'a. kill -9 a web node',
      sent: sender.sent + replyTexts.length,
      acknowledged: sender.acknowledged.size + replyIds.size,
      stored: ledger.stored + replies[0].n,
      duplicated: ledger.duplicated + (replies[0].n - replies[0].distinct_texts) + doubledSends,
      lost: ledger.lost + (replyIds.size - new Set(callbacks.map((c) => c.json.messageId)).size),
      recoverySeconds,
    };
    reportFault(row);

    expect(sender.unexpected).toEqual([]);
    expect(sender.acknowledged.size).toBe(INBOUND);
    expect(replyIds.size).toBe(REPLIES);
    expect(row).toMatchObject({ duplicated: 0, lost: 0 });
    expect(victim.exit).toBeNull();
  });
});
