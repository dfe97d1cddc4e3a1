import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeTwilio, signTwilioRequest, twilioInboundParams } from '@switchboard/test-support-providers';
import { startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';
import { waitForDeliveryState } from '../../test-support/outbound-messages.js';

const PUBLIC_URL = 'https://helpdesk.example.com';
const contentSid = () => 'HX' + randomBytes(16).toString('hex');

/**
 * Replies to a chosen identity of the contact, approved WhatsApp templates outside
 * the 24-hour window, and Twilio status callbacks that overtake the answer to our send.
 */
describe('reply routing, WhatsApp templates and early status callbacks', () => {
  let t: TestApp;
  let fake: FakeTwilio;
  let admin: string;
  let sms: { id: string };
  let whatsapp: { id: string };
  let api: { id: string; apiKey: string; signingSecret: string };
  const orderUpdate = { contentSid: contentSid(), name: 'order_update', variables: ['1', '2'] };
  const hello = { contentSid: contentSid(), name: 'hello_again', variables: [] as string[] };

  async function createAccount(kind: string, config: Record<string, unknown>) {
    const res = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: { kind, name: `${kind} ${randomBytes(3).toString('hex')}`, config },
    });
    if (res.status !== 201) throw new Error(`create ${kind}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  const baseConfig = () => ({
    accountSid: fake.accountSid,
    authToken: fake.authToken,
    apiBaseUrl: fake.url,
    publicUrl: PUBLIC_URL,
  });

  function postWebhook(accountId: string, params: Record<string, string>) {
    const path = `/api/webhooks/twilio/${accountId}`;
    const signature = signTwilioRequest(fake.authToken, PUBLIC_URL + path, params);
    return t.request('POST', path, {
      raw: new URLSearchParams(params).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    });
  }

  async function inbound(accountId: string, from: string, to: string, body: string): Promise<string> {
    const params = twilioInboundParams({ accountSid: fake.accountSid, from, to, body });
    expect((await postWebhook(accountId, params)).status).toBe(200);
    const row = await t.db.one<{ ticket_id: string }>(
      `SELECT ticket_id FROM messages WHERE external_id = $1`,
      [params.MessageSid],
    );
    return row!.ticket_id;
  }

  function statusCallback(accountId: string, messageSid: string, status: string) {
    return postWebhook(accountId, {
      AccountSid: fake.accountSid,
      ApiVersion: '2010-04-01',
      From: '+15005550006',
      To: '+14155550100',
      MessageSid: messageSid,
      SmsSid: messageSid,
      MessageStatus: status,
      SmsStatus: status,
    });
  }

  const post = (ticketId: string, body: Record<string, unknown>) =>
    t.request('POST', `/api/tickets/${ticketId}/messages`, { token: admin, body });
  const detail = async (ticketId: string) =>
    (await t.request('GET', `/api/tickets/${ticketId}`, { token: admin })).body;

  const waitState = (id: string, state: string, timeout?: number) =>
    waitForDeliveryState(t, id, state, timeout);

  /** A ticket opened through the API channel whose contact also has `extra` identities. */
  async function apiTicketWith(extra: Array<{ kind: string; address: string }>) {
    const handle = `cust-${randomBytes(4).toString('hex')}@example.com`;
    const res = await t.inbound(api, {
      externalId: `in-${handle}`,
      from: { handle, name: 'Ada' },
      text: 'Where is my parcel?',
    });
    expect(res.status).toBeLessThan(300);
    const ticketId: string = res.body.ticketId;
    const contact = await t.db.one<{ contact_id: string }>(`SELECT contact_id FROM tickets WHERE id = $1`, [
      ticketId,
    ]);
    const ids: Record<string, string> = {};
    for (const identity of extra) {
      const [row] = await t.db.query<{ id: string }>(
        `INSERT INTO contact_identities (contact_id, kind, address) VALUES ($1, $2, $3) RETURNING id`,
        [contact!.contact_id, identity.kind, identity.address],
      );
      ids[identity.kind] = row.id;
    }
    return { ticketId, contactId: contact!.contact_id, ids };
  }

  beforeAll(async () => {
    fake = new FakeTwilio();
    await fake.start();
    t = await startTestApp({ dataDir: await mkdtemp(join(tmpdir(), 'sb-routing-')) });
    admin = await t.adminToken();
    sms = await createAccount('twilio_sms', { ...baseConfig(), from: '+15005550006' });
    whatsapp = await createAccount('twilio_whatsapp', {
      ...baseConfig(),
      from: '+14155238886',
      templates: [orderUpdate, hello],
    });
    api = await t.createApiAccount({ callbackUrl: 'http://127.0.0.1:9/unused' });
  });

  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  describe('choosing among the contact’s channels', () => {
    it('the ticket detail lists every identity with canReply and the account a reply would use', async () => {
      const { ticketId, ids } = await apiTicketWith([
        { kind: 'phone', address: '+14155550200' },
        { kind: 'telegram', address: '99887766' },
      ]);
      const ticket = await detail(ticketId);
      const byKind = Object.fromEntries(ticket.contact.identities.map((i: { kind: string }) => [i.kind, i]));
      expect(byKind.api).toMatchObject({ canReply: true, replyAccount: { id: api.id, kind: 'api' } });
      // A phone number can be reached by any SMS account; a Telegram id only through a bot it wrote to.
      expect(byKind.phone).toMatchObject({
        id: ids.phone,
        canReply: true,
        replyAccount: { id: sms.id, kind: 'twilio_sms' },
        optedOut: false,
      });
      expect(byKind.telegram).toMatchObject({ id: ids.telegram, canReply: false, replyAccount: null });
      expect(ticket.reply.defaultIdentityId).toBe(byKind.api.id);
      // The existing ticket fields are still there.
      expect(ticket).toMatchObject({
        id: ticketId,
        channel: 'api',
        channelAccountId: api.id,
        contact: { name: 'Ada' },
      });
    });

    it('a reply to the chosen phone identity goes out by SMS and the message records the account and identity', async () => {
      const { ticketId, ids } = await apiTicketWith([{ kind: 'phone', address: '+14155550201' }]);
      const res = await post(ticketId, {
        kind: 'reply',
        body: 'Texting you the tracking link',
        identityId: ids.phone,
      });
      expect(res.status).toBe(201);
      expect(res.body.channel).toBe('twilio_sms');
      const sent = await waitFor(
        () => fake.sent.find((m) => m.body === 'Texting you the tracking link'),
        15_000,
        'the SMS at Twilio',
      );
      expect(sent).toMatchObject({ to: '+14155550201', from: '+15005550006' });
      const stored = await waitState(res.body.id, 'sent');
      expect(stored).toMatchObject({
        channel: 'twilio_sms',
        channel_account_id: sms.id,
        identity_id: ids.phone,
        external_id: sent.sid,
      });
    });

    it('{ kind, body } still replies on the ticket’s channel to where the customer last wrote', async () => {
      const phone = '+14155550202';
      const ticketId = await inbound(sms.id, phone, '+15005550006', 'plain reply please');
      const res = await post(ticketId, { kind: 'reply', body: 'Plain reply' });
      expect(res.status).toBe(201);
      const sent = await waitFor(() => fake.sent.find((m) => m.body === 'Plain reply'), 15_000, 'send');
      expect(sent.to).toBe(phone);
      expect((await waitState(res.body.id, 'sent')).channel_account_id).toBe(sms.id);
    });

    it('a WhatsApp ticket replies on WhatsApp to the chosen phone identity (the ticket’s account first)', async () => {
      const ticketId = await inbound(
        whatsapp.id,
        'whatsapp:+14155550203',
        'whatsapp:+14155238886',
        'hi on WhatsApp',
      );
      const ticket = await detail(ticketId);
      const [phone] = ticket.contact.identities;
      expect(phone.replyAccount).toMatchObject({ id: whatsapp.id, kind: 'twilio_whatsapp' });
      expect(Date.parse(phone.replyAccount.freeFormUntil)).toBeGreaterThan(Date.now());
      const res = await post(ticketId, { kind: 'reply', body: 'Answer on WhatsApp', identityId: phone.id });
      expect(res.status).toBe(201);
      const sent = await waitFor(
        () => fake.sent.find((m) => m.body === 'Answer on WhatsApp'),
        15_000,
        'send',
      );
      expect(sent.to).toBe('whatsapp:+14155550203');
    });

    it('400 naming identityId when the identity is another contact’s or no account can reach it', async () => {
      const mine = await apiTicketWith([{ kind: 'telegram', address: '11223344' }]);
      const other = await apiTicketWith([{ kind: 'phone', address: '+14155550204' }]);
      const before = fake.sent.length;
      const foreign = await post(mine.ticketId, {
        kind: 'reply',
        body: 'not yours',
        identityId: other.ids.phone,
      });
      expect(foreign.status).toBe(400);
      expect(foreign.body.message).toMatch(/^identityId: /);
      const unreachable = await post(mine.ticketId, {
        kind: 'reply',
        body: 'no bot',
        identityId: mine.ids.telegram,
      });
      expect(unreachable.status).toBe(400);
      expect(unreachable.body.message).toMatch(/^identityId: no active channel account can reach/);
      const note = await post(mine.ticketId, { kind: 'note', body: 'a note', identityId: mine.ids.telegram });
      expect(note.status).toBe(400);
      const malformed = await post(mine.ticketId, { kind: 'reply', body: 'x', identityId: 'nope' });
      expect(malformed.status).toBe(400);
      expect(JSON.stringify(malformed.body)).toContain('identityId');
      // Nothing was stored or sent for the refused replies.
      const rows = await t.db.query(`SELECT id FROM messages WHERE ticket_id = $1 AND direction = 'out'`, [
        mine.ticketId,
      ]);
      expect(rows).toHaveLength(0);
      expect(fake.sent.length).toBe(before);
    });
  });

  describe('WhatsApp approved templates', () => {
    async function staleWhatsAppTicket(phone: string) {
      const ticketId = await inbound(
        whatsapp.id,
        `whatsapp:${phone}`,
        'whatsapp:+14155238886',
        'old question',
      );
      await t.db.query(`UPDATE messages SET created_at = now() - interval '25 hours' WHERE ticket_id = $1`, [
        ticketId,
      ]);
      return ticketId;
    }

    it('admins list templates on the account; a list Twilio could not use is refused, naming the field', async () => {
      const bad = await t.request('POST', '/api/admin/channel-accounts', {
        token: admin,
        body: {
          kind: 'twilio_whatsapp',
          name: 'Bad templates',
          config: { ...baseConfig(), from: '+14155238886', templates: [{ contentSid: 'HXnope', name: 'x' }] },
        },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toContain('config.templates[0].contentSid');
      const onSms = await t.request('POST', '/api/admin/channel-accounts', {
        token: admin,
        body: {
          kind: 'twilio_sms',
          name: 'SMS templates',
          config: { ...baseConfig(), from: '+15005550006', templates: [orderUpdate] },
        },
      });
      expect(onSms.status).toBe(400);
    });

    it('agents see the templates and that the window is closed; a template reply goes out with ContentSid and ContentVariables', async () => {
      const ticketId = await staleWhatsAppTicket('+14155550210');
      const [phone] = (await detail(ticketId)).contact.identities;
      expect(phone.replyAccount.freeFormUntil).toBeNull();
      expect(phone.replyAccount.templates).toEqual([orderUpdate, hello]);

      const res = await post(ticketId, {
        kind: 'reply',
        body: 'order_update: 1=Ada, 2=tomorrow',
        template: { contentSid: orderUpdate.contentSid, variables: { '1': 'Ada', '2': 'tomorrow' } },
      });
      expect(res.status).toBe(201);
      const sent = await waitFor(
        () => fake.sent.find((m) => m.contentSid === orderUpdate.contentSid),
        15_000,
        'the template at Twilio',
      );
      expect(sent).toMatchObject({ to: 'whatsapp:+14155550210', from: 'whatsapp:+14155238886', body: null });
      expect(JSON.parse(sent.contentVariables!)).toEqual({ '1': 'Ada', '2': 'tomorrow' });
      const stored = await waitState(res.body.id, 'sent');
      expect(stored.meta.template).toEqual({
        contentSid: orderUpdate.contentSid,
        name: 'order_update',
        variables: { '1': 'Ada', '2': 'tomorrow' },
      });
    });

    it('a free-form reply outside the window fails with the reason, which says a template can be chosen', async () => {
      const ticketId = await staleWhatsAppTicket('+14155550211');
      const before = fake.sent.length;
      const res = await post(ticketId, { kind: 'reply', body: 'late free text' });
      const failed = await waitState(res.body.id, 'failed');
      expect(failed.delivery_error).toMatch(/24-hour WhatsApp window/);
      expect(failed.delivery_error).toMatch(/template/);
      expect(fake.sent.length).toBe(before);
    });

    it('templates that are not approved, wrong variables, or a template on SMS are refused with 400', async () => {
      const ticketId = await staleWhatsAppTicket('+14155550212');
      const unknown = await post(ticketId, {
        kind: 'reply',
        body: 'x',
        template: { contentSid: contentSid() },
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.message).toMatch(/^template\.contentSid: /);
      const missing = await post(ticketId, {
        kind: 'reply',
        body: 'x',
        template: { contentSid: orderUpdate.contentSid, variables: { '1': 'Ada' } },
      });
      expect(missing.status).toBe(400);
      expect(missing.body.message).toMatch(/^template\.variables: .*2/);
      const extra = await post(ticketId, {
        kind: 'reply',
        body: 'x',
        template: { contentSid: hello.contentSid, variables: { name: 'Ada' } },
      });
      expect(extra.status).toBe(400);
      const smsTicket = await inbound(sms.id, '+14155550213', '+15005550006', 'sms here');
      const onSms = await post(smsTicket, {
        kind: 'reply',
        body: 'x',
        template: { contentSid: hello.contentSid },
      });
      expect(onSms.status).toBe(400);
      expect(onSms.body.message).toMatch(/^template: .*WhatsApp only/);
    });
  });

  describe('early status callbacks', () => {
    afterEach(() => {
      fake.beforeAnswer = undefined;
    });

    it('a delivered callback that arrives before the send is recorded is kept and applied: the message ends delivered', async () => {
      const ticketId = await inbound(sms.id, '+14155550220', '+15005550006', 'fast network');
      const callbacks: number[] = [];
      fake.beforeAnswer = async (m) => {
        if (m.body !== 'Before the answer') return;
        callbacks.push((await statusCallback(sms.id, m.sid, 'sent')).status);
        callbacks.push((await statusCallback(sms.id, m.sid, 'delivered')).status);
        callbacks.push((await statusCallback(sms.id, m.sid, 'queued')).status); // out of order: must not win
        const held = await t.db.one<{ state: string }>(
          `SELECT state FROM pending_delivery_statuses WHERE provider = 'twilio' AND provider_message_id = $1`,
          [m.sid],
        );
        expect(held?.state).toBe('delivered');
      };
      const res = await post(ticketId, { kind: 'reply', body: 'Before the answer' });
      const stored = await waitState(res.body.id, 'delivered');
      expect(callbacks).toEqual([200, 200, 200]);
      const sent = fake.sent.find((m) => m.body === 'Before the answer')!;
      expect(stored.external_id).toBe(sent.sid);
      expect(
        await t.db.query(`SELECT 1 FROM pending_delivery_statuses WHERE provider_message_id = $1`, [
          sent.sid,
        ]),
      ).toHaveLength(0);
      // Agents are told: the last message.updated event carries the delivered state.
      const event = await t.db.one<{ state: string }>(
        `SELECT payload -> 'payload' -> 'message' ->> 'deliveryState' AS state FROM outbox_events WHERE ticket_id = $1 AND topic = 'message.updated' ORDER BY id DESC LIMIT 1`,
        [ticketId],
      );
      expect(event?.state).toBe('delivered');
    });

    it('an early failure is applied with Twilio’s reason', async () => {
      const ticketId = await inbound(sms.id, '+14155550221', '+15005550006', 'bad handset');
      fake.beforeAnswer = async (m) => {
        if (m.body !== 'Will bounce') return;
        const params = {
          AccountSid: fake.accountSid,
          ApiVersion: '2010-04-01',
          From: '+15005550006',
          To: '+14155550221',
          MessageSid: m.sid,
          SmsSid: m.sid,
          MessageStatus: 'undelivered',
          SmsStatus: 'undelivered',
          ErrorCode: '30003',
        };
        await postWebhook(sms.id, params);
      };
      const res = await post(ticketId, { kind: 'reply', body: 'Will bounce' });
      const stored = await waitState(res.body.id, 'undelivered');
      expect(stored.delivery_error).toContain('30003');
    });

    it('a callback for a message we never sent is still answered 200 and changes nothing', async () => {
      expect((await statusCallback(sms.id, 'SM' + randomBytes(16).toString('hex'), 'delivered')).status).toBe(
        200,
      );
    });
  });
});
