import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeGraph, graphError, metaMessageWebhook, signMetaBody } from '@switchboard/test-support-providers';
import { startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';
import {
  postReply,
  storedMessage,
  ticketOfExternalId,
  waitForDeliveryState,
} from '../../test-support/outbound-messages.js';

const APP_SECRET = 'meta-app-secret-for-tests';
const VERIFY_TOKEN = 'verify-me-please';

describe('Messenger and Instagram', () => {
  let t: TestApp;
  let graph: FakeGraph;
  let cdn: Server;
  let cdnUrl: string;
  let admin: string;
  let messenger: { id: string; webhookUrl: string };
  let instagram: { id: string };
  let dataDir: string;
  const files = new Map<string, Buffer>();

  async function createAccount(kind: string, config: Record<string, unknown>) {
    const res = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: { kind, name: `${kind} ${randomBytes(3).toString('hex')}`, config },
    });
    if (res.status !== 201) throw new Error(`create ${kind}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  function postEvent(
    accountId: string,
    body: unknown,
    opts: { signature?: string | null; secret?: string } = {},
  ) {
    const raw = JSON.stringify(body);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const signature =
      opts.signature === undefined ? signMetaBody(raw, opts.secret ?? APP_SECRET) : opts.signature;
    if (signature !== null) headers['x-hub-signature-256'] = signature;
    return t.request('POST', `/api/webhooks/meta/${accountId}`, { raw, headers });
  }

  function receipt(object: 'page' | 'instagram', senderId: string, event: Record<string, unknown>) {
    return {
      object,
      entry: [
        {
          id: graph.pageId,
          time: Date.now(),
          messaging: [
            { sender: { id: senderId }, recipient: { id: graph.pageId }, timestamp: Date.now(), ...event },
          ],
        },
      ],
    };
  }

  const ticketOf = (externalId: string) => ticketOfExternalId(t, externalId);

  const reply = (ticketId: string, body: string) => postReply(t, admin, ticketId, body);

  const message = (id: string) => storedMessage(t, id);
  const waitState = (id: string, state: string, timeout?: number) =>
    waitForDeliveryState(t, id, state, timeout);

  async function conversation(kind: 'page' | 'instagram', accountId: string, text: string) {
    const senderId = String(Date.now()) + randomBytes(2).readUInt16BE();
    const event = metaMessageWebhook({ object: kind, pageId: graph.pageId, senderId, text });
    expect((await postEvent(accountId, event)).status).toBe(200);
    const mid = (event.entry as Array<{ messaging: Array<{ message: { mid: string } }> }>)[0].messaging[0]
      .message.mid;
    return { senderId, mid, ticketId: await ticketOf(mid) };
  }

  beforeAll(async () => {
    graph = new FakeGraph();
    await graph.start();
    // Meta's attachment CDN: plain URLs that expire, no auth.
    cdn = createServer((req, res) => {
      const bytes = files.get(req.url ?? '');
      if (!bytes) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'image/png' }).end(bytes);
    });
    await new Promise<void>((r) => cdn.listen(0, '127.0.0.1', r));
    cdnUrl = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}`;
    dataDir = await mkdtemp(join(tmpdir(), 'sb-meta-'));
    t = await startTestApp({ dataDir });
    admin = await t.adminToken();
    const config = {
      pageId: graph.pageId,
      pageAccessToken: graph.pageAccessToken,
      appSecret: APP_SECRET,
      verifyToken: VERIFY_TOKEN,
      apiBaseUrl: graph.url,
    };
    messenger = await createAccount('messenger', config);
    instagram = await createAccount('instagram', config);
  });

  afterAll(async () => {
    await t?.close();
    await graph?.close();
    await new Promise((r) => cdn?.close(r));
  });

  it('answers the verify-token handshake and refuses a wrong token', async () => {
    const ok = await t.request(
      'GET',
      `/api/webhooks/meta/${messenger.id}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`,
    );
    expect(ok).toEqual({ status: 200, body: 1158201444 });
    const wrong = await t.request(
      'GET',
      `/api/webhooks/meta/${messenger.id}?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1`,
    );
    expect(wrong.status).toBe(403);
  });

  it('admin: webhook URL shown, secrets sealed, test action reads the page', async () => {
    expect(messenger.webhookUrl).toMatch(new RegExp(`/api/webhooks/meta/${messenger.id}$`));
    const row = await t.db.one<{ config: Record<string, unknown>; secrets: string }>(
      `SELECT config, secrets FROM channel_accounts WHERE id = $1`,
      [messenger.id],
    );
    expect(Object.keys(row!.config)).not.toEqual(expect.arrayContaining(['appSecret']));
    expect(row!.secrets).not.toContain(APP_SECRET);
    const test = await t.request('POST', `/api/admin/channel-accounts/${messenger.id}/test`, {
      token: admin,
    });
    expect(test.body).toMatchObject({ ok: true });
    const bad = await createAccount('messenger', {
      pageId: graph.pageId,
      pageAccessToken: 'expired',
      appSecret: APP_SECRET,
      verifyToken: VERIFY_TOKEN,
      apiBaseUrl: graph.url,
    });
    const failed = await t.request('POST', `/api/admin/channel-accounts/${bad.id}/test`, { token: admin });
    expect(failed.body.ok).toBe(false);
    expect(failed.body.reason).toMatch(/access token/);
  });

  it.each([
    ['Messenger', 'page' as const, () => messenger.id],
    ['Instagram', 'instagram' as const, () => instagram.id],
  ])(
    '%s round trip: message in, reply out through the Send API, delivery receipt marks it delivered',
    async (_name, object, accountId) => {
      const { senderId, ticketId } = await conversation(object, accountId(), `Hello from ${object}`);
      const ticket = await t.request('GET', `/api/tickets/${ticketId}`, { token: admin });
      expect(ticket.body.channel).toBe(object === 'page' ? 'messenger' : 'instagram');
      const replyId = await reply(ticketId, `Reply on ${object}`);
      const sent = await waitFor(
        () => graph.sent.find((m) => m.text === `Reply on ${object}`),
        15_000,
        'Send API call',
      );
      expect(sent).toMatchObject({ recipientId: senderId, messagingType: 'RESPONSE' });
      const stored = await waitState(replyId, 'sent');
      expect(stored.external_id).toMatch(/^m_/);
      expect(
        (
          await postEvent(
            accountId(),
            receipt(object, senderId, { delivery: { mids: [stored.external_id], watermark: Date.now() } }),
          )
        ).status,
      ).toBe(200);
      expect((await message(replyId)).delivery_state).toBe('delivered');
      // A read receipt moves it on; a late delivery receipt does not move it back.
      await postEvent(accountId(), receipt(object, senderId, { read: { watermark: Date.now() } }));
      expect((await message(replyId)).delivery_state).toBe('read');
      await postEvent(
        accountId(),
        receipt(object, senderId, { delivery: { mids: [stored.external_id], watermark: Date.now() } }),
      );
      expect((await message(replyId)).delivery_state).toBe('read');
    },
  );

  it('the ticket shows the agent until when Meta allows a reply: 24 hours after the customer wrote', async () => {
    const { ticketId } = await conversation('page', messenger.id, 'Is my order on its way?');
    const ticket = await t.request('GET', `/api/tickets/${ticketId}`, { token: admin });
    const identity = ticket.body.contact.identities.find((i: { kind: string }) => i.kind === 'messenger');
    expect(identity.replyAccount).toMatchObject({ id: messenger.id, kind: 'messenger' });
    const until = Date.parse(identity.replyAccount.freeFormUntil);
    expect(until).toBeGreaterThan(Date.now() + 23 * 3600_000);
    expect(until).toBeLessThanOrEqual(Date.now() + 24 * 3600_000);
    expect(identity.replyAccount.templates).toBeUndefined();
  });

  it('the same mid twice stores one message; echoes of our own sends are ignored', async () => {
    const event = metaMessageWebhook({ pageId: graph.pageId, senderId: '990001', text: 'twice' });
    expect((await postEvent(messenger.id, event)).status).toBe(200);
    expect((await postEvent(messenger.id, event)).status).toBe(200);
    const mid = (event.entry as Array<{ messaging: Array<{ message: { mid: string } }> }>)[0].messaging[0]
      .message.mid;
    expect(await t.db.query(`SELECT id FROM messages WHERE external_id = $1`, [mid])).toHaveLength(1);
    const echo = metaMessageWebhook({
      pageId: graph.pageId,
      senderId: '990001',
      text: 'our own reply',
      isEcho: true,
    });
    expect((await postEvent(messenger.id, echo)).status).toBe(200);
    expect(await t.db.query(`SELECT id FROM messages WHERE text = 'our own reply'`)).toHaveLength(0);
  });

  it('attachments are fetched from the CDN and stored', async () => {
    const bytes = randomBytes(512);
    files.set('/img-1.png', bytes);
    const event = metaMessageWebhook({
      pageId: graph.pageId,
      senderId: '990002',
      text: '',
      attachments: [{ type: 'image', url: `${cdnUrl}/img-1.png` }],
    });
    expect((await postEvent(messenger.id, event)).status).toBe(200);
    const mid = (event.entry as Array<{ messaging: Array<{ message: { mid: string } }> }>)[0].messaging[0]
      .message.mid;
    const row = await t.db.one<{ meta: { attachments: Array<{ storageKey: string; contentType: string }> } }>(
      `SELECT meta FROM messages WHERE external_id = $1`,
      [mid],
    );
    expect(row!.meta.attachments[0].contentType).toBe('image/png');
    expect(await readFile(join(dataDir, row!.meta.attachments[0].storageKey))).toEqual(bytes);
  });

  it.each([
    ['a forged signature', { secret: 'not-the-app-secret' }, /does not match/],
    ['a missing signature', { signature: null }, /missing X-Hub-Signature-256/],
  ])('%s answers 403, stores nothing, and is logged', async (_what, opts, reason) => {
    const event = metaMessageWebhook({ pageId: graph.pageId, senderId: '990003', text: 'forged' });
    const res = await postEvent(messenger.id, event, opts);
    expect(res.status).toBe(403);
    expect(await t.db.query(`SELECT id FROM messages WHERE text = 'forged'`)).toHaveLength(0);
    const log = await t.request('GET', '/api/admin/rejected-webhooks?provider=meta', { token: admin });
    expect(log.body.items.find((i: { reason: string }) => reason.test(i.reason))).toMatchObject({
      channelAccountId: messenger.id,
    });
    expect(JSON.stringify(log.body)).not.toContain(APP_SECRET);
  });

  it('outside the 24-hour window a reply is refused with the reason and nothing is sent', async () => {
    const { ticketId } = await conversation('page', messenger.id, 'old question');
    await t.db.query(`UPDATE messages SET created_at = now() - interval '25 hours' WHERE ticket_id = $1`, [
      ticketId,
    ]);
    const before = graph.sent.length;
    const refused = await waitState(await reply(ticketId, 'too late'), 'failed');
    expect(refused.delivery_error).toMatch(/24-hour messaging window/);
    expect(graph.sent.length).toBe(before);
  });

  it('a permanent Graph error fails at once; a 5xx is retried', async () => {
    const blocked = await conversation('page', messenger.id, 'first');
    graph.failNext(graphError(551, "This person isn't available right now."));
    const failed = await waitState(await reply(blocked.ticketId, 'you there?'), 'failed');
    expect(failed.delivery_error).toMatch(/not available/);

    const flaky = await conversation('page', messenger.id, 'second');
    graph.failNext(
      graphError(2, 'An unexpected error has occurred. Please retry your request later.', { status: 500 }),
    );
    const replyId = await reply(flaky.ticketId, 'retry me');
    await waitState(replyId, 'sent', 30_000);
    expect(graph.sent.filter((m) => m.text === 'retry me')).toHaveLength(1);
  });
});
