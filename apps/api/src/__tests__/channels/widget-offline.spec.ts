import type { Socket } from 'socket.io-client';
import {
  CHANNEL_ADAPTER_REGISTRY,
  type ChannelAdapterRegistry,
  type OutboundMessage,
} from '@switchboard/channel-kit';
import { startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';
import {
  clientId,
  createChatAccount,
  startSession,
  visitor,
} from '../../test-support/widget-test-helpers.js';

describe('web chat widget: offline visitors get the answer by email', () => {
  let t: TestApp;
  let admin: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  async function state(messageId: string) {
    return t.db.one<{ delivery_state: string; delivery_error: string | null }>(
      `SELECT delivery_state, delivery_error FROM messages WHERE id = $1`,
      [messageId],
    );
  }

  it('outside business hours the widget learns when the team is back', async () => {
    const tomorrow = (new Date().getUTCDay() + 1) % 7 || 7;
    const accountId = await createChatAccount(t, {
      businessHours: {
        timeZone: 'UTC',
        hours: [{ day: tomorrow, from: '09:00', to: '17:00' }],
        holidays: [],
      },
    });
    const session = await startSession(t, accountId, {});
    expect(session.body.availability.open).toBe(false);
    expect(new Date(session.body.availability.nextOpenAt).getTime()).toBeGreaterThan(Date.now());
    expect(session.body.availability.agentsOnline).toBe(false);
  });

  it('without an email channel on the chat account, a reply to a visitor who left is failed with the reason', async () => {
    const accountId = await createChatAccount(t);
    const v = await visitor(t, accountId, {}, sockets);
    expect(await v.emit('contact.update', { email: 'not-an-email' })).toMatchObject({ ok: false });
    expect(await v.emit('contact.update', { email: 'Leaver@Example.com' })).toMatchObject({ ok: true });
    const { ticketId } = await v.emit('message.send', {
      text: 'Please email me the answer',
      clientId: clientId(),
    });
    expect(
      (await t.db.one<{ visitor_email: string }>(
        `SELECT visitor_email FROM widget_conversations WHERE ticket_id = $1`,
        [ticketId],
      ))!.visitor_email,
    ).toBe('leaver@example.com');
    v.socket.close();
    await new Promise((r) => setTimeout(r, 100));
    const reply = await t.request('POST', `/api/tickets/${ticketId}/messages`, {
      token: admin,
      body: { kind: 'reply', body: 'Here is your answer' },
    });
    expect(reply.body.deliveryState).toBe('queued');
    const failed = await waitFor(
      async () => {
        const s = await state(reply.body.id);
        return s?.delivery_state === 'failed' ? s : null;
      },
      8000,
      'failed',
    );
    expect(failed.delivery_error).toMatch(/no email channel configured \(config\.emailAccountId\)/);
  });

  it("with an email channel, the reply to a visitor who left goes to the email path with the visitor's address", async () => {
    const [emailAccount] = await t.db.query<{ id: string }>(
      `INSERT INTO channel_accounts (kind, name, config) VALUES ('email', 'Support mailbox', '{}') RETURNING id`,
    );
    const accountId = await createChatAccount(t, { emailAccountId: emailAccount.id });
    // Stand-in for the email adapter, recording what the chat channel hands over.
    const handed: Array<{ accountId: string; message: OutboundMessage }> = [];
    t.app.get<ChannelAdapterRegistry>(CHANNEL_ADAPTER_REGISTRY).register({
      kind: 'email',
      send: async (account, message) => {
        handed.push({ accountId: account.id, message });
        return { state: 'sent', providerMessageId: `<${message.idempotencyKey}@test>` };
      },
    });
    const v = await visitor(t, accountId, { email: 'offline@example.com', name: 'Olga' }, sockets);
    const { ticketId } = await v.emit('message.send', { text: 'Are you there?', clientId: clientId() });
    // Linked so that Olga's email answer threads onto this contact's ticket.
    const identity = await t.db.one(
      `SELECT 1 FROM contact_identities i JOIN tickets t ON t.contact_id = i.contact_id WHERE t.id = $1 AND i.kind = 'email' AND i.address = 'offline@example.com'`,
      [ticketId],
    );
    expect(identity).not.toBeNull();

    // While the widget is open the reply goes live, not by email.
    const live = await t.request('POST', `/api/tickets/${ticketId}/messages`, {
      token: admin,
      body: { kind: 'reply', body: 'Yes, one moment' },
    });
    await waitFor(
      () => v.events.find((e) => e.name === 'message' && e.payload.message.id === live.body.id),
      5000,
      'live reply',
    );
    v.socket.close();
    await new Promise((r) => setTimeout(r, 100));
    const later = await t.request('POST', `/api/tickets/${ticketId}/messages`, {
      token: admin,
      body: { kind: 'reply', body: 'The answer is 42' },
    });
    await waitFor(async () => (await state(later.body.id))?.delivery_state === 'sent', 8000, 'sent by email');
    expect(handed).toHaveLength(1);
    expect(handed[0]).toMatchObject({
      accountId: emailAccount.id,
      message: {
        text: 'The answer is 42',
        idempotencyKey: later.body.id,
        to: { kind: 'email', address: 'offline@example.com', name: 'Olga' },
      },
    });

    // Transcript on request goes the same way.
    const again = await visitor(t, accountId, { token: v.token }, sockets);
    expect(await again.emit('transcript', { ticketId })).toEqual({ ok: true });
    expect(handed[1].message.to.address).toBe('offline@example.com');
    expect(handed[1].message.text).toContain('The answer is 42');
  });
});
