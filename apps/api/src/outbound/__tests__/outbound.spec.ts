import { verifyCallback } from '@switchboard/channel-api';
import { CallbackReceiver } from '../../test-support/callback-receiver.js';
import { recordEvents, startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';

describe('agent replies go out through the outbox', () => {
  let t: TestApp;
  let receiver: CallbackReceiver;
  let account: { id: string; apiKey: string; signingSecret: string };
  let admin: string;

  beforeAll(async () => {
    receiver = await new CallbackReceiver().start();
    t = await startTestApp();
    account = await t.createApiAccount({ callbackUrl: receiver.url });
    admin = await t.adminToken();
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  async function newTicket(handle: string): Promise<string> {
    return (await t.inbound(account, { externalId: `in-${handle}`, from: { handle }, text: 'help please' }))
      .body.ticketId;
  }

  async function messageState(id: string) {
    return (await t.db.one<{ delivery_state: string; delivery_error: string | null }>(
      `SELECT delivery_state, delivery_error FROM messages WHERE id = $1`,
      [id],
    ))!;
  }

  it('a reply is stored queued, reaches the callback signed with an idempotency key, and shows sent', async () => {
    const ticketId = await newTicket('out1@example.com');
    const socket = await t.socket(admin);
    const events = recordEvents(socket);
    const reply = await t.request('POST', `/api/tickets/${ticketId}/messages`, {
      token: admin,
      body: { kind: 'reply', body: 'We are on it.' },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.deliveryState).toBe('queued');
    const got = await waitFor(
      () => receiver.received.find((r) => r.json.messageId === reply.body.id),
      5000,
      'callback',
    );
    expect(got.idempotencyKey).toBe(reply.body.id);
    expect(got.json).toMatchObject({ ticketId, text: 'We are on it.', to: { handle: 'out1@example.com' } });
    expect(verifyCallback(account.signingSecret, got.timestamp, got.body, got.signature)).toBe(true);
    await waitFor(async () => (await messageState(reply.body.id)).delivery_state === 'sent', 5000, 'sent');
    const update = await waitFor(
      () => events.find((e) => e.name === 'message.updated' && e.payload.message.id === reply.body.id),
      5000,
      'message.updated',
    );
    expect(update.payload.message.deliveryState).toBe('sent');
    const ticket = await t.request('GET', `/api/tickets/${ticketId}`, { token: admin });
    expect(ticket.body.status).toBe('open');
  });

  it('a note is internal: stored, never sent', async () => {
    const ticketId = await newTicket('note@example.com');
    const before = receiver.received.length;
    const note = await t.request('POST', `/api/tickets/${ticketId}/messages`, {
      token: admin,
      body: { kind: 'note', body: 'Customer is a VIP' },
    });
    expect(note.body).toMatchObject({ kind: 'note', deliveryState: null });
    await new Promise((r) => setTimeout(r, 700));
    expect(receiver.received.length).toBe(before);
  });

  it('a callback that fails with 503 is retried with the same idempotency key until it succeeds', async () => {
    const ticketId = await newTicket('flaky@example.com');
    let failures = 0;
    receiver.respond = (req, res) => {
      if (req.json.ticketId === ticketId && failures < 1) {
        failures++;
        res.writeHead(503).end('busy');
        return;
      }
      res.writeHead(200).end('ok');
    };
    const reply = await t.request('POST', `/api/tickets/${ticketId}/messages`, {
      token: admin,
      body: { kind: 'reply', body: 'retry me' },
    });
    await waitFor(
      async () => (await messageState(reply.body.id)).delivery_state === 'sent',
      10_000,
      'sent after retry',
    );
    const attempts = receiver.received.filter((r) => r.json.messageId === reply.body.id);
    expect(attempts.length).toBe(2);
    expect(new Set(attempts.map((a) => a.idempotencyKey))).toEqual(new Set([reply.body.id]));
    receiver.respond = (_, res) => res.writeHead(200).end('ok');
  });

  it('a callback that rejects with 400 fails the message at once, with the reason visible to the agent', async () => {
    const ticketId = await newTicket('rejected@example.com');
    receiver.respond = (req, res) =>
      req.json.ticketId === ticketId
        ? res.writeHead(400).end('unknown recipient')
        : res.writeHead(200).end('ok');
    const reply = await t.request('POST', `/api/tickets/${ticketId}/messages`, {
      token: admin,
      body: { kind: 'reply', body: 'nobody home' },
    });
    await waitFor(
      async () => (await messageState(reply.body.id)).delivery_state === 'failed',
      5000,
      'failed',
    );
    const timeline = await t.request('GET', `/api/tickets/${ticketId}/messages`, { token: admin });
    const shown = timeline.body.items.find((i: { id: string }) => i.id === reply.body.id);
    expect(shown.deliveryError).toContain('400');
    expect(shown.deliveryError).toContain('unknown recipient');
    expect(receiver.received.filter((r) => r.json.messageId === reply.body.id)).toHaveLength(1);
    receiver.respond = (_, res) => res.writeHead(200).end('ok');
  });

  it('hold and transfer refuse a missing note with a 400 naming it', async () => {
    const ticketId = await newTicket('holdnote@example.com');
    const hold = await t.request('POST', `/api/tickets/${ticketId}/hold`, {
      token: admin,
      body: { note: '' },
    });
    expect(hold.status).toBe(400);
    expect(hold.body.message).toMatch(/^note:/);
    const transfer = await t.request('POST', `/api/tickets/${ticketId}/transfer`, {
      token: admin,
      body: { toTeamId: '5b0f1c1e-8d5a-4a57-9f5e-2d3c4b5a6978' },
    });
    expect(transfer.status).toBe(400);
    expect(transfer.body.message).toMatch(/note/);
  });

  it('a hold with customer notification queues that message and the hold note stays internal', async () => {
    const ticketId = await newTicket('hold@example.com');
    const until = new Date(Date.now() + 3600_000).toISOString();
    const res = await t.request('POST', `/api/tickets/${ticketId}/hold`, {
      token: admin,
      body: {
        why: 'Waiting on the warehouse',
        done: 'Asked them for stock',
        next: 'Call them at 3pm',
        until,
        notifyCustomer: true,
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'on_hold', holdUntil: until });
    const told = await waitFor(
      () => receiver.received.find((r) => r.json.ticketId === ticketId),
      5000,
      'customer notification',
    );
    expect(told.json.text).toMatch(/on hold/);
    expect(
      receiver.received
        .filter((r) => r.json.ticketId === ticketId)
        .some((r) => r.json.text.includes('warehouse')),
    ).toBe(false);
  });
});
