import { WEB_CHAT_STORE, type WebChatStore } from '@switchboard/channel-kit';
import type { Socket } from 'socket.io-client';
import { recordEvents, startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';
import {
  clientId,
  connectWidget,
  createChatAccount,
  SITE,
  visitor,
  type Visitor,
} from '../../test-support/widget-test-helpers.js';

describe('web chat widget: a live conversation', () => {
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

  async function say(v: Visitor, text: string, ticketId?: string) {
    const ack = await v.emit('message.send', { text, clientId: clientId(), ticketId });
    if (!ack.ok) throw new Error(`message.send refused: ${ack.error}`);
    return ack as { ok: true; ticketId: string; message: any };
  }

  it('serves public settings without the identity secret', async () => {
    const id = await createChatAccount(t, {
      identitySecret: 'a-very-long-identity-secret',
      colors: { primary: '#112233' },
    });
    const res = await t.request('GET', `/api/widget/${id}/settings`, { headers: { origin: SITE } });
    expect(res.status).toBe(200);
    expect(res.body.settings).toMatchObject({
      greeting: 'Hello there',
      colors: { primary: '#112233' },
      identityVerification: true,
    });
    expect(JSON.stringify(res.body)).not.toContain('a-very-long-identity-secret');
  });

  it('a visitor message opens a ticket that agents see live', async () => {
    const agents = recordEvents(await t.socket(admin));
    const v = await visitor(t, accountId, { name: 'Vera' }, sockets);
    const ack = await say(v, 'Do you ship to Norway?');
    const created = await waitFor(
      () => agents.find((e) => e.name === 'ticket.created' && e.payload.ticket.id === ack.ticketId),
      5000,
      'ticket.created',
    );
    expect(created.payload.ticket).toMatchObject({ channel: 'web_chat', subject: 'Do you ship to Norway?' });
    expect(ack.message).toMatchObject({ direction: 'in', text: 'Do you ship to Norway?' });
    const timeline = await t.request('GET', `/api/tickets/${ack.ticketId}/messages`, { token: admin });
    expect(JSON.stringify(timeline.body)).toContain('Do you ship to Norway?');
  });

  it("an agent's reply reaches the visitor's socket with the agent's name and is marked sent", async () => {
    const v = await visitor(t, accountId, {}, sockets);
    const { ticketId } = await say(v, 'Where is my order?');
    const reply = await t.request('POST', `/api/tickets/${ticketId}/messages`, {
      token: admin,
      body: { kind: 'reply', body: 'It left the warehouse today.' },
    });
    expect(reply.status).toBe(201);
    const got = await waitFor(
      () => v.events.find((e) => e.name === 'message' && e.payload.message.id === reply.body.id),
      5000,
      'reply on the visitor socket',
    );
    const me = await t.request('GET', '/api/auth/me', { token: admin });
    expect(got.payload.message).toMatchObject({ direction: 'out', text: 'It left the warehouse today.' });
    if (me.status === 200) expect(got.payload.message.authorName).toBe(me.body.name ?? me.body.user?.name);
    else expect(got.payload.message.authorName).toEqual(expect.any(String));
    await waitFor(
      async () =>
        (
          await t.db.one<{ delivery_state: string }>(`SELECT delivery_state FROM messages WHERE id = $1`, [
            reply.body.id,
          ])
        )?.delivery_state === 'sent',
      5000,
      'sent',
    );
    // An internal note never reaches the visitor.
    const note = await t.request('POST', `/api/tickets/${ticketId}/messages`, {
      token: admin,
      body: { kind: 'note', body: 'VIP customer' },
    });
    expect(note.status).toBe(201);
    await new Promise((r) => setTimeout(r, 400));
    expect(JSON.stringify(v.events)).not.toContain('VIP customer');
  });

  it('typing indicators and read receipts flow both ways', async () => {
    const v = await visitor(t, accountId, { name: 'Tina' }, sockets);
    const { ticketId } = await say(v, 'Hello?');
    const agentSocket = await t.socket(admin);
    const agents = recordEvents(agentSocket);
    expect(await agentSocket.emitWithAck('ticket.view', { ticketId })).toEqual({ ok: true });
    await waitFor(
      () => v.events.find((e) => e.name === 'read' && e.payload.by === 'agent'),
      5000,
      'agent read receipt',
    );
    agentSocket.emit('typing', { ticketId, kind: 'reply', active: true });
    const typing = await waitFor(
      () => v.events.find((e) => e.name === 'typing' && e.payload.active),
      5000,
      'agent typing at the visitor',
    );
    expect(typing.payload).toMatchObject({ ticketId, active: true });
    agentSocket.emit('typing', { ticketId, kind: 'note', active: true });
    expect((await v.emit('typing', { ticketId, active: true })).ok).toBe(true);
    const visitorTyping = await waitFor(
      () => agents.find((e) => e.name === 'typing' && e.payload.visitor),
      5000,
      'visitor typing at the agent',
    );
    expect(visitorTyping.payload).toMatchObject({ ticketId, name: 'Tina', active: true });
    await new Promise((r) => setTimeout(r, 200));
    expect(v.events.filter((e) => e.name === 'typing')).toHaveLength(1);
    expect((await v.emit('read', { ticketId })).ok).toBe(true);
    await waitFor(
      () => agents.find((e) => e.name === 'visitor.read' && e.payload.ticketId === ticketId),
      5000,
      'visitor read receipt',
    );
  });

  it('a reload (new socket, same token) gets the conversation history back', async () => {
    const v = await visitor(t, accountId, {}, sockets);
    const { ticketId } = await say(v, 'First question');
    const reply = await t.request('POST', `/api/tickets/${ticketId}/messages`, {
      token: admin,
      body: { kind: 'reply', body: 'First answer' },
    });
    await waitFor(
      () => v.events.find((e) => e.name === 'message' && e.payload.message.id === reply.body.id),
      5000,
      'reply',
    );
    v.socket.close();
    const again = await connectWidget(t, accountId, v.token);
    sockets.push(again);
    const loaded = await again.emitWithAck('conversation.load', {});
    expect(loaded.ok).toBe(true);
    expect(loaded.current.ticketId).toBe(ticketId);
    expect(loaded.messages.map((m: any) => m.text)).toEqual(['First question', 'First answer']);
  });

  it('files within the limit are stored and served safely; larger ones are refused', async () => {
    const v = await visitor(t, accountId, {}, sockets);
    const upload = (body: Record<string, unknown>) =>
      t.request('POST', `/api/widget/${accountId}/attachments`, {
        raw: JSON.stringify({ token: v.token, ...body }),
        headers: { origin: SITE, 'content-type': 'text/plain' },
      });
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const image = await upload({
      filename: '../../etc/passwd.png',
      contentType: 'image/png',
      data: png.toString('base64'),
    });
    expect(image.status).toBe(201);
    expect(image.body.filename).toBe('passwd.png');
    const html = await upload({
      filename: 'evil.html',
      contentType: 'text/html',
      data: Buffer.from('<script>alert(1)</script>').toString('base64'),
    });
    const tooBig = await upload({ filename: 'big.bin', data: Buffer.alloc(800 * 1024).toString('base64') });
    expect(tooBig.status).toBe(413);

    const ack = await v.emit('message.send', {
      text: 'see attached',
      clientId: clientId(),
      attachmentIds: [image.body.id, html.body.id],
    });
    expect(ack.ok).toBe(true);
    expect(ack.message.attachments.map((a: any) => a.filename)).toEqual(['passwd.png', 'evil.html']);
    const img = await fetch(t.url + image.body.url);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/png');
    expect(img.headers.get('x-content-type-options')).toBe('nosniff');
    const page = await fetch(t.url + html.body.url);
    expect(page.headers.get('content-type')).toBe('application/octet-stream');
    expect(page.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(page.headers.get('content-security-policy')).toContain('sandbox');
    expect((await fetch(`${t.url}/api/widget/attachments/${image.body.id}/not-the-key`)).status).toBe(404);
  });

  it('an agent who solves the chat while the first message is still being stored: the visitor learns it is solved', async () => {
    const v = await visitor(t, accountId, {}, sockets);
    // The agent's Solve lands in the instant after the message is stored and before the rest of
    // the send is done, as it can on a busy node when the agent is quick.
    const store = t.app.get<WebChatStore>(WEB_CHAT_STORE);
    const claim = store.claimConversation.bind(store);
    store.claimConversation = async (who, ticketId) => {
      store.claimConversation = claim;
      const solved = await t.request('PATCH', `/api/tickets/${ticketId}`, {
        token: admin,
        body: { status: 'solved' },
      });
      expect(solved.status).toBe(200);
      return claim(who, ticketId);
    };
    const ack = (await say(v, 'Is the shop open on Sunday?')) as { status?: string; seq?: number };
    // Whatever the visitor heard last, by the ticket's seq, says solved: the widget asks for CSAT.
    const heard = [
      { status: ack.status, seq: ack.seq ?? -1 },
      ...v.events
        .filter((e) => e.name === 'conversation.status')
        .map((e) => ({ status: e.payload.status, seq: e.payload.seq ?? -1 })),
    ].sort((a, b) => b.seq - a.seq);
    expect(heard[0]).toMatchObject({ status: 'solved' });
  });

  it('solving the ticket asks for CSAT; the answer is stored on the ticket and on its timeline', async () => {
    const v = await visitor(t, accountId, {}, sockets);
    const { ticketId } = await say(v, 'Thanks for the help');
    expect((await v.emit('csat', { ticketId, score: 5 })).ok).toBe(false);
    const solved = await t.request('PATCH', `/api/tickets/${ticketId}`, {
      token: admin,
      body: { status: 'solved' },
    });
    expect(solved.status).toBe(200);
    await waitFor(
      () => v.events.find((e) => e.name === 'conversation.status' && e.payload.status === 'solved'),
      5000,
      'solved status at the visitor',
    );
    expect((await v.emit('csat', { ticketId, score: 9 })).ok).toBe(false);
    const agents = recordEvents(await t.socket(admin));
    const seqBefore = (await t.request('GET', `/api/tickets/${ticketId}`, { token: admin })).body.seq;
    expect(await v.emit('csat', { ticketId, score: 4, comment: 'Quick and kind' })).toEqual({ ok: true });
    // Agents hear of it through the committed outbox, like any other change to the ticket.
    await waitFor(
      () =>
        agents.find(
          (e) => e.name === 'ticket.updated' && e.payload.ticketId === ticketId && e.payload.seq > seqBefore,
        ),
      5000,
      'ticket.updated after the survey answer',
    );
    const row = await t.db.one<{ score: number; comment: string }>(
      `SELECT score, comment FROM survey_responses WHERE ticket_id = $1`,
      [ticketId],
    );
    expect(row).toEqual({ score: 4, comment: 'Quick and kind' });
    const event = await t.db.one<{ data: any }>(
      `SELECT data FROM ticket_events WHERE ticket_id = $1 AND type = 'survey'`,
      [ticketId],
    );
    expect(event!.data).toMatchObject({ kind: 'csat', score: 4, comment: 'Quick and kind' });
    const timeline = await t.request('GET', `/api/tickets/${ticketId}/messages`, { token: admin });
    expect(timeline.body.items).toContainEqual(
      expect.objectContaining({
        entry: 'event',
        type: 'survey',
        data: expect.objectContaining({ score: 4, comment: 'Quick and kind' }),
      }),
    );
  });
});
