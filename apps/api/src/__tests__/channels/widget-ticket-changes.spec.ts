import type { Socket } from 'socket.io-client';
import { recordEvents, startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';
import {
  clientId,
  createChatAccount,
  visitor,
  type Visitor,
} from '../../test-support/widget-test-helpers.js';

/** What a visitor does to a ticket (reads a reply, answers the survey) is a ticket change agents hear about. */
describe('web chat: visitor actions are ticket changes', () => {
  let t: TestApp;
  let accountId: string;
  let admin: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    accountId = await createChatAccount(t);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  async function say(v: Visitor, text: string): Promise<string> {
    const ack = await v.emit('message.send', { text, clientId: clientId() });
    if (!ack.ok) throw new Error(`message.send refused: ${ack.error}`);
    return ack.ticketId;
  }

  async function replyReachingWidget(v: Visitor, ticketId: string, body: string): Promise<string> {
    const reply = await t.request('POST', `/api/tickets/${ticketId}/messages`, {
      token: admin,
      body: { kind: 'reply', body },
    });
    expect(reply.status).toBe(201);
    await waitFor(
      () => v.events.find((e) => e.name === 'message' && e.payload.message.id === reply.body.id),
      5000,
      'reply at the visitor',
    );
    await waitFor(async () => (await deliveryState(reply.body.id)) === 'sent', 5000, 'reply marked sent');
    return reply.body.id;
  }

  const deliveryState = async (messageId: string) =>
    (
      await t.db.one<{ delivery_state: string }>(`SELECT delivery_state FROM messages WHERE id = $1`, [
        messageId,
      ])
    )?.delivery_state;
  const seqOf = async (ticketId: string) =>
    Number((await t.db.one<{ seq: string }>(`SELECT seq FROM tickets WHERE id = $1`, [ticketId]))!.seq);

  it("the visitor reading a reply marks it read and agents see the reply's new state", async () => {
    const v = await visitor(t, accountId, {}, sockets);
    const ticketId = await say(v, 'Is the blue one in stock?');
    const replyId = await replyReachingWidget(v, ticketId, 'Yes, three left.');
    const agents = recordEvents(await t.socket(admin));
    const before = await seqOf(ticketId);

    expect((await v.emit('read', { ticketId })).ok).toBe(true);

    expect(await deliveryState(replyId)).toBe('read');
    const updated = await waitFor(
      () => agents.find((e) => e.name === 'message.updated' && e.payload.message.id === replyId),
      5000,
      'message.updated for the read reply',
    );
    expect(updated.payload.message.deliveryState).toBe('read');
    expect(updated.payload.seq).toBe(before + 1);
    expect(await seqOf(ticketId)).toBe(before + 1);
  });

  it('a read receipt never turns a failed reply into a read one', async () => {
    const v = await visitor(t, accountId, {}, sockets);
    const ticketId = await say(v, 'Can I pay by invoice?');
    const replyId = await replyReachingWidget(v, ticketId, 'Yes, for business customers.');
    await t.db.query(
      `UPDATE messages SET delivery_state = 'failed', delivery_error = 'provider refused' WHERE id = $1`,
      [replyId],
    );
    const before = await seqOf(ticketId);

    expect((await v.emit('read', { ticketId })).ok).toBe(true);

    expect(await deliveryState(replyId)).toBe('failed');
    expect(await seqOf(ticketId)).toBe(before);
  });

  it("a CSAT answer is a change of the ticket: one seq later, on the timeline and in the agents' events", async () => {
    const v = await visitor(t, accountId, {}, sockets);
    const ticketId = await say(v, 'Thanks, that was all');
    expect(
      (await t.request('PATCH', `/api/tickets/${ticketId}`, { token: admin, body: { status: 'solved' } }))
        .status,
    ).toBe(200);
    const agents = recordEvents(await t.socket(admin));
    const before = await seqOf(ticketId);

    expect(await v.emit('csat', { ticketId, score: 5 })).toEqual({ ok: true });

    expect(await seqOf(ticketId)).toBe(before + 1);
    const event = await t.db.one<{ seq: string }>(
      `SELECT seq FROM ticket_events WHERE ticket_id = $1 AND type = 'survey'`,
      [ticketId],
    );
    expect(Number(event!.seq)).toBe(before + 1);
    const updated = await waitFor(
      () => agents.find((e) => e.name === 'ticket.updated' && e.payload.ticketId === ticketId),
      5000,
      'ticket.updated after the survey',
    );
    expect(updated.payload.seq).toBe(before + 1);
  });
});
