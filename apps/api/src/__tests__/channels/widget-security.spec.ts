import type { Socket } from 'socket.io-client';
import { userHash } from '@switchboard/channel-chat';
import { startTestApp, type TestApp } from '../../test-support/test-app.js';
import {
  clientId,
  connectWidget,
  createChatAccount,
  SITE,
  startSession,
  visitor,
} from '../../test-support/widget-test-helpers.js';

describe('web chat widget: visitors see only their own conversations', () => {
  let t: TestApp;
  let accountId: string;
  const secret = 'host-site-identity-secret-0123456789';
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    accountId = await createChatAccount(t, { identitySecret: secret });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  it("a second visitor cannot read the first one's conversation by token or by guessing ids", async () => {
    const alice = await visitor(t, accountId, {}, sockets);
    const first = await alice.emit('message.send', {
      text: 'my card number ends 4242',
      clientId: clientId(),
    });
    expect(first.ok).toBe(true);
    const mallory = await visitor(t, accountId, {}, sockets);
    expect(mallory.token).not.toBe(alice.token);
    expect(await mallory.emit('conversation.load', { ticketId: first.ticketId })).toEqual({
      ok: false,
      error: 'not found',
    });
    const own = await mallory.emit('conversation.load', {});
    expect(own.conversations).toEqual([]);
    expect(own.messages).toEqual([]);
    for (const event of ['typing', 'read', 'csat', 'transcript'])
      expect((await mallory.emit(event, { ticketId: first.ticketId, score: 5, active: true })).ok).toBe(
        false,
      );
    // A message naming someone else's ticket starts the sender's own conversation instead.
    const sneaky = await mallory.emit('message.send', {
      text: 'let me in',
      clientId: clientId(),
      ticketId: first.ticketId,
    });
    expect(sneaky.ok).toBe(true);
    expect(sneaky.ticketId).not.toBe(first.ticketId);
    const aliceHistory = await alice.emit('conversation.load', {});
    expect(aliceHistory.messages.map((m: any) => m.text)).toEqual(['my card number ends 4242']);
    expect(JSON.stringify(mallory.events)).not.toContain('4242');
    // A made-up or altered token is refused at the handshake.
    await expect(connectWidget(t, accountId, alice.token.slice(0, -2) + 'xx')).rejects.toThrow(
      /unauthorized/,
    );
    await expect(connectWidget(t, accountId, 'wvt_guess')).rejects.toThrow(/unauthorized/);
    // The same client id from another visitor is another message, not a replay of Alice's.
    expect((await mallory.emit('message.send', { text: 'x', clientId: 'same-id' })).ok).toBe(true);
  });

  it('a wrong identity HMAC is refused; a correct one links both browsers of that user', async () => {
    const wrong = await startSession(t, accountId, {
      userId: 'user-17',
      userHash: userHash(secret, 'user-18'),
    });
    expect(wrong.status).toBe(401);
    const missing = await startSession(t, accountId, { userId: 'user-17' });
    expect(missing.status).toBe(401);
    const laptop = await visitor(
      t,
      accountId,
      { userId: 'user-17', userHash: userHash(secret, 'user-17') },
      sockets,
    );
    const sent = await laptop.emit('message.send', { text: 'from my laptop', clientId: clientId() });
    const phone = await visitor(
      t,
      accountId,
      { userId: 'user-17', userHash: userHash(secret, 'user-17').toUpperCase() },
      sockets,
    );
    const loaded = await phone.emit('conversation.load', {});
    expect(loaded.current.ticketId).toBe(sent.ticketId);
    expect(loaded.visitor.verified).toBe(true);
    // The verified user's token is not honoured once the host page stops vouching for them.
    const anonymous = await startSession(t, accountId, { token: laptop.token });
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.token).not.toBe(laptop.token);
    expect(anonymous.body.visitor.verified).toBe(false);
  });

  it("an email typed into the pre-chat form never grants that contact's earlier conversations", async () => {
    const owner = await visitor(t, accountId, { email: 'ceo@bigcorp.example', name: 'CEO' }, sockets);
    const secretTicket = await owner.emit('message.send', { text: 'merger plans', clientId: clientId() });
    expect(secretTicket.ok).toBe(true);
    const impostor = await visitor(t, accountId, { email: 'ceo@bigcorp.example', name: 'CEO' }, sockets);
    const loaded = await impostor.emit('conversation.load', {});
    expect(loaded.conversations).toEqual([]);
    expect(await impostor.emit('contact.update', { email: 'CEO@bigcorp.example' })).toMatchObject({
      ok: true,
    });
    const mine = await impostor.emit('message.send', { text: 'hello', clientId: clientId() });
    expect(mine.ticketId).not.toBe(secretTicket.ticketId);
    expect((await impostor.emit('conversation.load', {})).messages.map((m: any) => m.text)).toEqual([
      'hello',
    ]);
  });

  it('a page on an origin that is not allowed is refused over HTTP and at the socket handshake', async () => {
    const evil = 'https://evil.example';
    const session = await startSession(t, accountId, {}, evil);
    expect(session.status).toBe(403);
    const settings = await t.request('GET', `/api/widget/${accountId}/settings`, {
      headers: { origin: evil },
    });
    expect(settings.status).toBe(403);
    const ok = await startSession(t, accountId, {});
    expect(ok.status).toBe(200);
    await expect(connectWidget(t, accountId, ok.body.token, evil)).rejects.toThrow(/forbidden/);
    const preflight = await t.request('OPTIONS', `/api/widget/${accountId}/session`, {
      headers: { origin: SITE, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
  });

  it('rate limits per visitor, and message size limits', async () => {
    const chatty = await visitor(t, accountId, {}, sockets);
    const acks = [];
    for (let i = 0; i < 14; i++)
      acks.push(await chatty.emit('message.send', { text: `spam ${i}`, clientId: clientId() }));
    const limited = acks.filter((a) => !a.ok);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0].error).toMatch(/^rate_limited/);
    const other = await visitor(t, accountId, {}, sockets);
    expect(
      (await other.emit('message.send', { text: 'x'.repeat(4001), clientId: clientId() })).error,
    ).toMatch(/^message_too_long/);
    expect((await other.emit('message.send', { text: 'a normal question', clientId: clientId() })).ok).toBe(
      true,
    );
  });

  it('a visitor still connected when the chat is switched off is told so at once, not left waiting', async () => {
    const closing = await createChatAccount(t);
    const late = await visitor(t, closing, {}, sockets);
    const off = await t.request('PATCH', `/api/admin/channel-accounts/${closing}`, {
      token: await t.adminToken(),
      body: { active: false },
    });
    expect(off.status).toBe(200);
    const ack = await late.emit('message.send', { text: 'anyone there?', clientId: clientId() });
    expect(ack).toEqual({ ok: false, status: 404, error: 'channel account not found' });
  });
});

describe('web chat widget: rate limits per IP', () => {
  let t: TestApp;
  const saved = { ...process.env };

  beforeAll(async () => {
    process.env.WIDGET_IP_SESSIONS_PER_MINUTE = '5';
    process.env.WIDGET_IP_SESSION_BURST = '5';
    t = await startTestApp();
  });
  afterAll(async () => {
    process.env = saved;
    await t.close();
  });

  it('too many new sessions from one address get 429', async () => {
    const accountId = await createChatAccount(t);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await startSession(t, accountId, {})).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses).toContain(429);
  });
});
