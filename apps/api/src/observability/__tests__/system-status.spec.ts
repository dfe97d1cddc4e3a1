import { CallbackReceiver } from '../../test-support/callback-receiver.js';
import { startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';

describe("the admins' System view", () => {
  let t: TestApp;
  let receiver: CallbackReceiver;

  beforeAll(async () => {
    receiver = await new CallbackReceiver().start();
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  it('shows channel health, a failed delivery and this node; retry-all sends the failed reply again', async () => {
    const admin = await t.adminToken();
    const agent = await t.createUser({ email: 'system-agent@test.local' });
    expect((await t.request('GET', '/api/admin/system', { token: agent.token })).status).toBe(403);
    expect((await t.request('POST', '/api/admin/system/retry-failed', { token: agent.token })).status).toBe(
      403,
    );

    // The integration refuses the first reply for good (400): it fails and stays failed.
    receiver.respond = (_, res) => res.writeHead(400).end('bad request');
    const account = await t.createApiAccount({ callbackUrl: receiver.url });
    const inbound = await t.inbound(account, {
      externalId: 's-1',
      from: { handle: 'sys@example.com' },
      text: 'hello',
    });
    const reply = await t.request('POST', `/api/tickets/${inbound.body.ticketId}/messages`, {
      token: admin,
      body: { kind: 'reply', body: 'hi there' },
    });
    expect(reply.status).toBe(201);
    const failing = await waitFor(
      async () => {
        const res = await t.request('GET', '/api/admin/system', { token: admin });
        // The view's queries run side by side: wait until all of them saw the failure.
        const ch = res.body.channels.find((c: { id: string }) => c.id === account.id);
        return res.body.failedDeliveries.total === 1 && ch?.lastError ? res.body : null;
      },
      15_000,
      'the failed delivery on the System view',
    );
    expect(failing.failedDeliveries.items[0]).toMatchObject({
      messageId: reply.body.id,
      ticketId: inbound.body.ticketId,
      channel: 'api',
    });
    const channel = failing.channels.find((c: { id: string }) => c.id === account.id);
    expect(channel.lastInboundAt).not.toBeNull();
    expect(channel.lastSentAt).toBeNull();
    expect(channel.lastError).toBe('callback answered 400: bad request');
    expect(failing.nodes).toHaveLength(1);
    expect(failing.nodes[0]).toMatchObject({ role: 'all', version: '0.1.0' });
    expect(failing.outbox.map((q: { queue: string }) => q.queue).sort()).toEqual(['events', 'outbound']);

    // The integration is fixed: retry-all sends it, and the view shows the send.
    receiver.respond = (_, res) => res.writeHead(200).end('ok');
    const retried = await t.request('POST', '/api/admin/system/retry-failed', { token: admin });
    expect(retried.body).toEqual({ retried: 1, remaining: 0 });
    await waitFor(() => receiver.received.length === 2, 10_000, 'the resent reply');
    const after = await waitFor(
      async () => {
        const res = await t.request('GET', '/api/admin/system', { token: admin });
        return res.body.channels.find((c: { id: string }) => c.id === account.id).lastSentAt
          ? res.body
          : null;
      },
      10_000,
      'the successful send on the System view',
    );
    expect(after.failedDeliveries.total).toBe(0);
  }, 60_000);
});
