import { createHmac } from 'node:crypto';
import { verifyCallback } from '@switchboard/channel-api';
import { CallbackReceiver } from '../../test-support/callback-receiver.js';
import { startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';
import { WebhookEventConsumer } from '../webhook-event-consumer.js';
import { WebhookLogRetention } from '../webhook-log-retention.js';

// Waits on the outbox allow up to 45 s: another database's long transaction on a shared server
// holds back every outbox consumer's horizon. They return as soon as the condition holds.
describe('event webhooks', () => {
  let t: TestApp;
  let admin: string;
  let account: { id: string; apiKey: string };
  let n = 0;
  const receivers: CallbackReceiver[] = [];

  beforeAll(async () => {
    // Quick retries and a low bar for turning a webhook off, so both show within a test.
    t = await startTestApp({
      webhookRetryBaseMs: 40,
      webhookMaxAttempts: 3,
      webhookDisableAfterFailedEvents: 2,
      outboxConsumerPollMs: 50,
    });
    admin = await t.adminToken();
    account = await t.createApiAccount();
  });
  afterAll(async () => {
    for (const r of receivers) await r.stop();
    await t.close();
  });

  const receiver = async () => {
    const r = await new CallbackReceiver().start();
    receivers.push(r);
    return r;
  };
  const createHook = (body: Record<string, unknown>, token = admin) =>
    t.request('POST', '/api/admin/webhooks', { token, body });
  const deliveries = async (hookId: string) =>
    (await t.request('GET', `/api/admin/webhooks/${hookId}/deliveries`, { token: admin })).body
      .items as any[];
  /** Whether the webhook consumer has handled the outbox events of this ticket. */
  const webhookConsumerPassed = async (ticketId: string) => {
    const rows = await t.db.query(
      `SELECT 1 FROM outbox_consumers c, outbox_events e
        WHERE c.consumer = 'webhooks' AND e.ticket_id = $1 AND (c.handled_xid, c.handled_id) >= (e.writer_xid, e.id)`,
      [ticketId],
    );
    return rows.length > 0;
  };
  /** A customer writes in through the API channel: a ticket.created and a message.created. */
  const customerWrites = async () => {
    n += 1;
    const res = await t.inbound(account, {
      externalId: `m-${n}`,
      from: { handle: `c-${n}` },
      text: `Hello ${n}`,
    });
    expect(res.status).toBe(200);
    return res.body.ticketId as string;
  };

  it('signs each event as documented: sha256= HMAC of "<timestamp>.<body>" with the secret', async () => {
    const r = await receiver();
    const secret = 'a-shared-secret-of-some-length';
    const made = await createHook({
      url: r.url,
      events: ['ticket.created', 'message.created'],
      secret,
      allowPrivateTargets: true,
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ enabled: true, secret, events: ['ticket.created', 'message.created'] });

    const ticketId = await customerWrites();
    await waitFor(() => r.received.length >= 2, 45_000, 'two signed events');
    const types = r.received.map((e) => e.json.type).sort();
    expect(types).toEqual(['message.created', 'ticket.created']);
    for (const event of r.received) {
      const expected =
        'sha256=' + createHmac('sha256', secret).update(`${event.timestamp}.${event.body}`).digest('hex');
      expect(event.signature).toBe(expected);
      expect(verifyCallback(secret, event.timestamp, event.body, event.signature)).toBe(true);
      expect(verifyCallback('another-secret-entirely', event.timestamp, event.body, event.signature)).toBe(
        false,
      );
      expect(Math.abs(Number(event.timestamp) - Date.now() / 1000)).toBeLessThan(60);
      expect(event.idempotencyKey).toBe(event.json.id);
      expect(event.json.id).toMatch(/^evt_\d+$/);
    }
    const created = r.received.find((e) => e.json.type === 'ticket.created')!;
    expect(created.json.data.ticket.id).toBe(ticketId);
    const message = r.received.find((e) => e.json.type === 'message.created')!;
    expect(message.json.data.message.text).toBe(`Hello ${n}`);

    // The secret is shown only in the answer that made the webhook.
    const read = await t.request('GET', `/api/admin/webhooks/${made.body.id}`, { token: admin });
    expect(JSON.stringify(read.body)).not.toContain(secret);
    const list = await t.request('GET', '/api/admin/webhooks', { token: admin });
    expect(JSON.stringify(list.body)).not.toContain(secret);
    const rows = await t.db.query(`SELECT * FROM webhooks`);
    expect(JSON.stringify(rows)).not.toContain(secret);
    await t.request('DELETE', `/api/admin/webhooks/${made.body.id}`, { token: admin });
  });

  it('a receiver that fails twice, then answers 200, gets each event once per id, and the log shows each attempt', async () => {
    const r = await receiver();
    const tries = new Map<string, number>();
    r.respond = (req, res) => {
      const seen = (tries.get(req.idempotencyKey) ?? 0) + 1;
      tries.set(req.idempotencyKey, seen);
      if (seen <= 2) res.writeHead(500).end('not yet');
      else res.writeHead(200).end('ok');
    };
    const made = await createHook({
      url: r.url,
      events: ['ticket.created', 'message.created'],
      allowPrivateTargets: true,
    });
    expect(made.body.secret).toMatch(/^whsec_/);
    await customerWrites();
    await customerWrites();

    const log = await waitFor(
      async () => {
        const items = await deliveries(made.body.id);
        return items.length === 4 && items.every((d) => d.status === 'delivered') && items;
      },
      45_000,
      'four delivered events',
    );
    // Four events, three requests each, the third accepted: each event id was taken exactly once.
    expect(tries.size).toBe(4);
    expect([...tries.values()]).toEqual([3, 3, 3, 3]);
    expect(r.uniqueKeys()).toEqual(new Set(log.map((d) => d.eventId)));
    for (const d of log) {
      expect(d.attempts).toBe(3);
      expect(d.lastStatusCode).toBe(200);
      expect(d.attemptLog.map((a: any) => a.statusCode)).toEqual([500, 500, 200]);
      for (const a of d.attemptLog) expect(a.durationMs).toEqual(expect.any(Number));
      // Every attempt carries the same body, so the receiver can dedupe on the id alone.
      const bodies = new Set(r.received.filter((e) => e.idempotencyKey === d.eventId).map((e) => e.body));
      expect(bodies.size).toBe(1);
    }
    await t.request('DELETE', `/api/admin/webhooks/${made.body.id}`, { token: admin });
  });

  it('replaying an outbox batch (a crash before its commit) makes no second delivery', async () => {
    const made = await createHook({
      url: 'http://127.0.0.1:9/never',
      events: ['survey.received'],
      allowPrivateTargets: true,
    });
    await t.request('PATCH', `/api/admin/webhooks/${made.body.id}`, {
      token: admin,
      body: { enabled: true },
    });
    const consumer = t.app.get(WebhookEventConsumer);
    const event = {
      id: '987654321',
      topic: 'survey.received',
      ticketId: null,
      body: { payload: { score: 5 } },
    };
    for (let i = 0; i < 2; i++) await t.db.tx((sql) => consumer.handle(sql, [event]));
    const rows = await t.db.query<{ event_id: string }>(
      `SELECT event_id FROM webhook_deliveries WHERE webhook_id = $1`,
      [made.body.id],
    );
    expect(rows).toEqual([{ event_id: 'evt_987654321' }]);
    await t.request('DELETE', `/api/admin/webhooks/${made.body.id}`, { token: admin });
  });

  it.each([
    ['http://127.0.0.1:8080/hook', /127\.0\.0\.1, a loopback address/],
    ['http://localhost:8080/hook', /a loopback address/],
    ['http://[::1]/hook', /::1, a loopback address/],
    ['http://10.1.2.3/hook', /10\.1\.2\.3, a private address/],
    ['http://192.168.0.10/hook', /a private address/],
    ['http://169.254.169.254/latest/meta-data', /169\.254\.169\.254, a link-local address/],
    ['http://[::ffff:127.0.0.1]/hook', /a loopback address/],
    ['http://[fd00::1]/hook', /a private address/],
  ])('a private target %s is refused with a 400 naming the url', async (url, reason) => {
    const res = await createHook({ url, events: ['ticket.created'] });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^url: /);
    expect(res.body.message).toMatch(reason);
    expect(res.body.message).toMatch(/allowPrivateTargets/);
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const bad = [
      [{ url: 'ftp://example.com/x', events: ['ticket.created'] }, /url: /],
      [{ url: 'https://example.com/x', events: [] }, /events: /],
      [{ url: 'https://example.com/x', events: ['ticket.deleted'] }, /events/],
      [{ url: 'https://example.com/x', events: ['ticket.created'], secret: 'short' }, /secret: /],
      [{ url: 'https://user:pw@example.com/x', events: ['ticket.created'] }, /url: must not carry/],
      [
        { url: 'https://no-such-host.invalid/x', events: ['ticket.created'] },
        /url: the host no-such-host.invalid does not resolve/,
      ],
    ] as const;
    for (const [body, message] of bad) {
      const res = await createHook(body as Record<string, unknown>);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(message);
    }
  });

  it('turning the private switch off on a loopback webhook is refused, and a target that stops passing is not contacted at send time', async () => {
    const r = await receiver();
    const made = await createHook({ url: r.url, events: ['ticket.created'], allowPrivateTargets: true });
    const off = await t.request('PATCH', `/api/admin/webhooks/${made.body.id}`, {
      token: admin,
      body: { allowPrivateTargets: false },
    });
    expect(off.status).toBe(400);
    expect(off.body.message).toMatch(/loopback/);

    // As if the name now resolved somewhere private: the send-time check refuses to connect.
    await t.db.query(`UPDATE webhooks SET allow_private_targets = false WHERE id = $1`, [made.body.id]);
    await customerWrites();
    const [delivery] = await waitFor(
      async () => {
        const items = await deliveries(made.body.id);
        return items.length === 1 && items[0].attemptLog.length >= 1 && items;
      },
      45_000,
      'a refused attempt',
    );
    expect(delivery.attemptLog[0]).toMatchObject({
      statusCode: null,
      error: expect.stringMatching(/target refused: .*loopback/),
    });
    expect(r.received).toHaveLength(0);
    await t.request('DELETE', `/api/admin/webhooks/${made.body.id}`, { token: admin });
  });

  it('turns a webhook off after repeated failed events, tells the admins, and a redelivery after turning it on arrives', async () => {
    const r = await receiver();
    r.respond = (_, res) => res.writeHead(503).end('down');
    const made = await createHook({ url: r.url, events: ['ticket.created'], allowPrivateTargets: true });
    const hookId = made.body.id as string;
    await customerWrites();
    await customerWrites();

    const hook = await waitFor(
      async () => {
        const res = await t.request('GET', `/api/admin/webhooks/${hookId}`, { token: admin });
        return res.body.enabled === false && res.body;
      },
      45_000,
      'the webhook turned off',
    );
    expect(hook.disabledReason).toMatch(/2 events in a row failed every attempt \(last: answered 503\)/);
    expect(hook.consecutiveFailures).toBe(2);
    const log = await deliveries(hookId);
    expect(log.map((d) => d.status)).toEqual(['failed', 'failed']);
    expect(log[0].attemptLog.map((a: any) => a.statusCode)).toEqual([503, 503, 503]);

    const bell = await waitFor(
      async () => {
        const res = await t.request('GET', '/api/notifications', { token: admin });
        return res.body.items.find((i: any) => i.kind === 'webhook_disabled');
      },
      20_000,
      'the admin notification',
    );
    expect(bell.text).toContain(new URL(r.url).origin);
    expect(bell.text).not.toContain(new URL(r.url).pathname);

    // Turned off, it gets no new deliveries and refuses redelivery.
    const later = await customerWrites();
    await waitFor(() => webhookConsumerPassed(later), 45_000, 'the webhook consumer past the new ticket');
    expect(await deliveries(hookId)).toHaveLength(2);
    const refused = await t.request(
      'POST',
      `/api/admin/webhooks/${hookId}/deliveries/${log[0].id}/redeliver`,
      {
        token: admin,
      },
    );
    expect(refused.status).toBe(409);

    // The receiver is fixed; the admin turns the webhook on and redelivers the newest failed event.
    r.respond = (_, res) => res.writeHead(204).end();
    const on = await t.request('PATCH', `/api/admin/webhooks/${hookId}`, {
      token: admin,
      body: { enabled: true },
    });
    expect(on.body).toMatchObject({ enabled: true, disabledReason: null, consecutiveFailures: 0 });
    const before = r.received.length;
    const again = await t.request('POST', `/api/admin/webhooks/${hookId}/deliveries/${log[0].id}/redeliver`, {
      token: admin,
    });
    expect(again.status).toBe(200);
    const done = await waitFor(
      async () => (await deliveries(hookId)).find((d) => d.id === log[0].id && d.status === 'delivered'),
      45_000,
      'the redelivered event',
    );
    expect(done.attemptLog.map((a: any) => a.statusCode)).toEqual([503, 503, 503, 204]);
    expect(r.received.slice(before).map((e) => e.idempotencyKey)).toEqual([log[0].eventId]);
    await t.request('DELETE', `/api/admin/webhooks/${hookId}`, { token: admin });
  }, 180_000);

  it('only admins manage webhooks (403), and every change is in the audit log without the secret', async () => {
    const agent = await t.createUser({ email: 'agent-webhooks@test.local', role: 'agent' });
    const supervisor = await t.createUser({ email: 'sup-webhooks@test.local', role: 'supervisor' });
    for (const token of [agent.token, supervisor.token]) {
      expect((await t.request('GET', '/api/admin/webhooks', { token })).status).toBe(403);
      expect(
        (await createHook({ url: 'https://example.com/x', events: ['ticket.created'] }, token)).status,
      ).toBe(403);
    }
    expect((await t.request('GET', '/api/admin/webhooks')).status).toBe(401);

    const secret = 'audit-me-never-see-me-123';
    const made = await createHook({
      url: 'http://127.0.0.1:9/audit',
      events: ['ticket.updated'],
      secret,
      allowPrivateTargets: true,
    });
    const id = made.body.id as string;
    expect(
      (
        await t.request('PATCH', `/api/admin/webhooks/${id}`, {
          token: admin,
          body: { events: ['ticket.created'] },
        })
      ).status,
    ).toBe(200);
    expect(
      (await t.request('PATCH', `/api/admin/webhooks/${id}`, { token: admin, body: { enabled: false } }))
        .status,
    ).toBe(200);
    expect((await t.request('DELETE', `/api/admin/webhooks/${id}`, { token: admin })).status).toBe(204);
    expect((await t.request('GET', `/api/admin/webhooks/${id}`, { token: admin })).status).toBe(404);

    const audit = await t.request('GET', `/api/admin/audit-log?target=${id}`, { token: admin });
    expect(audit.body.items.map((e: any) => e.action).sort()).toEqual([
      'webhook.created',
      'webhook.deleted',
      'webhook.disabled',
      'webhook.updated',
    ]);
    // The URL may carry the receiver's credential: the log names the field but keeps no value.
    expect(JSON.stringify(audit.body)).not.toContain('127.0.0.1:9/audit');
    expect(JSON.stringify(audit.body)).not.toContain(secret);
  });

  it('deletes finished deliveries past the retention, with their attempts; pending and recent ones stay', async () => {
    const made = await createHook({
      url: 'http://127.0.0.1:9/old',
      events: ['ticket.created'],
      allowPrivateTargets: true,
    });
    const id = made.body.id as string;
    // Off, so the dispatcher leaves these hand-made rows alone.
    await t.request('PATCH', `/api/admin/webhooks/${id}`, { token: admin, body: { enabled: false } });
    const rows = await t.db.query<{ id: string; event_id: string }>(
      `INSERT INTO webhook_deliveries (webhook_id, event_id, event, body, status, created_at) VALUES
         ($1, 'evt_old_done', 'ticket.created', '{}', 'delivered', now() - interval '31 days'),
         ($1, 'evt_old_pending', 'ticket.created', '{}', 'pending', now() - interval '31 days'),
         ($1, 'evt_recent_failed', 'ticket.created', '{}', 'failed', now() - interval '29 days')
       RETURNING id, event_id`,
      [id],
    );
    const old = rows.find((r) => r.event_id === 'evt_old_done')!;
    await t.db.query(
      `INSERT INTO webhook_delivery_attempts (delivery_id, attempt, status_code, duration_ms) VALUES ($1, 1, 200, 12)`,
      [old.id],
    );
    expect(await t.app.get(WebhookLogRetention).prune()).toBe(1);
    const left = await t.db.query<{ event_id: string }>(
      `SELECT event_id FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY event_id`,
      [id],
    );
    expect(left.map((r) => r.event_id)).toEqual(['evt_old_pending', 'evt_recent_failed']);
    expect(
      await t.db.query(`SELECT 1 FROM webhook_delivery_attempts WHERE delivery_id = $1`, [old.id]),
    ).toEqual([]);
    await t.request('DELETE', `/api/admin/webhooks/${id}`, { token: admin });
  });
});
