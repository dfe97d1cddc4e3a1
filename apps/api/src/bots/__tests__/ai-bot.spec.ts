import { jest } from '@jest/globals';
import type { Socket } from 'socket.io-client';
import {
  FakeChatCompletions,
  type ChatRequest,
  type ChatScript,
} from '../../test-support/fake-chat-completions.js';
import { startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';
import {
  clientId,
  createChatAccount,
  visitor,
  type Visitor,
} from '../../test-support/widget-test-helpers.js';
import { AiBotResponder } from '../ai-bot-responder.js';
import { botRunnerCaughtUp as caughtUp } from './bot-runner-progress.js';

jest.setTimeout(600_000);
/** How long a reaction from the outbox may take (other projects' test files may hold transactions open). */
const REACTION_MS = 180_000;
const FIRST_RESPONSE_SECONDS = 3600;

const REFUND_TEXT = 'A refund reaches your card within 5 to 10 business days after we approve it.';
const REFUND_TEXT_DE = 'Eine Rückerstattung erreicht Ihre Karte 5 bis 10 Werktage nach unserer Freigabe.';

/**
 * An AI bot on the widget (a real socket.io visitor) whose brain is the local OpenAI-compatible
 * server: it answers from help articles and cites them, hands off to its team with a card when
 * the articles do not answer, when the customer asks for a person, after its last allowed answer
 * and when the endpoint fails; with AI assist off no request leaves; every call is in the log.
 */
describe('AI bot', () => {
  let t: TestApp;
  let provider: FakeChatCompletions;
  let admin: string;
  let support: string;
  let frontDesk: string;
  let supportAgent: { id: string; token: string };
  let chatAccount: string;
  let botId: string;
  const sockets: Socket[] = [];

  const assistSettings = (overrides: Record<string, unknown> = {}) => ({
    enabled: true,
    baseUrl: provider.baseUrl,
    model: 'llama3.1:8b',
    maskPersonalData: true,
    disabledTeamIds: [],
    timeoutSeconds: 30,
    ...overrides,
  });
  const configureAssist = async (overrides: Record<string, unknown> = {}) => {
    const res = await t.request('PUT', '/api/admin/assist-settings', {
      token: admin,
      body: assistSettings(overrides),
    });
    expect(res.status).toBe(200);
  };
  const botBody = (overrides: Record<string, unknown> = {}) => ({
    name: 'Answer bot',
    kind: 'ai',
    channelAccountId: chatAccount,
    handoffTeamId: support,
    ai: { maxTurns: 2, instructions: 'We are Acme Shop. Be warm.' },
    ...overrides,
  });

  /** The model's JSON answer, as the bot prompt asks for it. */
  const answer = (a: {
    reply: string;
    cited?: number[];
    handoff?: boolean;
    summary?: string;
  }): ChatScript => ({
    content: JSON.stringify({ cited: [], handoff: false, summary: '', ...a }),
    promptTokens: 420,
    completionTokens: 37,
  });
  const isSummaryRequest = (req: ChatRequest) => req.body.messages[0].content.includes('Summarize');
  const lastCustomerLine = (req: ChatRequest) => {
    const prompt = req.body.messages.map((m) => m.content).join('\n');
    return [...prompt.matchAll(/^Customer: (.*)$/gm)].at(-1)?.[1] ?? '';
  };
  /** A model that knows the refund article and hands off on anything else. */
  const groundedModel = (req: ChatRequest): ChatScript => {
    if (isSummaryRequest(req))
      return {
        content:
          'The customer wants: to know about refunds and the refund of order 12345\nWhat was tried: the bot explained refund times\nWhat comes next: check the order',
      };
    const prompt = req.body.messages.map((m) => m.content).join('\n');
    if (/refund/i.test(lastCustomerLine(req)) && prompt.includes(REFUND_TEXT))
      return answer({
        reply: 'A refund reaches your card within 5 to 10 business days after approval [1].',
        cited: [1],
        summary: 'The customer asked how long a refund takes; answered from the refunds article.',
      });
    return answer({
      reply: 'I will pass you to a colleague who can help with that.',
      handoff: true,
      summary: 'The customer wants to pay with bitcoin; the help articles do not cover payment methods.',
    });
  };

  const ticketRow = async (id: string) => {
    const row = await t.db.one<{ bot_id: string | null; team_id: string | null }>(
      `SELECT bot_id, team_id FROM tickets WHERE id = $1`,
      [id],
    );
    if (!row) throw new Error(`no ticket ${id}`);
    return row;
  };
  const timeline = async (id: string, token = admin) =>
    (await t.request('GET', `/api/tickets/${id}/messages`, { token })).body.items as any[];
  const handoffEvent = (id: string) =>
    waitFor(
      async () => (await timeline(id)).find((i) => i.entry === 'event' && i.type === 'transferred'),
      REACTION_MS,
      'the handoff',
    );
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
  /** Waits until the bot runner handled the ticket's messages and no AI bot turn of it is open. */
  const botSettled = async (ticketId: string) => {
    await caughtUp(t, ticketId, REACTION_MS);
    await waitFor(
      async () =>
        (
          await t.db.one<{ n: number }>(
            `SELECT count(*)::int AS n FROM ai_bot_turns WHERE ticket_id = $1 AND done_at IS NULL`,
            [ticketId],
          )
        )?.n === 0,
      REACTION_MS,
      'the AI bot to finish its turns',
    );
  };

  beforeAll(async () => {
    provider = await new FakeChatCompletions().start();
    t = await startTestApp();
    admin = await t.adminToken();
    support = await t.createTeam('Support');
    frontDesk = await t.createTeam('Front desk');
    supportAgent = await t.createUser({ email: 'sue@ai-bot.test', teamIds: [support] });
    const policy = await t.request('POST', '/api/admin/sla-policies', {
      token: admin,
      body: {
        name: 'Support hour',
        order: 1,
        conditions: { teamIds: [support] },
        targets: { firstResponseSeconds: FIRST_RESPONSE_SECONDS },
      },
    });
    expect(policy.status).toBe(201);
    for (const [title, body] of [
      ['Refunds to your card', REFUND_TEXT],
      ['Changing your password', 'Open settings and choose a new password.'],
    ]) {
      const res = await t.request('POST', '/api/kb/articles', {
        token: admin,
        body: { title, body, locale: 'en', status: 'published' },
      });
      expect(res.status).toBe(201);
      if (title !== 'Refunds to your card') continue;
      const de = await t.request('PUT', `/api/kb/articles/${res.body.id}/translations/de`, {
        token: admin,
        body: { title: 'Rückerstattung auf Ihre Karte', body: REFUND_TEXT_DE, status: 'published' },
      });
      expect(de.status).toBe(200);
    }
    chatAccount = await createChatAccount(t, {}, frontDesk);
    provider.script = groundedModel;
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await t?.close();
    await provider?.stop();
  });

  it('cannot be saved active while AI assist is off, or off for its team, with the reason', async () => {
    const off = await t.request('POST', '/api/admin/bots', { token: admin, body: botBody() });
    expect(off.status).toBe(400);
    expect(off.body.message).toMatch(
      /^kind: an active AI bot needs AI assist on for its team \(AI assist is off/,
    );

    await configureAssist({ disabledTeamIds: [support] });
    const teamOff = await t.request('POST', '/api/admin/bots', { token: admin, body: botBody() });
    expect(teamOff.status).toBe(400);
    expect(teamOff.body.message).toContain("AI assist is turned off for the bot's team");

    await configureAssist();
    const created = await t.request('POST', '/api/admin/bots', { token: admin, body: botBody() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'ai',
      handoffTeamId: support,
      ai: { maxTurns: 2, instructions: 'We are Acme Shop. Be warm.' },
    });
    expect(created.body).not.toHaveProperty('apiToken');
    botId = created.body.id;
    expect(provider.requests).toHaveLength(0);
  });

  it('answers a question an article answers, citing it; a question the articles do not cover goes to the team with the card; the clock starts then', async () => {
    const v = await visitor(t, chatAccount, {}, sockets);
    const ticketId = await send(
      v,
      'How long does a refund take to reach my card? Mail me at jo.private@example.org',
    );
    const reply = await widgetSays(v, 'within 5 to 10 business days');
    expect(reply.text).toMatch(
      /^A refund reaches your card within 5 to 10 business days after approval \[1\]\.\n\n\[1\] Refunds to your card: \S*\/help\/en\/articles\/refunds-to-your-card$/,
    );
    expect(reply.choices).toEqual([{ label: 'Talk to a person', value: 'agent' }]);
    // The model read the article's text, the question and the admin's instructions.
    const asked = provider.requests.at(-1)!;
    expect(asked.body.model).toBe('llama3.1:8b');
    const prompt = asked.body.messages.map((m) => m.content).join('\n');
    expect(prompt).toContain(REFUND_TEXT);
    expect(prompt).toContain('Customer: How long does a refund take to reach my card? Mail me at [email]');
    expect(prompt).not.toContain('jo.private@example.org');
    expect(prompt).toContain('Instructions from the business: We are Acme Shop. Be warm.');
    // While the bot holds it, the ticket is in no queue and runs no clock.
    expect(await ticketRow(ticketId)).toMatchObject({ bot_id: botId, team_id: null });
    expect(
      (await t.request('GET', `/api/tickets/${ticketId}`, { token: admin })).body.sla.firstResponseDueAt,
    ).toBeNull();

    const from = Date.now();
    await send(v, 'Can I pay with bitcoin?');
    await widgetSays(v, 'pass you to a colleague');
    const handoff = await handoffEvent(ticketId);
    const to = Date.now();
    expect(handoff.data).toMatchObject({ toTeamId: support, reason: 'ai_cannot_answer' });
    const note: string = handoff.data.note;
    expect(note).toContain(
      'Handed over by the bot "Answer bot": the help articles do not answer the question.',
    );
    expect(note).toContain(
      'Summary: The customer wants to pay with bitcoin; the help articles do not cover payment methods.',
    );
    expect(note).toContain(
      'The customer asked:\n- How long does a refund take to reach my card? Mail me at jo.private@example.org\n- Can I pay with bitcoin?',
    );
    expect(note).toContain(
      'The bot answered:\n- A refund reaches your card within 5 to 10 business days after approval [1]. / [1] Refunds to your card:',
    );
    expect(note).toMatch(
      /Articles the bot offered:\n- Refunds to your card \(\S*\/help\/en\/articles\/refunds-to-your-card\)/,
    );

    // The support agent sees the ticket in their queue, the card on its timeline, and the clock runs from the handoff.
    expect(await ticketRow(ticketId)).toMatchObject({ bot_id: null, team_id: support });
    const queue = (
      await t.request('GET', '/api/tickets?status=active&limit=100', { token: supportAgent.token })
    ).body.items;
    expect(queue.map((i: any) => i.id)).toContain(ticketId);
    const card = (await timeline(ticketId, supportAgent.token)).find(
      (i) => i.entry === 'message' && i.kind === 'transfer_note',
    );
    expect(card.text).toBe(note);
    const ticket = (await t.request('GET', `/api/tickets/${ticketId}`, { token: supportAgent.token })).body;
    const due = Date.parse(ticket.sla.firstResponseDueAt);
    expect(due).toBeGreaterThanOrEqual(from + FIRST_RESPONSE_SECONDS * 1000 - 1000);
    expect(due).toBeLessThanOrEqual(to + FIRST_RESPONSE_SECONDS * 1000 + 1000);

    // The bot is done: a further message gets no bot answer and asks the model nothing.
    const calls = provider.requests.length;
    await send(v, 'Hello?');
    await botSettled(ticketId);
    expect(provider.requests).toHaveLength(calls);
  });

  it("searches the help articles in the contact's language and masks their name and address", async () => {
    const v = await visitor(t, chatAccount, { name: 'Johanna Berger' }, sockets);
    const ticketId = await send(v, 'How long does a refund take?');
    await widgetSays(v, 'within 5 to 10 business days');
    const contactId = (await t.request('GET', `/api/tickets/${ticketId}`, { token: admin })).body.contact.id;
    const patched = await t.request('PATCH', `/api/contacts/${contactId}`, {
      token: admin,
      body: { language: 'de' },
    });
    expect(patched.status).toBe(200);
    provider.script = (req) =>
      req.body.messages.some((m) => m.content.includes(REFUND_TEXT_DE))
        ? answer({ reply: 'Hallo [customer], 5 bis 10 Werktage nach der Freigabe [1].', cited: [1] })
        : groundedModel(req);
    try {
      await send(v, 'Hier ist Johanna Berger: wie lange dauert eine Rückerstattung auf meine Karte?');
      const reply = await widgetSays(v, 'Werktage');
      // The name went out masked and came back in the answer.
      expect(reply.text).toMatch(
        /^Hallo Johanna Berger, 5 bis 10 Werktage nach der Freigabe \[1\]\.\n\n\[1\] Rückerstattung auf Ihre Karte: \S*\/help\/de\/articles\//,
      );
      const prompt = provider.lastPrompt();
      expect(prompt).toContain(REFUND_TEXT_DE);
      expect(prompt).toContain('Customer: Hier ist [customer]: wie lange dauert');
      expect(prompt).not.toContain('Johanna');
    } finally {
      provider.script = groundedModel;
    }
  });

  it('a turn whose worker is taken for dead is answered again, but the customer gets one answer', async () => {
    const responder = t.app.get(AiBotResponder, { strict: false });
    provider.script = (req) => ({ ...groundedModel(req), delayMs: 3000 });
    try {
      const v = await visitor(t, chatAccount, {}, sockets);
      const before = provider.requests.length;
      const ticketId = await send(v, 'How many days does a refund need?');
      await waitFor(() => provider.requests.length > before, REACTION_MS, 'the first model call');
      // The lease of the node that claimed the turn runs out while it still waits on the model.
      await t.db.query(
        `UPDATE ai_bot_turns SET locked_until = now() - interval '1 second' WHERE ticket_id = $1 AND done_at IS NULL`,
        [ticketId],
      );
      expect(await responder.answerDue()).toBe(1);
      await waitFor(
        async () =>
          (
            await t.db.one<{ n: number }>(
              `SELECT count(*)::int AS n FROM assist_calls WHERE ticket_id = $1`,
              [ticketId],
            )
          )?.n === 2,
        REACTION_MS,
        'both model calls to be answered',
      );
      await botSettled(ticketId);
      await new Promise((r) => setTimeout(r, 1000)); // the slower of the two writes its answer or gives up
      const answers = (await timeline(ticketId)).filter(
        (i) => i.entry === 'message' && i.kind === 'message' && i.direction === 'out',
      );
      expect(answers).toHaveLength(1);
      expect(
        v.events.filter((e) => e.name === 'message' && e.payload.message.direction === 'out'),
      ).toHaveLength(1);
    } finally {
      provider.script = groundedModel;
    }
  });

  it('typing "agent" hands off without asking the model', async () => {
    const v = await visitor(t, chatAccount, {}, sockets);
    const ticketId = await send(v, 'How long until my refund arrives?');
    await widgetSays(v, 'within 5 to 10 business days');
    const calls = provider.requests.length;
    await send(v, 'agent');
    const handoff = await handoffEvent(ticketId);
    expect(handoff.data).toMatchObject({ toTeamId: support, reason: 'customer_asked' });
    expect(handoff.data.note).toContain('Articles the bot offered:\n- Refunds to your card');
    await botSettled(ticketId);
    expect(provider.requests).toHaveLength(calls);
  });

  it('after its last allowed answer, the next message goes to the team with an AI summary', async () => {
    const v = await visitor(t, chatAccount, {}, sockets);
    const ticketId = await send(v, 'How long does a refund take?');
    await widgetSays(v, 'within 5 to 10 business days');
    await send(v, 'And a refund for order 12345?');
    await waitFor(
      () => v.events.filter((e) => e.name === 'message' && e.payload.message.direction === 'out').length >= 2,
      REACTION_MS,
      'the second answer',
    );
    await send(v, 'One more refund question');
    const handoff = await handoffEvent(ticketId);
    expect(handoff.data.reason).toBe('ai_max_turns');
    expect(handoff.data.note).toContain('the bot answered as often as it may');
    expect(handoff.data.note).toContain('Summary: The customer wants: to know about refunds');
    expect(isSummaryRequest(provider.requests.at(-1)!)).toBe(true);
  });

  it.each([
    [
      'answers 500',
      {},
      (): ChatScript => ({ status: 500, error: 'model overloaded' }),
      'the AI assist endpoint failed (the AI provider answered 500: model overloaded)',
    ],
    [
      'does not answer in time',
      { timeoutSeconds: 1 },
      (): ChatScript => ({ ...answer({ reply: 'too late' }), delayMs: 3000 }),
      'the AI assist endpoint failed (the AI provider did not answer within 1 s)',
    ],
  ])(
    'when the endpoint %s, the customer goes to the team with the reason on the card',
    async (_, settings, script, reason) => {
      await configureAssist(settings);
      provider.script = script;
      try {
        const v = await visitor(t, chatAccount, {}, sockets);
        const calls = provider.requests.length;
        const ticketId = await send(v, 'Where is my parcel?');
        const handoff = await handoffEvent(ticketId);
        expect(handoff.data).toMatchObject({ toTeamId: support, reason: 'ai_failed' });
        expect(handoff.data.note).toContain(`Handed over by the bot "Answer bot": ${reason}.`);
        expect(handoff.data.note).toContain('The customer asked:\n- Where is my parcel?');
        expect(provider.requests.length).toBe(calls + 1);
        expect(await ticketRow(ticketId)).toMatchObject({ bot_id: null, team_id: support });
      } finally {
        provider.script = groundedModel;
        await configureAssist();
      }
    },
  );

  it.each([
    ['turned off', { enabled: false }, 'AI assist is off or not configured'],
    [
      'turned off for the bot’s team',
      { disabledTeamIds: () => [support] },
      "AI assist is turned off for the bot's team",
    ],
  ])(
    'with AI assist %s, a held ticket goes to the team at once and no request leaves',
    async (_, settings, reason) => {
      const v = await visitor(t, chatAccount, {}, sockets);
      const first = await send(v, 'How long does a refund take?');
      await widgetSays(v, 'within 5 to 10 business days');
      const resolved = Object.fromEntries(
        Object.entries(settings).map(([k, value]) => [k, typeof value === 'function' ? value() : value]),
      );
      await configureAssist(resolved);
      try {
        const calls = provider.requests.length;
        await send(v, 'And another refund question');
        const handoff = await handoffEvent(first);
        expect(handoff.data).toMatchObject({ toTeamId: support, reason: 'ai_off' });
        expect(handoff.data.note).toContain(`AI assist is not available to the bot (${reason}).`);
        expect(provider.requests).toHaveLength(calls);
        // Nor can the bot be saved active again meanwhile.
        const save = await t.request('PUT', `/api/admin/bots/${botId}`, { token: admin, body: botBody() });
        expect(save.status).toBe(400);
        expect(save.body.message).toContain(reason);
      } finally {
        await configureAssist();
      }
    },
  );

  it('logs every request the bot made, with the bot, the ticket, the outcome and the token counts', async () => {
    const log = await t.request('GET', '/api/admin/assist-calls?limit=200', { token: admin });
    expect(log.status).toBe(200);
    const items = log.body.items as any[];
    // Every request the local server received is one entry, and the bot made them all.
    expect(items).toHaveLength(provider.requests.length);
    for (const item of items) {
      expect(item.bot).toEqual({ id: botId, name: 'Answer bot' });
      expect(item.user).toBeNull();
      expect(item.ticket).toEqual({ id: expect.any(String), number: expect.any(Number) });
      expect(item.model).toBe('llama3.1:8b');
    }
    const answered = items.filter((i) => i.purpose === 'bot_reply' && i.outcome === 'ok');
    expect(answered.length).toBeGreaterThanOrEqual(5);
    for (const a of answered)
      expect(a).toMatchObject({ promptTokens: 420, completionTokens: 37, error: null });
    expect(items.filter((i) => i.purpose === 'summary' && i.outcome === 'ok')).toHaveLength(1);
    const failed = items.filter((i) => i.outcome === 'failed');
    expect(failed.map((f) => f.error).sort()).toEqual([
      'the AI provider answered 500: model overloaded',
      'the AI provider did not answer within 1 s',
    ]);
    for (const f of failed) expect(f).toMatchObject({ promptTokens: null, completionTokens: null });
  });
});
