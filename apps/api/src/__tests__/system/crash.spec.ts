import pg from 'pg';
import { ApiProcess, freePort } from '../../test-support/api-process.js';
import { CallbackReceiver } from '../../test-support/callback-receiver.js';
import { createTestDatabase } from '../../test-support/test-database.js';

const TOTAL = 2000;
const CONCURRENCY = 16;

async function json(res: Response): Promise<{ status: number; body: any }> {
  return { status: res.status, body: await res.json().catch(() => null) };
}

/** Sends until the API answers 200: exactly what a provider that retries on failure does. */
async function deliverWithRetries(url: string, apiKey: string, body: unknown): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        body: JSON.stringify(body),
      });
      if (res.status === 200) return;
    } catch {
      // Connection refused or reset while the API is down: retry.
    }
    await new Promise((r) => setTimeout(r, Math.min(50 * (attempt + 1), 500)));
  }
}

describe('nothing is lost or duplicated when the API is killed', () => {
  let database: { url: string; drop(): Promise<void> };
  let api: ApiProcess;
  let client: pg.Client;
  let receiver: CallbackReceiver;

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await new CallbackReceiver().start();
    api = new ApiProcess(await freePort(), { DATABASE_URL: database.url, OUTBOX_LEASE_SECONDS: '2' });
    await api.start();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await api.stop();
    await client.end();
    await receiver.stop();
    await database.drop();
  });

  async function login(): Promise<string> {
    const res = await json(
      await fetch(`${api.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@test.local', password: 'admin-password-123' }),
      }),
    );
    return res.body.token;
  }

  it('2,000 inbound messages sent through a SIGKILL and restart are each stored exactly once', async () => {
    const token = await login();
    const account = (
      await json(
        await fetch(`${api.url}/api/admin/channel-accounts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ kind: 'api', name: 'crash', config: {} }),
        }),
      )
    ).body;
    const url = `${api.url}/api/channels/api/${account.id}/inbound`;
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (next < TOTAL) {
        const i = next++;
        if (i === TOTAL / 2 && !killed) {
          killed = true;
          // Kill mid-stream with requests in flight, then come back.
          void api.kill().then(() => api.start());
        }
        await deliverWithRetries(url, account.apiKey, {
          externalId: `msg-${i}`,
          from: { handle: `customer-${i % 300}@example.com` },
          text: `message ${i}`,
        });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(killed).toBe(true);
    const { rows } = await client.query(
      `SELECT count(*)::int AS total, count(DISTINCT external_id)::int AS distinct_ids FROM messages WHERE channel_account_id = $1`,
      [account.id],
    );
    expect(rows[0]).toEqual({ total: TOTAL, distinct_ids: TOTAL });
    const receipts = await client.query(
      `SELECT count(*)::int AS n FROM inbound_receipts WHERE channel_account_id = $1`,
      [account.id],
    );
    expect(receipts.rows[0].n).toBe(TOTAL);
  }, 180_000); // a SIGKILL, a restart with migrations and 2,000 posts: slow on a loaded 2-core machine

  it('queued replies survive a kill between sending and recording, and each reaches the callback under one idempotency key', async () => {
    const token = await login();
    const account = (
      await json(
        await fetch(`${api.url}/api/admin/channel-accounts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ kind: 'api', name: 'replies', config: { callbackUrl: receiver.url } }),
        }),
      )
    ).body;
    const inboundUrl = `${api.url}/api/channels/api/${account.id}/inbound`;
    const REPLIES = 200;
    const ticketIds: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await json(
        await fetch(inboundUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': account.apiKey },
          body: JSON.stringify({
            externalId: `q-${i}`,
            from: { handle: `waiting-${i}@example.com` },
            text: 'hello?',
          }),
        }),
      );
      ticketIds.push(res.body.ticketId);
    }
    // While replies are being queued the callback is down (503), so nothing is in flight yet.
    let accepting = false;
    let deliveriesWhileAccepting = 0;
    let killedOnKey: string | null = null;
    receiver.respond = (req, res) => {
      if (!accepting) {
        res.writeHead(503).end('down for maintenance');
        return;
      }
      deliveriesWhileAccepting++;
      // Kill the API while it waits on the 50th delivery: sent, but never recorded as sent.
      if (deliveriesWhileAccepting === 50 && !killedOnKey) {
        killedOnKey = req.idempotencyKey;
        void api.kill().then(() => {
          res.destroy();
          return api.start();
        });
        return;
      }
      res.writeHead(200).end('ok');
    };
    const messageIds: string[] = [];
    for (let i = 0; i < REPLIES; i++) {
      const res = await json(
        await fetch(`${api.url}/api/tickets/${ticketIds[i % ticketIds.length]}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ kind: 'reply', body: `reply ${i}` }),
        }),
      );
      expect(res.status).toBe(201);
      messageIds.push(res.body.id);
    }
    accepting = true;
    // Generous: the cut delivery is retried only after the restart and its lease runs out, and a
    // loaded CI machine restarts the API slowly.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM messages WHERE id = ANY($1) AND delivery_state = 'sent'`,
        [messageIds],
      );
      if (rows[0].n === REPLIES) break;
      if (Date.now() > deadline)
        throw new Error(
          `only ${rows[0].n} of ${REPLIES} replies sent; API output:\n${api.output.slice(-2000)}`,
        );
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(killedOnKey).not.toBeNull();
    const keys = receiver.uniqueKeys();
    expect(keys).toEqual(new Set(messageIds));
    // The delivery cut by the kill went out again under the same key: counted once by the receiver.
    expect(receiver.received.filter((r) => r.idempotencyKey === killedOnKey).length).toBeGreaterThanOrEqual(
      2,
    );
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM outbound_jobs`);
    expect(rows[0].n).toBe(0);
  }, 240_000);
});
