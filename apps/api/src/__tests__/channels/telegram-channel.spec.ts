import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeTelegram, telegramError, telegramMessageUpdate } from '@switchboard/test-support-providers';
import { startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';
import { postReply, ticketOfExternalId, waitForDeliveryState } from '../../test-support/outbound-messages.js';

describe('Telegram bot', () => {
  let t: TestApp;
  let bot: FakeTelegram;
  let admin: string;
  let account: { id: string; webhookUrl: string; configured: { ok: boolean } };
  let secretToken: string;
  let dataDir: string;

  function postUpdate(update: unknown, secret: string | null = secretToken, accountId = account.id) {
    return t.request('POST', `/api/webhooks/telegram/${accountId}`, {
      body: update,
      headers: secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret },
    });
  }

  const ticketOf = (externalId: string) => ticketOfExternalId(t, externalId);

  const waitState = (id: string, state: string, timeout?: number) =>
    waitForDeliveryState(t, id, state, timeout);

  const reply = (ticketId: string, body: string) => postReply(t, admin, ticketId, body);

  beforeAll(async () => {
    bot = new FakeTelegram();
    await bot.start();
    dataDir = await mkdtemp(join(tmpdir(), 'sb-telegram-'));
    t = await startTestApp({ dataDir });
    admin = await t.adminToken();
    const res = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: {
        kind: 'telegram',
        name: 'Support bot',
        config: { botToken: bot.botToken, apiBaseUrl: bot.url, publicUrl: 'https://helpdesk.example.com' },
      },
    });
    if (res.status !== 201) throw new Error(`create telegram: ${res.status} ${JSON.stringify(res.body)}`);
    account = res.body;
    secretToken = bot.webhook!.secretToken!;
  });

  afterAll(async () => {
    await t?.close();
    await bot?.close();
  });

  it('configuring the bot sets its webhook with a generated secret token, stored sealed', async () => {
    expect(account.configured).toMatchObject({ ok: true });
    expect(bot.webhook).toEqual({
      url: `https://helpdesk.example.com/api/webhooks/telegram/${account.id}`,
      secretToken: expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/),
    });
    expect(account.webhookUrl).toBe(bot.webhook!.url);
    const row = await t.db.one<{ config: Record<string, unknown>; secrets: string }>(
      `SELECT config, secrets FROM channel_accounts WHERE id = $1`,
      [account.id],
    );
    expect(row!.config.secretToken).toBeUndefined();
    expect(row!.secrets).not.toContain(secretToken);
    const test = await t.request('POST', `/api/admin/channel-accounts/${account.id}/test`, { token: admin });
    expect(test.body).toMatchObject({ ok: true, detail: expect.stringContaining('@switchboard_test_bot') });
  });

  it('round trip: a message opens a ticket and the reply reaches the same chat', async () => {
    const update = telegramMessageUpdate({ fromId: 5550001, firstName: 'Ada', text: 'Is my package lost?' });
    expect((await postUpdate(update)).status).toBe(200);
    const ticketId = await ticketOf(`${bot.botId}:${update.update_id}`);
    const replyId = await reply(ticketId, 'Checking now!');
    const call = await waitFor(
      () => bot.calls.find((c) => c.method === 'sendMessage' && c.params.text === 'Checking now!'),
      15_000,
      'sendMessage',
    );
    expect(String(call.params.chat_id)).toBe('5550001');
    const sent = await waitState(replyId, 'sent');
    expect(sent.external_id).toMatch(/^5550001:\d+$/);
  });

  it('the same update_id twice stores one message', async () => {
    const update = telegramMessageUpdate({ fromId: 5550002, text: 'once' });
    await postUpdate(update);
    await postUpdate(update);
    expect(
      await t.db.query(`SELECT id FROM messages WHERE external_id = $1`, [
        `${bot.botId}:${update.update_id}`,
      ]),
    ).toHaveLength(1);
  });

  it('a document is downloaded through getFile and stored', async () => {
    const bytes = randomBytes(300);
    const fileId = bot.addFile(bytes, 'documents/invoice.pdf');
    const update = telegramMessageUpdate({
      fromId: 5550003,
      caption: 'my invoice',
      document: { fileId, fileName: '../../etc/passwd', mimeType: 'application/pdf', size: 300 },
    });
    expect((await postUpdate(update)).status).toBe(200);
    const row = await t.db.one<{
      text: string;
      meta: { attachments: Array<{ filename: string; storageKey: string }> };
    }>(`SELECT text, meta FROM messages WHERE external_id = $1`, [`${bot.botId}:${update.update_id}`]);
    expect(row!.text).toBe('my invoice');
    const [attachment] = row!.meta.attachments;
    expect(attachment.filename).toBe('passwd');
    expect(await readFile(join(dataDir, attachment.storageKey))).toEqual(bytes);
  });

  it.each([
    ['a wrong secret token', 'not-the-secret', /does not match/],
    ['a missing secret token', null, /missing X-Telegram-Bot-Api-Secret-Token/],
  ])('%s answers 403, stores nothing, and is logged', async (_what, secret, reason) => {
    const update = telegramMessageUpdate({ fromId: 5550004, text: 'forged telegram' });
    expect((await postUpdate(update, secret)).status).toBe(403);
    expect(await t.db.query(`SELECT id FROM messages WHERE text = 'forged telegram'`)).toHaveLength(0);
    const log = await t.request('GET', '/api/admin/rejected-webhooks?provider=telegram', { token: admin });
    expect(log.body.items.find((i: { reason: string }) => reason.test(i.reason))).toMatchObject({
      channelAccountId: account.id,
    });
    expect(JSON.stringify(log.body)).not.toContain(secretToken);
  });

  it('a user who blocked the bot fails the reply at once; a 429 is retried after retry_after', async () => {
    const blocked = telegramMessageUpdate({ fromId: 5550005, text: 'bye' });
    await postUpdate(blocked);
    bot.blockChat(5550005);
    const failed = await waitState(
      await reply(await ticketOf(`${bot.botId}:${blocked.update_id}`), 'still there?'),
      'failed',
    );
    expect(failed.delivery_error).toMatch(/blocked the bot/);

    const limited = telegramMessageUpdate({ fromId: 5550006, text: 'hi' });
    await postUpdate(limited);
    bot.failNext(telegramError(429, 'Too Many Requests: retry after 2', 2));
    const started = Date.now();
    const replyId = await reply(await ticketOf(`${bot.botId}:${limited.update_id}`), 'after the limit');
    await waitState(replyId, 'sent', 30_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
  });
});
