import type { ServerResponse } from 'node:http';
import { ApiProcess, freePort } from '../../test-support/api-process.js';
import { CallbackReceiver } from '../../test-support/callback-receiver.js';
import { createTestDatabase } from '../../test-support/test-database.js';
import { waitFor } from '../../test-support/test-app.js';

const TICKETS = 6;

/**
 * The built API as a child process, SIGKILLed while it holds webhook sends open: after a restart
 * every event still arrives, each accepted exactly once, under the id it had before the crash.
 */
describe('event webhooks across a crash of the API', () => {
  let database: { url: string; drop(): Promise<void> };
  let receiver: CallbackReceiver;
  const env = () => ({ DATABASE_URL: database.url, OUTBOX_LEASE_SECONDS: '4', WEBHOOK_RETRY_BASE_MS: '100' });
  let api: ApiProcess;
  /** Requests the receiver holds without answering, as a slow receiver would while the API dies. */
  const held: ServerResponse[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await new CallbackReceiver().start();
    api = new ApiProcess(await freePort(), env());
    await api.start();
  });
  afterAll(async () => {
    await api.stop();
    await receiver.stop();
    await database.drop();
  });

  async function call(
    path: string,
    init: { method?: string; token?: string; body?: unknown; apiKey?: string },
  ) {
    const res = await fetch(api.url + path, {
      method: init.method ?? 'POST',
      headers: {
        'content-type': 'application/json',
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.apiKey ? { 'x-api-key': init.apiKey } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  }

  it('redelivers what was in flight, under the same id, and nothing twice', async () => {
    const login = await call('/api/auth/login', {
      body: { email: 'admin@test.local', password: 'admin-password-123' },
    });
    const token = login.body.token as string;
    const account = await call('/api/admin/channel-accounts', {
      token,
      body: { kind: 'api', name: 'Shop', teamId: null, config: {} },
    });
    expect(account.status).toBe(201);
    const hook = await call('/api/admin/webhooks', {
      token,
      body: { url: receiver.url, events: ['ticket.created'], allowPrivateTargets: true },
    });
    expect(hook.status).toBe(201);

    // Before the crash the receiver takes every request and answers none.
    receiver.respond = (_, res) => held.push(res);
    const ticketIds: string[] = [];
    for (let i = 0; i < TICKETS; i++) {
      const res = await call(`/api/channels/api/${account.body.id}/inbound`, {
        apiKey: account.body.apiKey,
        body: { externalId: `crash-${i}`, from: { handle: `crash-${i}` }, text: `Order ${i}?` },
      });
      expect(res.status).toBe(200);
      ticketIds.push(res.body.ticketId);
    }
    await waitFor(() => receiver.received.length >= 1, 45_000, 'a send in flight');
    await api.kill();
    const inFlight = new Set(receiver.received.map((r) => r.idempotencyKey));

    // Restarted, the receiver answers 200 to everything and notes what it accepted.
    const accepted: string[] = [];
    receiver.respond = (req, res) => {
      accepted.push(req.idempotencyKey);
      res.writeHead(200).end('ok');
    };
    for (const res of held) res.destroy();
    api = new ApiProcess(api.port, { ...env(), SWITCHBOARD_SECRETS_KEY: api.env.SWITCHBOARD_SECRETS_KEY });
    await api.start();
    const deliveries = await waitFor(
      async () => {
        const res = await call(`/api/admin/webhooks/${hook.body.id}/deliveries?limit=100`, {
          method: 'GET',
          token,
        });
        const items = res.body?.items as Array<{ eventId: string; status: string }> | undefined;
        return items?.length === TICKETS && items.every((d) => d.status === 'delivered') && items;
      },
      60_000,
      'every event delivered after the restart',
    );

    // One event per ticket, each accepted exactly once, under one id.
    const idOfTicket = new Map(
      receiver.received.map((r) => [r.json.data.ticket.id as string, r.idempotencyKey]),
    );
    expect([...idOfTicket.keys()].sort()).toEqual([...ticketIds].sort());
    expect(accepted.sort()).toEqual(deliveries.map((d) => d.eventId).sort());
    expect(new Set(accepted).size).toBe(TICKETS);
    // What was in flight at the crash came again with the same id and the same body.
    expect(inFlight.size).toBeGreaterThan(0);
    for (const id of inFlight) {
      const sends = receiver.received.filter((r) => r.idempotencyKey === id);
      expect(sends.length).toBe(2);
      expect(new Set(sends.map((r) => r.body)).size).toBe(1);
    }
  }, 180_000);
});
