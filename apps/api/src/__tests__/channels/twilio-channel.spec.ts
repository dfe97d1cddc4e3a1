import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FakeTwilio,
  signTwilioRequest,
  twilioError,
  twilioInboundParams,
} from '@switchboard/test-support-providers';
import { ChannelAccountsService } from '../../channel-accounts/channel-accounts.service.js';
import { startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';
import {
  postReply,
  storedMessage,
  ticketOfExternalId,
  waitForDeliveryState,
} from '../../test-support/outbound-messages.js';

const PUBLIC_URL = 'https://helpdesk.example.com';
const sid = (prefix = 'SM') => prefix + randomBytes(16).toString('hex');

describe('Twilio SMS and WhatsApp', () => {
  let t: TestApp;
  let fake: FakeTwilio;
  let admin: string;
  let sms: { id: string; webhookUrl: string };
  let whatsapp: { id: string };
  let dataDir: string;

  async function createAccount(kind: string, config: Record<string, unknown>) {
    const res = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: { kind, name: `${kind} ${randomBytes(3).toString('hex')}`, config },
    });
    if (res.status !== 201) throw new Error(`create ${kind}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  const baseConfig = () => ({ accountSid: fake.accountSid, authToken: fake.authToken, apiBaseUrl: fake.url });

  /** Posts a webhook signed as Twilio signs it: over the URL it was told to call and the form fields. */
  function postWebhook(
    accountId: string,
    params: Record<string, string>,
    opts: {
      signedUrl?: string;
      signature?: string | null;
      authToken?: string;
      headers?: Record<string, string>;
    } = {},
  ) {
    const path = `/api/webhooks/twilio/${accountId}`;
    const signedUrl = opts.signedUrl ?? PUBLIC_URL + path;
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      ...(opts.headers ?? {}),
    };
    const signature =
      opts.signature === undefined
        ? signTwilioRequest(opts.authToken ?? fake.authToken, signedUrl, params)
        : opts.signature;
    if (signature !== null) headers['x-twilio-signature'] = signature;
    return t.request('POST', path, { raw: new URLSearchParams(params).toString(), headers });
  }

  function inbound(
    accountId: string,
    options: Parameters<typeof twilioInboundParams>[0],
    opts: Parameters<typeof postWebhook>[2] = {},
  ) {
    const params = twilioInboundParams({ accountSid: fake.accountSid, ...options });
    return { params, response: postWebhook(accountId, params, opts) };
  }

  function statusCallback(
    accountId: string,
    messageSid: string,
    status: string,
    extra: Record<string, string> = {},
  ) {
    return postWebhook(accountId, {
      AccountSid: fake.accountSid,
      ApiVersion: '2010-04-01',
      From: '+15005550006',
      To: '+14155550100',
      MessageSid: messageSid,
      SmsSid: messageSid,
      MessageStatus: status,
      SmsStatus: status,
      ...extra,
    });
  }

  const ticketOf = (externalId: string) => ticketOfExternalId(t, externalId);

  const reply = (ticketId: string, body: string) => postReply(t, admin, ticketId, body);

  const message = (id: string) => storedMessage(t, id);

  const waitState = (id: string, state: string, timeout?: number) =>
    waitForDeliveryState(t, id, state, timeout);

  beforeAll(async () => {
    fake = new FakeTwilio();
    await fake.start();
    dataDir = await mkdtemp(join(tmpdir(), 'sb-twilio-'));
    // The test client plays the reverse proxy for the forwarded-host case below.
    t = await startTestApp({ dataDir, trustProxy: ['127.0.0.1'] });
    admin = await t.adminToken();
    sms = await createAccount('twilio_sms', { ...baseConfig(), from: '+15005550006', publicUrl: PUBLIC_URL });
    whatsapp = await createAccount('twilio_whatsapp', {
      ...baseConfig(),
      from: '+14155238886',
      publicUrl: PUBLIC_URL,
    });
  });

  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  describe('admin', () => {
    it('shows the webhook URL to paste into Twilio and keeps the auth token sealed', async () => {
      expect(sms.webhookUrl).toBe(`${PUBLIC_URL}/api/webhooks/twilio/${sms.id}`);
      const row = await t.db.one<{ config: Record<string, unknown>; secrets: string }>(
        `SELECT config, secrets FROM channel_accounts WHERE id = $1`,
        [sms.id],
      );
      expect(row!.config.authToken).toBeUndefined();
      expect(row!.secrets).not.toContain(fake.authToken);
      const list = await t.request('GET', '/api/admin/channel-accounts', { token: admin });
      expect(JSON.stringify(list.body)).not.toContain(fake.authToken);
    });

    it('the test action calls Twilio and says what is wrong in plain words', async () => {
      const ok = await t.request('POST', `/api/admin/channel-accounts/${sms.id}/test`, { token: admin });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ ok: true, webhookUrl: sms.webhookUrl });
      expect(ok.body.detail).toContain('Switchboard test account');
      const bad = await createAccount('twilio_sms', {
        ...baseConfig(),
        authToken: 'wrong-token',
        from: '+15005550006',
      });
      const failed = await t.request('POST', `/api/admin/channel-accounts/${bad.id}/test`, { token: admin });
      expect(failed.body.ok).toBe(false);
      expect(failed.body.reason).toMatch(/auth token/i);
    });

    it('refuses a config Twilio could never accept, naming the field', async () => {
      const res = await t.request('POST', '/api/admin/channel-accounts', {
        token: admin,
        body: {
          kind: 'twilio_sms',
          name: 'Broken',
          config: { accountSid: 'nope', authToken: 'x', from: '+15005550006' },
        },
      });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('accountSid');
    });
  });

  describe('round trip', () => {
    it('an SMS opens a ticket, the reply reaches Twilio, and status callbacks mark it delivered and never move it back', async () => {
      const { params, response } = inbound(sms.id, {
        from: '+14155550100',
        to: '+15005550006',
        body: 'My order never arrived',
      });
      const res = await response;
      expect(res.status).toBe(200);
      expect(String(res.body)).toContain('<Response>');
      const ticketId = await ticketOf(params.MessageSid);
      const ticket = await t.request('GET', `/api/tickets/${ticketId}`, { token: admin });
      expect(ticket.body).toMatchObject({ channel: 'twilio_sms', subject: 'My order never arrived' });

      const replyId = await reply(ticketId, 'Sorry! Sending a new one today.');
      const sent = await waitFor(
        () => fake.sent.find((m) => m.body === 'Sorry! Sending a new one today.'),
        15_000,
        'the reply at Twilio',
      );
      expect(sent).toMatchObject({
        to: '+14155550100',
        from: '+15005550006',
        statusCallback: sms.webhookUrl,
      });
      const stored = await waitState(replyId, 'sent');
      expect(stored.external_id).toBe(sent.sid);

      expect((await statusCallback(sms.id, sent.sid, 'delivered')).status).toBe(200);
      expect((await message(replyId)).delivery_state).toBe('delivered');
      // Late, out-of-order callbacks: Twilio does not guarantee their order.
      expect((await statusCallback(sms.id, sent.sid, 'sent')).status).toBe(200);
      expect((await statusCallback(sms.id, sent.sid, 'queued')).status).toBe(200);
      expect((await message(replyId)).delivery_state).toBe('delivered');
      // A status callback is not a customer message.
      const count = await t.db.one<{ n: string }>(`SELECT count(*) AS n FROM messages WHERE ticket_id = $1`, [
        ticketId,
      ]);
      expect(Number(count!.n)).toBe(2);
    });

    it('an undelivered callback shows the agent Twilio’s reason and error code', async () => {
      const { params, response } = inbound(sms.id, {
        from: '+14155550101',
        to: '+15005550006',
        body: 'hello?',
      });
      await response;
      const replyId = await reply(await ticketOf(params.MessageSid), 'Are you there?');
      const sent = await waitFor(() => fake.sent.find((m) => m.body === 'Are you there?'), 15_000, 'send');
      await waitState(replyId, 'sent');
      await statusCallback(sms.id, sent.sid, 'undelivered', { ErrorCode: '30003' });
      const after = await message(replyId);
      expect(after.delivery_state).toBe('undelivered');
      expect(after.delivery_error).toMatch(/unreachable/);
      expect(after.delivery_error).toContain('30003');
    });

    it('the same MessageSid delivered twice stores one message', async () => {
      const params = twilioInboundParams({
        accountSid: fake.accountSid,
        from: '+14155550102',
        to: '+15005550006',
        body: 'only once',
      });
      expect((await postWebhook(sms.id, params)).status).toBe(200);
      expect((await postWebhook(sms.id, params)).status).toBe(200);
      const rows = await t.db.query(`SELECT id FROM messages WHERE external_id = $1`, [params.MessageSid]);
      expect(rows).toHaveLength(1);
    });

    it('MMS media is downloaded with the account credentials and stored under DATA_DIR', async () => {
      const bytes = randomBytes(2048);
      const url = fake.addMedia('image/jpeg', bytes);
      const { params, response } = inbound(sms.id, {
        from: '+14155550103',
        to: '+15005550006',
        body: 'photo of the damage',
        media: [{ url, contentType: 'image/jpeg' }],
      });
      expect((await response).status).toBe(200);
      const row = await t.db.one<{
        meta: {
          attachments: Array<{ filename: string; contentType: string; size: number; storageKey: string }>;
        };
      }>(`SELECT meta FROM messages WHERE external_id = $1`, [params.MessageSid]);
      const [attachment] = row!.meta.attachments;
      expect(attachment).toMatchObject({ contentType: 'image/jpeg', size: 2048 });
      expect(attachment.storageKey).toMatch(/^attachments\/\d{4}-\d{2}\/[0-9a-f-]{36}$/);
      expect(await readFile(join(dataDir, attachment.storageKey))).toEqual(bytes);
    });
  });

  describe('which account a webhook may name', () => {
    async function loggedFor(reason: string) {
      const log = await t.request('GET', '/api/admin/rejected-webhooks?provider=twilio', { token: admin });
      return log.body.items.find((i: { reason: string }) => i.reason === reason);
    }

    it('an account that does not exist answers 404 and is logged under the id the URL named', async () => {
      const unknownId = randomUUID();
      const res = await postWebhook(
        unknownId,
        twilioInboundParams({
          accountSid: fake.accountSid,
          from: '+14155550107',
          to: '+15005550006',
          body: 'hello?',
        }),
      );
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'channel account not found' });
      const log = await t.request('GET', `/api/admin/rejected-webhooks?channelAccountId=${unknownId}`, {
        token: admin,
      });
      expect(log.body.items).toEqual([
        expect.objectContaining({
          provider: 'twilio',
          channelAccountId: unknownId,
          reason: 'unknown or inactive Twilio channel account',
        }),
      ]);
    });

    it('an account of another channel answers 404, as if it did not exist', async () => {
      const api = await createAccount('api', {});
      const res = await postWebhook(
        api.id,
        twilioInboundParams({
          accountSid: fake.accountSid,
          from: '+14155550108',
          to: '+15005550006',
          body: 'wrong door',
        }),
      );
      expect(res.status).toBe(404);
      expect(res.body.message).toBe('channel account not found');
    });

    it('an account whose config cannot verify webhooks answers 403 and tells the admin which field to fix', async () => {
      const broken = await createAccount('twilio_sms', {
        ...baseConfig(),
        from: '+15005550006',
        publicUrl: PUBLIC_URL,
      });
      await t.db.query(
        `UPDATE channel_accounts SET config = config || '{"accountSid": "not-a-sid"}' WHERE id = $1`,
        [broken.id],
      );
      await t.app.get(ChannelAccountsService).fresh(broken.id);
      const res = await postWebhook(
        broken.id,
        twilioInboundParams({
          accountSid: fake.accountSid,
          from: '+14155550109',
          to: '+15005550006',
          body: 'anyone?',
        }),
      );
      expect(res.status).toBe(403);
      expect(res.body).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        message: 'this channel cannot verify webhooks until its configuration is fixed',
      });
      expect(
        await loggedFor(
          'channel misconfigured: config.accountSid must be a Twilio account SID (AC followed by 32 hex digits)',
        ),
      ).toMatchObject({ channelAccountId: broken.id });
    });
  });

  describe('signatures', () => {
    async function expectRejected(res: { status: number }, messageSid: string, reason: RegExp) {
      expect(res.status).toBe(403);
      expect(await t.db.query(`SELECT id FROM messages WHERE external_id = $1`, [messageSid])).toHaveLength(
        0,
      );
      const log = await t.request('GET', '/api/admin/rejected-webhooks?provider=twilio', { token: admin });
      expect(log.status).toBe(200);
      const entry = log.body.items.find((i: { reason: string }) => reason.test(i.reason));
      expect(entry).toMatchObject({ provider: 'twilio', channelAccountId: sms.id });
      expect(entry.remoteIp).toBeTruthy();
      expect(JSON.stringify(log.body)).not.toContain(fake.authToken);
    }

    it('a forged signature answers 403, stores nothing, and is logged for admins', async () => {
      const { params, response } = inbound(
        sms.id,
        { from: '+14155550104', to: '+15005550006', body: 'forged' },
        { authToken: 'not-the-token' },
      );
      await expectRejected(await response, params.MessageSid, /does not match/);
    });

    it('a missing signature answers 403 and is logged', async () => {
      const { params, response } = inbound(
        sms.id,
        { from: '+14155550105', to: '+15005550006', body: 'unsigned' },
        { signature: null },
      );
      await expectRejected(await response, params.MessageSid, /missing X-Twilio-Signature/);
    });

    it('a body changed after signing is refused', async () => {
      const params = twilioInboundParams({
        accountSid: fake.accountSid,
        from: '+14155550106',
        to: '+15005550006',
        body: 'pay 10',
      });
      const signature = signTwilioRequest(
        fake.authToken,
        `${PUBLIC_URL}/api/webhooks/twilio/${sms.id}`,
        params,
      );
      const res = await postWebhook(sms.id, { ...params, Body: 'pay 1000' }, { signature });
      await expectRejected(res, params.MessageSid, /does not match/);
    });

    it('the rejected-webhooks log is for admins only', async () => {
      const agent = await t.createUser({ email: `agent-${randomBytes(3).toString('hex')}@test.local` });
      expect((await t.request('GET', '/api/admin/rejected-webhooks', { token: agent.token })).status).toBe(
        403,
      );
    });

    it.each([
      [
        'a public URL behind a proxy, signed without the port',
        'https://support.example.com',
        'https://support.example.com',
      ],
      [
        'a public URL behind a proxy, signed with the default port',
        'https://support.example.com',
        'https://support.example.com:443',
      ],
      [
        'a public URL with a non-default port',
        'https://support.example.com:8443',
        'https://support.example.com:8443',
      ],
      [
        'a public URL with a path prefix the proxy strips',
        'https://example.com/helpdesk',
        'https://example.com/helpdesk',
      ],
    ])('genuine traffic passes: %s', async (_what, publicUrl, signedBase) => {
      const account = await createAccount('twilio_sms', { ...baseConfig(), from: '+15005550006', publicUrl });
      const { params, response } = inbound(
        account.id,
        { from: '+14155550107', to: '+15005550006', body: 'via proxy' },
        { signedUrl: `${signedBase}/api/webhooks/twilio/${account.id}` },
      );
      expect((await response).status).toBe(200);
      await ticketOf(params.MessageSid);
    });

    it('genuine traffic passes without a configured public URL, using the forwarded host and protocol', async () => {
      const account = await createAccount('twilio_sms', { ...baseConfig(), from: '+15005550006' });
      const { params, response } = inbound(
        account.id,
        { from: '+14155550108', to: '+15005550006', body: 'forwarded' },
        {
          signedUrl: `https://edge.example.org/api/webhooks/twilio/${account.id}`,
          headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'edge.example.org' },
        },
      );
      expect((await response).status).toBe(200);
      await ticketOf(params.MessageSid);
    });

    it('genuine traffic from a Messaging Service number passes (To is not the configured From)', async () => {
      const messagingServiceSid = sid('MG');
      const account = await createAccount('twilio_sms', {
        ...baseConfig(),
        messagingServiceSid,
        publicUrl: PUBLIC_URL,
      });
      const { params, response } = inbound(account.id, {
        from: '+14155550109',
        to: '+18005550199',
        body: 'via service',
        messagingServiceSid,
      });
      expect((await response).status).toBe(200);
      const ticketId = await ticketOf(params.MessageSid);
      const replyId = await reply(ticketId, 'Service reply');
      const sent = await waitFor(() => fake.sent.find((m) => m.body === 'Service reply'), 15_000, 'send');
      expect(sent).toMatchObject({ to: '+14155550109', messagingServiceSid, from: null });
      await waitState(replyId, 'sent');
    });
  });

  describe('opt-out', () => {
    it('STOP is recorded on the contact; an agent reply then fails with a clear reason and nothing reaches Twilio; START re-opts', async () => {
      const first = inbound(sms.id, {
        from: '+14155550110',
        to: '+15005550006',
        body: 'question about billing',
      });
      await first.response;
      const ticketId = await ticketOf(first.params.MessageSid);
      expect(
        (await inbound(sms.id, { from: '+14155550110', to: '+15005550006', body: 'STOP' }).response).status,
      ).toBe(200);
      const contact = await t.db.one<{ opted_out_at: Date | null; opted_out_keyword: string }>(
        `SELECT opted_out_at, opted_out_keyword FROM contact_identities WHERE kind = 'phone' AND address = '+14155550110'`,
      );
      expect(contact!.opted_out_at).not.toBeNull();
      expect(contact!.opted_out_keyword).toBe('STOP');

      const before = fake.sent.length;
      const refused = await waitState(await reply(ticketId, 'Your bill is ready'), 'failed');
      expect(refused.delivery_error).toMatch(/replied STOP/);
      expect(fake.sent.slice(before).filter((m) => m.to === '+14155550110')).toHaveLength(0);

      await inbound(sms.id, { from: '+14155550110', to: '+15005550006', body: 'start' }).response;
      const again = await reply(ticketId, 'Welcome back');
      await waitState(again, 'sent');
      expect(fake.sent.find((m) => m.body === 'Welcome back')?.to).toBe('+14155550110');
    });
  });

  describe('WhatsApp', () => {
    it('a WhatsApp message and a later SMS from the same number are one contact and one ticket; replies go back on the channel used', async () => {
      const wa = inbound(whatsapp.id, {
        from: 'whatsapp:+14155550120',
        to: 'whatsapp:+14155238886',
        body: 'Hi from WhatsApp',
        profileName: 'Grace',
      });
      expect((await wa.response).status).toBe(200);
      const waTicket = await ticketOf(wa.params.MessageSid);
      const replyId = await reply(waTicket, 'Hello Grace');
      const sent = await waitFor(
        () => fake.sent.find((m) => m.body === 'Hello Grace'),
        15_000,
        'WhatsApp send',
      );
      expect(sent).toMatchObject({ to: 'whatsapp:+14155550120', from: 'whatsapp:+14155238886' });
      await waitState(replyId, 'sent');

      const text = inbound(sms.id, {
        from: '+1 415 555 0120'.replace(/ /g, ''),
        to: '+15005550006',
        body: 'And now by SMS',
      });
      await text.response;
      const smsTicket = await ticketOf(text.params.MessageSid);
      // One conversation across channels (the workspace default): the SMS joins the WhatsApp ticket.
      expect(smsTicket).toBe(waTicket);
      const ticket = await t.request('GET', `/api/tickets/${waTicket}`, { token: admin });
      const contact = await t.request('GET', `/api/contacts/${ticket.body.contact.id}`, { token: admin });
      expect(contact.body.identities).toEqual([
        expect.objectContaining({ kind: 'phone', address: '+14155550120' }),
      ]);
      expect(contact.body.tickets.map((x: { id: string }) => x.id)).toEqual([waTicket]);
      // The customer last wrote by SMS: the next reply goes by SMS.
      await reply(waTicket, 'Got your SMS');
      const bySms = await waitFor(() => fake.sent.find((m) => m.body === 'Got your SMS'), 15_000, 'SMS send');
      expect(bySms).toMatchObject({ to: '+14155550120', from: '+15005550006' });
    });

    it('outside the 24-hour window a free-form reply is refused with the reason, and nothing is sent', async () => {
      const wa = inbound(whatsapp.id, {
        from: 'whatsapp:+14155550121',
        to: 'whatsapp:+14155238886',
        body: 'old question',
      });
      await wa.response;
      const ticketId = await ticketOf(wa.params.MessageSid);
      await t.db.query(`UPDATE messages SET created_at = now() - interval '25 hours' WHERE ticket_id = $1`, [
        ticketId,
      ]);
      const before = fake.sent.length;
      const refused = await waitState(await reply(ticketId, 'late answer'), 'failed');
      expect(refused.delivery_error).toMatch(/24-hour WhatsApp window/);
      expect(refused.delivery_error).toMatch(/template/);
      expect(fake.sent.length).toBe(before);
    });
  });

  describe('provider errors', () => {
    it('a 4xx that cannot succeed on retry fails the reply at once with Twilio’s reason', async () => {
      const first = inbound(sms.id, { from: '+14155550130', to: '+15005550006', body: 'hi' });
      await first.response;
      fake.failNext(twilioError(21211, "The 'To' number +14155550130 is not a valid phone number."));
      const failed = await waitState(
        await reply(await ticketOf(first.params.MessageSid), 'bad number'),
        'failed',
      );
      expect(failed.delivery_error).toMatch(/not a valid phone number/);
      const job = await t.db.query(
        `SELECT j.id FROM outbound_jobs j JOIN messages m ON m.id = j.message_id WHERE m.text = 'bad number'`,
      );
      expect(job).toHaveLength(0);
    });

    it('a 5xx is retried through the outbox until Twilio accepts', async () => {
      const first = inbound(sms.id, { from: '+14155550131', to: '+15005550006', body: 'hi' });
      await first.response;
      fake.failNext({ status: 503, body: { code: 20503, message: 'Service Unavailable', status: 503 } });
      const replyId = await reply(await ticketOf(first.params.MessageSid), 'eventually');
      await waitState(replyId, 'sent', 30_000);
      expect(fake.sent.filter((m) => m.body === 'eventually')).toHaveLength(1);
      const attempts = fake.requests.filter(
        (r) => r.method === 'POST' && (r.body as { Body?: string }).Body === 'eventually',
      );
      expect(attempts.length).toBe(2);
    });
  });
});
