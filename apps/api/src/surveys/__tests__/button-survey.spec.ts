import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import {
  FakeGraph,
  FakeTelegram,
  metaMessageWebhook,
  signMetaBody,
  telegramMessageUpdate,
} from '@switchboard/test-support-providers';
import { startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';

const APP_SECRET = 'meta-app-secret-for-survey-tests';

jest.setTimeout(90_000);

describe('CSAT with buttons: Messenger quick replies (local Graph server), Telegram inline keyboard (local Bot API)', () => {
  let t: TestApp;
  let graph: FakeGraph;
  let bot: FakeTelegram;
  let admin: string;
  let agent: { id: string; token: string };
  let messengerId: string;
  let telegram: { id: string };
  let telegramSecret: string;
  let dataDir: string;

  beforeAll(async () => {
    graph = new FakeGraph();
    await graph.start();
    bot = new FakeTelegram();
    await bot.start();
    dataDir = await mkdtemp(join(tmpdir(), 'sb-button-survey-'));
    t = await startTestApp({ dataDir });
    admin = await t.adminToken();
    agent = await t.createUser({ email: 'bea@buttons.test' });
    const create = async (kind: string, config: Record<string, unknown>) => {
      const res = await t.request('POST', '/api/admin/channel-accounts', {
        token: admin,
        body: { kind, name: `${kind} survey`, config },
      });
      expect(res.status).toBe(201);
      return res.body;
    };
    messengerId = (
      await create('messenger', {
        pageId: graph.pageId,
        pageAccessToken: graph.pageAccessToken,
        appSecret: APP_SECRET,
        verifyToken: 'verify',
        apiBaseUrl: graph.url,
      })
    ).id;
    telegram = await create('telegram', {
      botToken: bot.botToken,
      apiBaseUrl: bot.url,
      publicUrl: 'https://helpdesk.example.com',
    });
    telegramSecret = bot.webhook!.secretToken!;
    const put = await t.request('PUT', '/api/admin/survey-settings', {
      token: admin,
      body: {
        csat: { enabled: true, delaySeconds: 0 },
        ces: { enabled: false },
        nps: { enabled: false, minDaysBetween: 90, afterSolvedTickets: 3 },
      },
    });
    expect(put.status).toBe(200);
  });

  afterAll(async () => {
    await t?.close();
    await graph?.close();
    await bot?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const postMeta = (body: unknown) => {
    const raw = JSON.stringify(body);
    return t.request('POST', `/api/webhooks/meta/${messengerId}`, {
      raw,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signMetaBody(raw, APP_SECRET) },
    });
  };
  const postTelegram = (update: unknown) =>
    t.request('POST', `/api/webhooks/telegram/${telegram.id}`, {
      body: update,
      headers: { 'x-telegram-bot-api-secret-token': telegramSecret },
    });
  const ticketOfExternal = (externalId: string) =>
    waitFor(
      () =>
        t.db.one<{ ticket_id: string }>(`SELECT ticket_id FROM messages WHERE external_id = $1`, [
          externalId,
        ]),
      10_000,
      'the ticket',
    ).then((r) => r.ticket_id);
  const solve = async (ticketId: string) => {
    await t.request('PATCH', `/api/tickets/${ticketId}`, { token: admin, body: { assigneeId: agent.id } });
    expect(
      (
        await t.request('PATCH', `/api/tickets/${ticketId}`, {
          token: agent.token,
          body: { status: 'solved' },
        })
      ).status,
    ).toBe(200);
  };
  const responses = (ticketId: string) =>
    t.db.query<{ score: number; comment: string | null; agent_id: string; channel: string }>(
      `SELECT score, comment, agent_id, channel FROM survey_responses WHERE ticket_id = $1`,
      [ticketId],
    );
  const inboundCount = async (ticketId: string) =>
    (await t.db.query(`SELECT 1 FROM messages WHERE ticket_id = $1 AND direction = 'in'`, [ticketId])).length;

  it('Messenger: the survey has five quick replies; tapping one records the score on the right ticket and agent, once', async () => {
    const senderId = `psid${randomBytes(4).toString('hex')}`;
    const first = metaMessageWebhook({
      object: 'page',
      pageId: graph.pageId,
      senderId,
      text: 'Order never came',
    });
    expect((await postMeta(first)).status).toBe(200);
    const mid = (first.entry as Array<{ messaging: Array<{ message: { mid: string } }> }>)[0].messaging[0]
      .message.mid;
    const ticketId = await ticketOfExternal(mid);
    await solve(ticketId);
    const survey = await waitFor(
      () => graph.sent.find((m) => m.recipientId === senderId && m.quickReplies),
      15_000,
      'the survey with quick replies',
    );
    expect(survey.text).toBe('How would you rate the support you received?');
    expect(survey.quickReplies!.map((q) => q.title)).toEqual(['1', '2', '3', '4', '5']);

    // Messenger delivers a quick-reply tap as a message with the button's title and payload.
    const tap = metaMessageWebhook({ object: 'page', pageId: graph.pageId, senderId, text: '4' });
    (
      tap.entry as Array<{ messaging: Array<{ message: Record<string, unknown> }> }>
    )[0].messaging[0].message.quick_reply = {
      payload: '4',
    };
    expect((await postMeta(tap)).status).toBe(200);
    await waitFor(async () => (await responses(ticketId)).length > 0, 5_000, 'the answer');
    expect(await responses(ticketId)).toEqual([
      { score: 4, comment: null, agent_id: agent.id, channel: 'messenger' },
    ]);
    expect(await inboundCount(ticketId)).toBe(1);
    expect(graph.sent.filter((m) => m.recipientId === senderId && m.quickReplies)).toHaveLength(1);
  });

  it('Telegram: the survey has an inline keyboard; a tap (callback query) records the score and stops the spinner', async () => {
    const fromId = 7_000_000 + Math.floor(Math.random() * 1_000_000);
    const first = telegramMessageUpdate({ fromId, text: 'Bot does not answer' });
    expect((await postTelegram(first)).status).toBe(200);
    const ticketId = await ticketOfExternal(`${bot.botToken.split(':')[0]}:${first.update_id}`);
    await solve(ticketId);
    const survey = await waitFor(
      () =>
        bot.calls.find(
          (c) =>
            c.method === 'sendMessage' &&
            String(c.params.chat_id) === String(fromId) &&
            c.params.reply_markup,
        ),
      15_000,
      'the survey with a keyboard',
    );
    const keyboard = survey.params.reply_markup as {
      inline_keyboard: Array<Array<{ text: string; callback_data: string }>>;
    };
    expect(keyboard.inline_keyboard.flat().map((b) => b.callback_data)).toEqual(['1', '2', '3', '4', '5']);

    const tap = {
      update_id: (first.update_id as number) + 1,
      callback_query: {
        id: `cb${randomBytes(6).toString('hex')}`,
        from: { id: fromId, is_bot: false, first_name: 'Ada' },
        message: { message_id: 99, chat: { id: fromId, type: 'private' } },
        data: '2',
      },
    };
    expect((await postTelegram(tap)).status).toBe(200);
    expect(await responses(ticketId)).toEqual([
      { score: 2, comment: null, agent_id: agent.id, channel: 'telegram' },
    ]);
    expect(await inboundCount(ticketId)).toBe(1);
    expect(bot.calls.find((c) => c.method === 'answerCallbackQuery')?.params.callback_query_id).toBe(
      tap.callback_query.id,
    );
    // Telegram retries an update it did not see answered: the same update stores nothing more.
    expect((await postTelegram(tap)).status).toBe(200);
    expect(await responses(ticketId)).toHaveLength(1);
  });
});
