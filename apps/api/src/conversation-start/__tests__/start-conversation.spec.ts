import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeTelegram, FakeTwilio } from '@switchboard/test-support-providers';
import { CallbackReceiver } from '../../test-support/callback-receiver.js';
import { startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';

const PUBLIC_URL = 'https://helpdesk.example.com';
const TEMPLATE = { contentSid: `HX${'ab'.repeat(16)}`, name: 'Order follow-up', variables: ['1'] };

describe('agents start conversations on messaging channels', () => {
  let t: TestApp;
  let twilio: FakeTwilio;
  let telegram: FakeTelegram;
  let callbacks: CallbackReceiver;
  let admin: string;
  let teamId: string;
  let agent: { id: string; token: string };
  let outsider: { id: string; token: string };
  let sms: { id: string };
  let whatsapp: { id: string };
  let bot: { id: string };
  let api: { id: string; apiKey: string };

  async function createAccount(kind: string, config: Record<string, unknown>) {
    const res = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: { kind, name: `${kind} ${randomBytes(3).toString('hex')}`, teamId, config },
    });
    if (res.status !== 201) throw new Error(`create ${kind}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  const start = (body: Record<string, unknown>, token = agent.token, headers: Record<string, string> = {}) =>
    t.request('POST', '/api/tickets', { token, body, headers });

  const deliveryOf = (messageId: string, state: string) =>
    waitFor(
      () =>
        t.db.one<{ delivery_state: string; delivery_error: string | null }>(
          `SELECT delivery_state, delivery_error FROM messages WHERE id = $1 AND delivery_state = $2`,
          [messageId, state],
        ),
      10_000,
      `message ${messageId} to be ${state}`,
    );

  beforeAll(async () => {
    twilio = new FakeTwilio();
    await twilio.start();
    telegram = new FakeTelegram();
    await telegram.start();
    callbacks = await new CallbackReceiver().start();
    t = await startTestApp({ dataDir: await mkdtemp(join(tmpdir(), 'sb-start-')) });
    admin = await t.adminToken();
    teamId = await t.createTeam('Outreach');
    const otherTeam = await t.createTeam('Elsewhere');
    agent = await t.createUser({ email: 'ana@test.local', teamIds: [teamId] });
    outsider = await t.createUser({ email: 'olaf@test.local', teamIds: [otherTeam] });
    const twilioConfig = {
      accountSid: twilio.accountSid,
      authToken: twilio.authToken,
      apiBaseUrl: twilio.url,
      publicUrl: PUBLIC_URL,
    };
    sms = await createAccount('twilio_sms', { ...twilioConfig, from: '+15005550006' });
    whatsapp = await createAccount('twilio_whatsapp', {
      ...twilioConfig,
      from: '+14155238886',
      templates: [TEMPLATE],
    });
    bot = await createAccount('telegram', {
      botToken: telegram.botToken,
      apiBaseUrl: telegram.url,
      publicUrl: PUBLIC_URL,
    });
    api = await t.createApiAccount({ teamId, callbackUrl: callbacks.url });
  });

  afterAll(async () => {
    await t?.close();
    await twilio?.close();
    await telegram?.close();
    await callbacks?.stop();
  });

  it('an SMS to a new number opens a ticket for a new contact and reaches Twilio', async () => {
    const res = await start({
      to: { kind: 'phone', address: '+1 415 555 0142' },
      channelAccountId: sms.id,
      body: 'Your replacement part has shipped.',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ replayed: false });
    const sent = await waitFor(
      () => twilio.sent.find((m) => m.to === '+14155550142'),
      10_000,
      'the SMS at Twilio',
    );
    expect(sent).toMatchObject({ from: '+15005550006', body: 'Your replacement part has shipped.' });
    await deliveryOf(res.body.messageId, 'sent');

    const ticket = await t.request('GET', `/api/tickets/${res.body.ticketId}`, { token: agent.token });
    expect(ticket.status).toBe(200);
    expect(ticket.body).toMatchObject({
      status: 'pending',
      channel: 'twilio_sms',
      assigneeId: agent.id,
      teamId,
    });
    expect(ticket.body.contact.identities).toEqual([
      expect.objectContaining({ kind: 'phone', address: '+14155550142' }),
    ]);
  });

  it('a retried request with the same Idempotency-Key opens one ticket and sends once', async () => {
    const key = randomUUID();
    const body = {
      to: { kind: 'phone', address: '+14155550143' },
      channelAccountId: sms.id,
      body: 'Once only',
    };
    const [a, b] = await Promise.all([
      start(body, agent.token, { 'idempotency-key': key }),
      start(body, agent.token, { 'idempotency-key': key }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 201]);
    expect(a.body.ticketId).toBe(b.body.ticketId);
    expect([a.body.replayed, b.body.replayed].sort()).toEqual([false, true]);
    const again = await start(body, agent.token, { 'idempotency-key': key });
    expect(again.body).toMatchObject({ ticketId: a.body.ticketId, replayed: true });
    await deliveryOf(a.body.messageId, 'sent');
    expect(twilio.sent.filter((m) => m.to === '+14155550143')).toHaveLength(1);
    const tickets = await t.db.query(
      `SELECT t.id FROM tickets t JOIN contact_identities i ON i.contact_id = t.contact_id WHERE i.address = '+14155550143'`,
    );
    expect(tickets).toHaveLength(1);
  });

  it('a WhatsApp start outside the 24-hour window sends the approved template, and without one is refused', async () => {
    const to = { kind: 'phone', address: '+14155550144' };
    const refused = await start({ to, channelAccountId: whatsapp.id, body: 'Hi there' });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/^template: .*approved template/);

    const res = await start({
      to,
      channelAccountId: whatsapp.id,
      body: 'Your order 1234 is ready',
      template: { contentSid: TEMPLATE.contentSid, variables: { '1': '1234' } },
    });
    expect(res.status).toBe(201);
    const sent = await waitFor(
      () => twilio.sent.find((m) => m.to === 'whatsapp:+14155550144'),
      10_000,
      'the WhatsApp template at Twilio',
    );
    expect(sent).toMatchObject({ contentSid: TEMPLATE.contentSid, body: null });
    expect(JSON.parse(sent.contentVariables!)).toEqual({ '1': '1234' });

    const unknownTemplate = await start({
      to,
      channelAccountId: whatsapp.id,
      body: 'x',
      template: { contentSid: `HX${'cd'.repeat(16)}` },
    });
    expect(unknownTemplate.status).toBe(400);
    expect(unknownTemplate.body.message).toMatch(/^template.contentSid:/);
  });

  it('Telegram to a user who never wrote to the bot is a 400 that says why', async () => {
    const res = await start({
      to: { kind: 'telegram', address: '987654321' },
      channelAccountId: bot.id,
      body: 'Hello',
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/telegram can only write to people who have written to ".*" before/);
    expect(telegram.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(0);
  });

  it('the API channel starts with a handle that wrote before, through its callback', async () => {
    const first = await t.inbound(api, {
      externalId: 'ext-1',
      from: { handle: 'user-77', name: 'Uma' },
      text: 'hi',
    });
    expect(first.status).toBe(200);
    const res = await start({
      to: { kind: 'api', address: 'user-77' },
      channelAccountId: api.id,
      body: 'A new topic',
    });
    expect(res.status).toBe(201);
    expect(res.body.ticketId).not.toBe(first.body.ticketId);
    const got = await waitFor(
      () => callbacks.received.find((c) => c.json.ticketId === res.body.ticketId),
      10_000,
      'the callback',
    );
    expect(got.json).toMatchObject({ to: { handle: 'user-77' }, text: 'A new topic' });
  });

  it('an agent of another team cannot use the account (404), and wrong input names the field', async () => {
    const hidden = await start(
      { to: { kind: 'phone', address: '+14155550145' }, channelAccountId: sms.id, body: 'x' },
      outsider.token,
    );
    expect(hidden.status).toBe(404);
    const wrongKind = await start({
      to: { kind: 'email', address: 'a@b.test' },
      channelAccountId: sms.id,
      body: 'x',
    });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.message).toMatch(/^to.kind: /);
    const badPhone = await start({
      to: { kind: 'phone', address: 'call me' },
      channelAccountId: sms.id,
      body: 'x',
    });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.message).toMatch(/^to.address: /);
    const copies = await start({
      to: { kind: 'phone', address: '+14155550146' },
      channelAccountId: sms.id,
      body: 'x',
      cc: ['boss@customer.test'],
    });
    expect(copies.status).toBe(400);
    expect(copies.body.message).toMatch(/^cc: copies can be sent by email only/);
    const listed = await t.request('GET', '/api/conversations/accounts', { token: outsider.token });
    expect(listed.body.items.map((a: { id: string }) => a.id)).not.toContain(sms.id);
  });

  it('followers are notified of changes made by others, and can unfollow', async () => {
    const colleague = await t.createUser({ email: 'cleo@test.local', teamIds: [teamId] });
    const started = await start({
      to: { kind: 'phone', address: '+14155550147' },
      channelAccountId: sms.id,
      body: 'Hello',
    });
    const id = started.body.ticketId;
    const follow = await t.request('POST', `/api/tickets/${id}/followers`, { token: colleague.token });
    expect(follow.status).toBe(200);
    expect(follow.body).toMatchObject({ following: true, items: [{ userId: colleague.id, name: 'cleo' }] });
    expect((await t.request('POST', `/api/tickets/${id}/followers`, { token: outsider.token })).status).toBe(
      404,
    );

    const patched = await t.request('PATCH', `/api/tickets/${id}`, {
      token: agent.token,
      body: { status: 'solved' },
    });
    expect(patched.status).toBe(200);
    const note = await waitFor(
      async () => {
        const list = await t.request('GET', '/api/notifications', { token: colleague.token });
        return list.body.items.find(
          (n: { kind: string; text: string }) =>
            n.kind === 'followed_ticket' && /status changed/.test(n.text),
        );
      },
      20_000,
      'the follower notification',
    );
    expect(note.text).toMatch(/^#\d+ Hello: status changed to solved by ana$/);
    // The agent who made the change is not told of it.
    const own = await t.request('GET', '/api/notifications', { token: agent.token });
    expect(own.body.items.filter((n: { kind: string }) => n.kind === 'followed_ticket')).toHaveLength(0);

    const unfollow = await t.request('DELETE', `/api/tickets/${id}/followers`, { token: colleague.token });
    expect(unfollow.body).toEqual({ following: false, items: [] });
  });
});
