import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { FakeTelegram, telegramMessageUpdate } from '@switchboard/test-support-providers';
import type { Socket } from 'socket.io-client';
import { startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';
import { botRunnerCaughtUp as caughtUp } from './bot-runner-progress.js';
import {
  clientId,
  createChatAccount,
  visitor,
  type Visitor,
} from '../../test-support/widget-test-helpers.js';

jest.setTimeout(600_000);
/**
 * How long a reaction from the outbox may take: consumers wait for every older transaction on
 * the PostgreSQL server, and test files of other projects running at once may hold one open.
 */
const REACTION_MS = 180_000;

const FIRST_RESPONSE_SECONDS = 3600;

/**
 * A flow bot on the widget (a real socket.io visitor) and on Telegram (the local Bot API server):
 * it offers buttons, collects an order number onto the ticket and hands off to billing with a
 * card that says what happened; while it holds the ticket no agent queue shows it and no SLA
 * clock runs; "agent" reaches a person at once.
 */
describe('flow bot', () => {
  let t: TestApp;
  let admin: string;
  let billing: string;
  let general: string;
  let billingAgent: { id: string; token: string };
  let chatAccount: string;
  let telegram: { id: string };
  let telegramSecret: string;
  let tg: FakeTelegram;
  let dataDir: string;
  let refundArticle: string;
  const sockets: Socket[] = [];

  const flow = () => ({
    start: 'welcome',
    steps: [
      {
        id: 'welcome',
        type: 'buttons',
        text: 'Hi! What is it about?',
        options: [
          { label: 'Billing', value: 'billing', next: 'ask_order' },
          { label: 'Something else', value: 'other', next: 'search' },
        ],
        saveAs: 'topic',
      },
      {
        id: 'ask_order',
        type: 'ask',
        text: 'What is your order number?',
        saveAs: 'orderNumber',
        store: { on: 'ticket', field: 'order_number' },
        pattern: '^\\d{5,}$',
        retryText: 'An order number has at least five digits. What is yours?',
        next: 'to_billing',
      },
      { id: 'to_billing', type: 'handoff', teamId: billing, text: 'Thanks! Billing takes it from here.' },
      { id: 'search', type: 'search_kb', text: 'These articles may help:', next: 'helped' },
      {
        id: 'helped',
        type: 'buttons',
        text: 'Did that help?',
        options: [
          { label: 'Yes', value: 'yes' },
          { label: 'No', value: 'no' },
        ],
        saveAs: 'helped',
        next: 'decide',
      },
      {
        id: 'decide',
        type: 'branch',
        on: 'helped',
        cases: [{ equals: 'yes', next: 'bye' }],
        otherwise: 'to_team',
      },
      { id: 'bye', type: 'send_text', text: 'Glad we could help!' },
      { id: 'to_team', type: 'handoff' },
    ],
  });

  const ticketRow = async (id: string) => {
    const row = await t.db.one<{
      bot_id: string | null;
      team_id: string | null;
      status: string;
      custom_fields: Record<string, unknown>;
    }>(`SELECT bot_id, team_id, status, custom_fields FROM tickets WHERE id = $1`, [id]);
    if (!row) throw new Error(`no ticket ${id}`);
    return row;
  };
  const timeline = async (id: string) =>
    (await t.request('GET', `/api/tickets/${id}/messages`, { token: admin })).body.items as any[];
  const botMessages = async (id: string) =>
    (await timeline(id)).filter(
      (i) => i.entry === 'message' && i.kind === 'message' && i.direction === 'out',
    );
  const handoffEvent = (id: string) =>
    waitFor(
      async () => (await timeline(id)).find((i) => i.entry === 'event' && i.type === 'transferred'),
      REACTION_MS,
      'the handoff',
    );

  const botRunnerCaughtUp = (ticketId: string) => caughtUp(t, ticketId, REACTION_MS);

  /** The visitor's next bot message carrying the given text. */
  const widgetSays = (v: Visitor, text: string) =>
    waitFor(
      () =>
        v.events.find(
          (e) =>
            e.name === 'message' &&
            e.payload.message.direction === 'out' &&
            e.payload.message.text.includes(text),
        )?.payload.message,
      REACTION_MS,
      `the bot saying "${text}" in the widget`,
    );
  const send = async (v: Visitor, text: string) => {
    const ack = await v.emit('message.send', { text, clientId: clientId() });
    expect(ack.ok).toBe(true);
    return ack.ticketId as string;
  };

  /** Asserts that the ticket is in no agent's or admin's list and runs no SLA clock. */
  const expectHeldByBot = async (ticketId: string) => {
    const row = await ticketRow(ticketId);
    expect(row.bot_id).not.toBeNull();
    expect(row.team_id).toBeNull();
    for (const token of [admin, billingAgent.token]) {
      const list = (await t.request('GET', '/api/tickets?status=active&limit=100', { token })).body.items;
      expect(list.map((i: any) => i.id)).not.toContain(ticketId);
    }
    const ticket = (await t.request('GET', `/api/tickets/${ticketId}`, { token: admin })).body;
    expect(ticket.botId).toBe(row.bot_id);
    expect(ticket.sla.firstResponseDueAt).toBeNull();
    expect(await t.db.query(`SELECT 1 FROM sla_clock_entries WHERE ticket_id = $1`, [ticketId])).toHaveLength(
      0,
    );
  };

  /** The handoff moved the ticket into billing's queue, and the first-response clock started then. */
  const expectHandedOffToBilling = async (ticketId: string, handoffWindow: { from: number; to: number }) => {
    const row = await ticketRow(ticketId);
    expect(row).toMatchObject({ bot_id: null, team_id: billing });
    const list = (
      await t.request('GET', '/api/tickets?status=active&limit=100', { token: billingAgent.token })
    ).body.items;
    expect(list.map((i: any) => i.id)).toContain(ticketId);
    const ticket = (await t.request('GET', `/api/tickets/${ticketId}`, { token: billingAgent.token })).body;
    expect(ticket).not.toHaveProperty('botId');
    const due = Date.parse(ticket.sla.firstResponseDueAt);
    expect(due).toBeGreaterThanOrEqual(handoffWindow.from + FIRST_RESPONSE_SECONDS * 1000 - 1000);
    expect(due).toBeLessThanOrEqual(handoffWindow.to + FIRST_RESPONSE_SECONDS * 1000 + 1000);
  };

  beforeAll(async () => {
    tg = new FakeTelegram();
    await tg.start();
    dataDir = await mkdtemp(join(tmpdir(), 'sb-flow-bot-'));
    t = await startTestApp({ dataDir });
    admin = await t.adminToken();
    billing = await t.createTeam('Billing');
    general = await t.createTeam('Front desk');
    billingAgent = await t.createUser({ email: 'bill@bots.test', teamIds: [billing] });
    const field = await t.request('POST', '/api/admin/custom-fields', {
      token: admin,
      body: { entity: 'ticket', key: 'order_number', label: 'Order number', type: 'text' },
    });
    expect(field.status).toBe(201);
    const policy = await t.request('POST', '/api/admin/sla-policies', {
      token: admin,
      body: {
        name: 'Billing hour',
        order: 1,
        conditions: { teamIds: [billing] },
        targets: { firstResponseSeconds: FIRST_RESPONSE_SECONDS },
      },
    });
    expect(policy.status).toBe(201);
    const article = await t.request('POST', '/api/kb/articles', {
      token: admin,
      body: {
        title: 'Getting a refund',
        body: 'A refund reaches your card within five days.',
        locale: 'en',
        status: 'published',
      },
    });
    refundArticle = article.body.id;
    chatAccount = await createChatAccount(t, {}, general);
    const tgAccount = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: {
        kind: 'telegram',
        name: 'Telegram',
        teamId: general,
        config: { botToken: tg.botToken, apiBaseUrl: tg.url, publicUrl: 'https://helpdesk.example.com' },
      },
    });
    expect(tgAccount.status).toBe(201);
    telegram = tgAccount.body;
    telegramSecret = tg.webhook!.secretToken!;
    for (const [name, account] of [
      ['Widget helper', chatAccount],
      ['Telegram helper', telegram.id],
    ]) {
      const bot = await t.request('POST', '/api/admin/bots', {
        token: admin,
        body: { name, kind: 'flow', channelAccountId: account, handoffTeamId: general, flow: flow() },
      });
      expect(bot.status).toBe(201);
    }
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await t?.close();
    await tg?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('widget: buttons, an order number stored on the ticket, a handoff to billing with the card; the clock starts at handoff', async () => {
    const v = await visitor(t, chatAccount, {}, sockets);
    // The visitor read a help article before asking: the card will say so.
    await t.request('POST', '/api/public/kb/events', {
      raw: JSON.stringify({
        accountId: chatAccount,
        token: v.token,
        type: 'opened',
        articleIds: [refundArticle],
      }),
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
    });
    const ticketId = await send(v, 'I was charged twice for my order');
    const welcome = await widgetSays(v, 'What is it about?');
    expect(welcome.choices).toEqual([
      { label: 'Billing', value: 'billing' },
      { label: 'Something else', value: 'other' },
      { label: 'Talk to a person', value: 'agent' },
    ]);
    await expectHeldByBot(ticketId);

    await send(v, 'billing'); // the button's value, as the widget sends a press
    await widgetSays(v, 'What is your order number?');
    await send(v, '12');
    await widgetSays(v, 'at least five digits');
    await expectHeldByBot(ticketId);

    const from = Date.now();
    await send(v, '4711007');
    await widgetSays(v, 'Billing takes it from here');
    const handoff = await handoffEvent(ticketId);
    const to = Date.now();
    expect((await ticketRow(ticketId)).custom_fields).toEqual({ order_number: '4711007' });
    expect(handoff.data).toMatchObject({
      toTeamId: billing,
      reason: 'flow',
      collected: { topic: 'billing', orderNumber: '4711007' },
    });
    const note: string = handoff.data.note;
    expect(note).toContain('Handed over by the bot "Widget helper"');
    expect(note).toContain('The customer asked:\n- I was charged twice for my order');
    expect(note).toContain('- What is your order number?');
    expect(note).toContain(
      'Articles the customer opened:\n- Getting a refund (/help/en/articles/getting-a-refund)',
    );
    expect(note).toContain('Collected:\n- topic: billing\n- orderNumber: 4711007');
    await expectHandedOffToBilling(ticketId, { from, to });

    // The bot is done: a further message waits for billing and gets no bot answer.
    const answered = (await botMessages(ticketId)).length;
    await send(v, 'Thanks, waiting');
    await botRunnerCaughtUp(ticketId);
    expect(await botMessages(ticketId)).toHaveLength(answered);
  });

  it('widget: pressing "Talk to a person" mid-flow hands off at once to the bot\'s team', async () => {
    const v = await visitor(t, chatAccount, {}, sockets);
    const ticketId = await send(v, 'How long does a refund take?');
    await widgetSays(v, 'What is it about?');
    await send(v, 'other');
    // The knowledge base step searches for what the visitor asked first, not for the button pressed.
    const articles = await widgetSays(v, 'These articles may help');
    expect(articles.text).toBe(
      'These articles may help:\n- Getting a refund: /help/en/articles/getting-a-refund',
    );
    await widgetSays(v, 'Did that help?');
    await send(v, 'agent');
    const handoff = await handoffEvent(ticketId);
    expect(handoff.data).toMatchObject({ toTeamId: general, reason: 'customer_asked' });
    expect(handoff.data.note).toContain('the customer asked for a person');
    expect(handoff.data.note).toContain(
      'Articles the bot offered:\n- Getting a refund (/help/en/articles/getting-a-refund)',
    );
    expect((await ticketRow(ticketId)).bot_id).toBeNull();
  });

  describe('Telegram', () => {
    const postTelegram = (update: unknown) =>
      t.request('POST', `/api/webhooks/telegram/${telegram.id}`, {
        body: update,
        headers: { 'x-telegram-bot-api-secret-token': telegramSecret },
      });
    const tap = (fromId: number, data: string) => ({
      update_id: Math.floor(Math.random() * 1e9),
      callback_query: {
        id: `cb${randomBytes(6).toString('hex')}`,
        from: { id: fromId, is_bot: false, first_name: 'Ada' },
        message: { message_id: 99, chat: { id: fromId, type: 'private' } },
        data,
      },
    });
    const botSent = (fromId: number, text: string) =>
      waitFor(
        () =>
          tg.calls.find(
            (c) =>
              c.method === 'sendMessage' &&
              String(c.params.chat_id) === String(fromId) &&
              String(c.params.text).includes(text),
          ),
        REACTION_MS,
        `the bot sending "${text}" on Telegram`,
      );
    const ticketOf = async (fromId: number) =>
      (
        await waitFor(
          () =>
            t.db.one<{ ticket_id: string }>(
              `SELECT m.ticket_id FROM messages m JOIN contact_identities i ON i.id = m.identity_id
                WHERE i.kind = 'telegram' AND i.address = $1 ORDER BY m.created_at LIMIT 1`,
              [String(fromId)],
            ),
          REACTION_MS,
          'the Telegram ticket',
        )
      ).ticket_id;

    it('buttons as an inline keyboard, the order number on the ticket, a handoff to billing with the card', async () => {
      const fromId = 8_000_000 + Math.floor(Math.random() * 1_000_000);
      expect(
        (await postTelegram(telegramMessageUpdate({ fromId, text: 'My invoice is wrong' }))).status,
      ).toBe(200);
      const welcome = await botSent(fromId, 'What is it about?');
      const keyboard = welcome.params.reply_markup as {
        inline_keyboard: Array<Array<{ text: string; callback_data: string }>>;
      };
      expect(keyboard.inline_keyboard.flat().map((b) => [b.text, b.callback_data])).toEqual([
        ['Billing', 'billing'],
        ['Something else', 'other'],
        ['Talk to a person', 'agent'],
      ]);
      const ticketId = await ticketOf(fromId);
      await expectHeldByBot(ticketId);

      expect((await postTelegram(tap(fromId, 'billing'))).status).toBe(200);
      await botSent(fromId, 'What is your order number?');
      const from = Date.now();
      expect((await postTelegram(telegramMessageUpdate({ fromId, text: '99887766' }))).status).toBe(200);
      await botSent(fromId, 'Billing takes it from here');
      const handoff = await handoffEvent(ticketId);
      const to = Date.now();
      expect((await ticketRow(ticketId)).custom_fields).toEqual({ order_number: '99887766' });
      expect(handoff.data.note).toContain('The customer asked:\n- My invoice is wrong');
      expect(handoff.data.note).toContain('- orderNumber: 99887766');
      await expectHandedOffToBilling(ticketId, { from, to });
    });

    it('typing "agent" mid-flow hands off at once', async () => {
      const fromId = 9_000_000 + Math.floor(Math.random() * 1_000_000);
      await postTelegram(telegramMessageUpdate({ fromId, text: 'Where is my parcel?' }));
      await botSent(fromId, 'What is it about?');
      const ticketId = await ticketOf(fromId);
      await postTelegram(tap(fromId, 'billing'));
      await botSent(fromId, 'What is your order number?');
      await postTelegram(telegramMessageUpdate({ fromId, text: 'Agent' }));
      const handoff = await handoffEvent(ticketId);
      expect(handoff.data).toMatchObject({
        toTeamId: general,
        reason: 'customer_asked',
        collected: { topic: 'billing' },
      });
      expect(await ticketRow(ticketId)).toMatchObject({ bot_id: null, team_id: general });
    });
  });
});
