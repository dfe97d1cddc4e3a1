import { jest } from '@jest/globals';
import { CallbackReceiver } from '../test-support/callback-receiver.js';
import {
  createChannelAccount,
  inboundLedger,
  InboundSender,
  login,
  reportFault,
  sendReply,
  waitFor,
  type HttpAnswer,
} from '../test-support/fault-traffic.js';
import { Topology } from '../test-support/topology.js';

jest.setTimeout(300_000);

const REPLIES = Number(process.env.FAULTS_REPLIES ?? 200);
const TICKETS = 40;

describe('kill -9 the worker mid-dispatch', () => {
  let topology: Topology;
  let receiver: CallbackReceiver;

  beforeAll(async () => {
    receiver = await new CallbackReceiver().start();
    // A short lease, so the second worker takes over the dead one's claimed sends within seconds.
    topology = await Topology.start({ env: { OUTBOX_LEASE_SECONDS: '5' } });
  });
  afterAll(async () => {
    await topology?.stop();
    await receiver?.stop();
  });

  it('a second worker resumes and every reply reaches the integration under one idempotency key, none lost', async () => {
    const proxy = topology.proxy.url;
    const token = await login(proxy);
    const account = await createChannelAccount(proxy, token, {
      kind: 'api',
      name: 'fault: worker',
      config: { callbackUrl: receiver.url },
    });
    const sender = new InboundSender(proxy, account, 'workerkill', TICKETS);
    const deadline = Date.now() + 180_000;
    await sender.run(TICKETS, 4, deadline);
    const { rows: tickets } = await topology.db.query<{ id: string }>(
      `SELECT id FROM tickets WHERE channel_account_id = $1 ORDER BY number`,
      [account.id],
    );

    // The integration answers slowly, so sends are in flight when the worker dies: a send the
    // receiver got but the dead worker never recorded is sent again with the same key.
    receiver.respond = (_req, res) => void setTimeout(() => res.writeHead(200).end('ok'), 150);
    let firstAfterKill = 0;
    const replies: HttpAnswer[] = [];
    let next = 0;
    const agent = async () => {
      while (next < REPLIES) {
        const r = next++;
        replies.push(await sendReply(proxy, token, tickets[r % tickets.length].id, `reply ${r}`, deadline));
      }
    };
    const posting = Promise.all(Array.from({ length: 4 }, agent));
    await waitFor(
      () => receiver.received.length >= REPLIES / 4,
      60_000,
      'a quarter of the replies to be sent',
    );
    const worker = topology.workers[0];
    await worker.kill();
    const killedAt = Date.now();
    const receivedAtKill = receiver.received.length;
    await topology.addWorker();
    await posting;
    await waitFor(
      () => {
        if (!firstAfterKill && receiver.received.length > receivedAtKill) firstAfterKill = Date.now();
        const delivered = new Set(receiver.received.map((c) => c.json?.messageId));
        return replies.every((r) => delivered.has(r.body?.id));
      },
      90_000,
      'every reply to reach the integration',
    );

    const replyIds = new Set(replies.filter((r) => r.status === 201).map((r) => r.body.id as string));
    const callbacks = receiver.received.filter((c) => replyIds.has(c.json?.messageId));
    // The receiver's view: one key per reply, and a key never names two replies.
    const keysByReply = new Map<string, Set<string>>();
    for (const c of callbacks) {
      const keys = keysByReply.get(c.json.messageId) ?? new Set();
      keys.add(c.idempotencyKey);
      keysByReply.set(c.json.messageId, keys);
    }
    const repeatedSends = callbacks.length - keysByReply.size;
    // The provider's answer is recorded just after it arrives.
    const states = await waitFor(
      async () => {
        const { rows } = await topology.db.query<{ delivery_state: string; n: number }>(
          `SELECT m.delivery_state, count(*)::int AS n FROM messages m JOIN tickets t ON t.id = m.ticket_id
            WHERE t.channel_account_id = $1 AND m.direction = 'out' AND m.text LIKE 'reply %' GROUP BY 1`,
          [account.id],
        );
        return rows.length === 1 && rows[0].delivery_state === 'sent' ? rows : null;
      },
      30_000,
      'every reply to be recorded as sent',
    );
    const ledger = await inboundLedger(topology.db, account.id, sender.acknowledged);
    const storedReplies = states.reduce((sum, s) => sum + s.n, 0);
    const row = {
      scenario: 'b. kill -9 the worker',
      sent: sender.sent + replies.length,
      acknowledged: sender.acknowledged.size + replyIds.size,
      stored: ledger.stored + storedReplies,
      duplicated:
        ledger.duplicated +
        (storedReplies - replyIds.size) +
        [...keysByReply.values()].filter((keys) => keys.size > 1).length,
      lost: ledger.lost + [...replyIds].filter((id) => !keysByReply.has(id)).length,
      recoverySeconds: Math.round(((firstAfterKill || Date.now()) - killedAt) / 100) / 10,
    };
    reportFault(row);
    console.log(`worker kill: ${repeatedSends} send(s) repeated under the same idempotency key`);

    expect(replyIds.size).toBe(REPLIES);
    expect(row).toMatchObject({ duplicated: 0, lost: 0 });
    expect(states).toEqual([{ delivery_state: 'sent', n: REPLIES }]);
    expect(worker.exit).toBe('killed by SIGKILL');
  });
});
