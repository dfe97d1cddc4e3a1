import { jest } from '@jest/globals';
import { verifyCallback } from '@switchboard/channel-api';
import { startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';
import { CallbackReceiver } from '../../test-support/callback-receiver.js';
import { botRunnerCaughtUp as caughtUp } from './bot-runner-progress.js';
import { MAX_WEBHOOK_ATTEMPTS } from '../bot-webhook-dispatcher.js';

jest.setTimeout(600_000);
/**
 * How long a reaction from the outbox may take: consumers wait for every older transaction on
 * the PostgreSQL server, and test files of other projects running at once may hold one open.
 */
const REACTION_MS = 180_000;
const botRunnerCaughtUp = (t: TestApp, ticketId: string) => caughtUp(t, ticketId, REACTION_MS);

/**
 * An external bot: each customer message reaches its server as a signed webhook, it answers and
 * hands off through the API with its own token; once a person holds the ticket its late answer
 * is refused. Admins' flows with a loop or a missing step are refused when saved.
 */

describe('external bot and bot administration', () => {
  let t: TestApp;
  let admin: string;
  let support: string;
  let agent: { id: string; token: string };
  let receiver: CallbackReceiver;
  let account: { id: string; apiKey: string };
  let bot: { id: string; signingSecret: string; apiToken: string };

  const asBot = (method: string, path: string, body: unknown, token = bot.apiToken) =>
    t.request(method, path, { token, body });

  beforeAll(async () => {
    receiver = await new CallbackReceiver().start();
    t = await startTestApp();
    admin = await t.adminToken();
    support = await t.createTeam('Support');
    agent = await t.createUser({ email: 'sam@bots.test', teamIds: [support] });
    account = await t.createApiAccount({ teamId: support });
    const res = await t.request('POST', '/api/admin/bots', {
      token: admin,
      body: { name: 'Acme AI', kind: 'external', channelAccountId: account.id, webhookUrl: receiver.url },
    });
    expect(res.status).toBe(201);
    expect(res.body.signingSecret).toMatch(/^whsec_/);
    expect(res.body.apiToken).toMatch(/^sbt_/);
    bot = res.body;
    // Secrets are shown once: reading the bot again does not reveal them.
    const again = await t.request('GET', `/api/admin/bots/${bot.id}`, { token: admin });
    expect(again.body).not.toHaveProperty('signingSecret');
    expect(again.body).not.toHaveProperty('apiToken');
  });

  afterAll(async () => {
    await t?.close();
    await receiver?.stop();
  });

  it('answers two messages through the API and hands off with a summary; a late answer is a 409', async () => {
    const first = await t.inbound(account, {
      externalId: 'ext-1',
      from: { handle: 'ines@example.com', name: 'Ines' },
      text: 'Can I change my delivery address?',
    });
    const ticketId = first.body.ticketId as string;
    const hook1 = await waitFor(
      () => receiver.received.find((r) => r.json.message.text.startsWith('Can I change')),
      REACTION_MS,
      'the first webhook',
    );
    expect(verifyCallback(bot.signingSecret, hook1.timestamp, hook1.body, hook1.signature)).toBe(true);
    expect(hook1.json).toMatchObject({
      event: 'message.created',
      botId: bot.id,
      ticket: { id: ticketId },
      contact: { name: 'Ines' },
    });
    expect(hook1.idempotencyKey).toBe(`${bot.id}:${hook1.json.message.id}`);

    // While the bot holds the ticket, the support team's agent does not see it.
    expect((await t.request('GET', `/api/tickets/${ticketId}`, { token: agent.token })).status).toBe(404);
    const reply1 = await asBot('POST', `/api/tickets/${ticketId}/bot-reply`, {
      text: 'Sure! What is the new address?',
    });
    expect(reply1.status).toBe(201);

    await t.inbound(account, {
      externalId: 'ext-2',
      from: { handle: 'ines@example.com' },
      text: '5 Elm Street, Springfield',
    });
    await waitFor(
      () => receiver.received.find((r) => r.json.message.text.startsWith('5 Elm')),
      REACTION_MS,
      'the second webhook',
    );
    expect(
      (
        await asBot('POST', `/api/tickets/${ticketId}/bot-reply`, {
          text: 'Thanks, a colleague will confirm it.',
          choices: [{ label: 'OK', value: 'ok' }],
        })
      ).status,
    ).toBe(201);

    const handoff = await asBot('POST', `/api/tickets/${ticketId}/handoff`, {
      summary: 'Customer wants the delivery address of the open order changed.',
      collected: { newAddress: '5 Elm Street, Springfield' },
    });
    expect(handoff.status).toBe(200);
    expect(handoff.body).toMatchObject({ id: ticketId, teamId: support });

    // The agent now sees it, with the card.
    const items = (await t.request('GET', `/api/tickets/${ticketId}/messages`, { token: agent.token })).body
      .items as any[];
    const event = items.find((i) => i.entry === 'event' && i.type === 'transferred');
    expect(event.data).toMatchObject({
      toTeamId: support,
      reason: 'external',
      collected: { newAddress: '5 Elm Street, Springfield' },
    });
    expect(event.data.note).toBe(
      [
        'Handed over by the bot "Acme AI": the bot handed over.',
        'Summary: Customer wants the delivery address of the open order changed.',
        'The customer asked:',
        '- Can I change my delivery address?',
        '- 5 Elm Street, Springfield',
        'The bot answered:',
        '- Sure! What is the new address?',
        '- Thanks, a colleague will confirm it.',
        'Collected:',
        '- newAddress: 5 Elm Street, Springfield',
      ].join('\n'),
    );
    const botReplies = items.filter(
      (i) => i.entry === 'message' && i.direction === 'out' && i.kind === 'message',
    );
    expect(botReplies.map((m) => m.text)).toEqual([
      'Sure! What is the new address?',
      'Thanks, a colleague will confirm it.',
    ]);

    // A person holds the ticket now: the bot may neither answer nor hand off again.
    const late = await asBot('POST', `/api/tickets/${ticketId}/bot-reply`, { text: 'One more thing…' });
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('no longer holds');
    expect((await asBot('POST', `/api/tickets/${ticketId}/handoff`, { summary: 'again' })).status).toBe(409);
    // The customer's next message goes to the team, not to the bot.
    const hooks = receiver.received.filter((r) => r.json?.event === 'message.created').length;
    await t.inbound(account, {
      externalId: 'ext-3',
      from: { handle: 'ines@example.com' },
      text: 'Any news?',
    });
    await botRunnerCaughtUp(t, ticketId);
    expect(receiver.received.filter((r) => r.json?.event === 'message.created')).toHaveLength(hooks);
  });

  it("only the bot's own token answers as the bot; bad input is a 400", async () => {
    const { ticketId } = (
      await t.inbound(account, { externalId: 'ext-10', from: { handle: 'ola@example.com' }, text: 'Hello?' })
    ).body;
    expect((await asBot('POST', `/api/tickets/${ticketId}/bot-reply`, { text: 'Hi' }, admin)).status).toBe(
      403,
    );
    const blank = await asBot('POST', `/api/tickets/${ticketId}/bot-reply`, { text: '  ' });
    expect(blank.status).toBe(400);
    expect(blank.body.message).toContain('text');
    const team = await asBot('POST', `/api/tickets/${ticketId}/handoff`, {
      summary: 'x',
      teamId: '00000000-0000-4000-8000-000000000000',
    });
    expect(team.status).toBe(400);
    expect(team.body.message).toContain('teamId');
    expect(
      (await asBot('POST', '/api/tickets/00000000-0000-4000-8000-000000000000/bot-reply', { text: 'Hi' }))
        .status,
    ).toBe(404);
  });

  it('a person replying takes the ticket from the bot: it joins the queue, its clock starts, the bot is refused', async () => {
    const policy = await t.request('POST', '/api/admin/sla-policies', {
      token: admin,
      body: {
        name: 'Support',
        order: 1,
        conditions: { teamIds: [support] },
        targets: { firstResponseSeconds: 600 },
      },
    });
    expect(policy.status).toBe(201);
    const { ticketId } = (
      await t.inbound(account, {
        externalId: 'ext-30',
        from: { handle: 'uma@example.com' },
        text: 'Hello there',
      })
    ).body;
    const list = async () =>
      (await t.request('GET', '/api/tickets?status=active&limit=100', { token: admin })).body.items.map(
        (i: any) => i.id,
      );
    expect(await list()).not.toContain(ticketId);
    const reply = await t.request('POST', `/api/tickets/${ticketId}/messages`, {
      token: admin,
      body: { kind: 'reply', body: 'Hi, Alex from support here.' },
    });
    expect(reply.status).toBe(201);
    expect(await list()).toContain(ticketId);
    const ticket = (await t.request('GET', `/api/tickets/${ticketId}`, { token: admin })).body;
    expect(ticket).not.toHaveProperty('botId');
    expect(ticket.teamId).toBe(support);
    expect(
      (
        await t.db.query(`SELECT 1 FROM sla_clock_entries WHERE ticket_id = $1 AND action = 'start'`, [
          ticketId,
        ])
      ).length,
    ).toBeGreaterThan(0);
    expect((await asBot('POST', `/api/tickets/${ticketId}/bot-reply`, { text: 'Me too!' })).status).toBe(409);
  });

  it('"agent" reaches a person at once, without asking the bot', async () => {
    const { ticketId } = (
      await t.inbound(account, { externalId: 'ext-20', from: { handle: 'pia@example.com' }, text: 'agent' })
    ).body;
    await waitFor(
      async () =>
        (await t.db.one<{ bot_id: string | null }>(`SELECT bot_id FROM tickets WHERE id = $1`, [ticketId]))
          ?.bot_id === null,
      REACTION_MS,
      'the handoff',
    );
    expect(receiver.received.filter((r) => r.json?.ticket?.id === ticketId)).toHaveLength(0);
  });

  it('a refused webhook is retried with the same idempotency key; a bot that stays unreachable hands off', async () => {
    const flaky = await new CallbackReceiver().start();
    try {
      let refuse = 1;
      flaky.respond = (_, res) =>
        refuse-- > 0 ? res.writeHead(503).end('busy') : res.writeHead(200).end('ok');
      const other = await t.createApiAccount({ teamId: support });
      const created = await t.request('POST', '/api/admin/bots', {
        token: admin,
        body: { name: 'Flaky', kind: 'external', channelAccountId: other.id, webhookUrl: flaky.url },
      });
      expect(created.status).toBe(201);
      const first = (
        await t.inbound(other, { externalId: 'flaky-1', from: { handle: 'vic@example.com' }, text: 'Hi' })
      ).body;
      await waitFor(() => flaky.received.length >= 2, REACTION_MS, 'the retried webhook');
      expect(new Set(flaky.received.map((r) => r.idempotencyKey)).size).toBe(1);
      await waitFor(
        () =>
          t.db.one(
            `SELECT 1 FROM bot_webhook_deliveries WHERE ticket_id = $1 AND attempts = 2 AND delivered_at IS NOT NULL`,
            [first.ticketId],
          ),
        REACTION_MS,
        'the delivery recorded after its second attempt',
      );

      // From now on the bot answers 503 only; its last attempt is due.
      flaky.respond = (_, res) => res.writeHead(503).end('down');
      const second = (
        await t.inbound(other, { externalId: 'flaky-2', from: { handle: 'wes@example.com' }, text: 'Hello?' })
      ).body;
      await waitFor(
        () =>
          t.db.one(
            `SELECT 1 FROM bot_webhook_deliveries WHERE ticket_id = $1 AND attempts >= 1 AND locked_until IS NULL`,
            [second.ticketId],
          ),
        REACTION_MS,
        'the first refused attempt',
      );
      await t.db.query(
        `UPDATE bot_webhook_deliveries SET attempts = ${MAX_WEBHOOK_ATTEMPTS - 1}, next_attempt_at = now() WHERE ticket_id = $1`,
        [second.ticketId],
      );
      const items = await waitFor(
        async () => {
          const timeline = (
            await t.request('GET', `/api/tickets/${second.ticketId}/messages`, { token: admin })
          ).body.items as any[];
          return timeline.some((i) => i.entry === 'event' && i.type === 'transferred') && timeline;
        },
        REACTION_MS,
        'the handoff of an unreachable bot',
      );
      const handoff = items.find((i: any) => i.entry === 'event' && i.type === 'transferred');
      expect(handoff.data).toMatchObject({ toTeamId: support, reason: 'bot_unreachable' });
      expect(handoff.data.note).toContain('the bot could not be reached');
    } finally {
      await flaky.stop();
    }
  });

  describe('saving a flow', () => {
    const save = (flow: unknown, method = 'POST', path = '/api/admin/bots') =>
      t.request(method, path, {
        token: admin,
        body: { name: 'Flowy', kind: 'flow', channelAccountId: account.id, active: false, flow },
      });

    it('refuses a loop and a missing step with the reason', async () => {
      const loop = await save({
        start: 'ask',
        steps: [
          {
            id: 'ask',
            type: 'buttons',
            text: 'Again?',
            options: [
              { label: 'Yes', next: 'again' },
              { label: 'No', next: 'done' },
            ],
          },
          { id: 'again', type: 'send_text', text: 'Here we go', next: 'ask' },
          { id: 'done', type: 'handoff' },
        ],
      });
      expect(loop.status).toBe(400);
      expect(loop.body.message).toBe('flow.steps form a loop: ask → again → ask');
      const missing = await save({
        start: 'hello',
        steps: [{ id: 'hello', type: 'send_text', text: 'Hi', next: 'gone' }],
      });
      expect(missing.status).toBe(400);
      expect(missing.body.message).toBe('flow.steps[0].next: no step is called "gone" (missing step)');
      const field = await save({
        start: 'q',
        steps: [
          { id: 'q', type: 'ask', text: 'Order?', saveAs: 'order', store: { on: 'ticket', field: 'nope' } },
        ],
      });
      expect(field.status).toBe(400);
      expect(field.body.message).toContain('store.field');
      expect(
        (await t.request('GET', '/api/admin/bots', { token: admin })).body.items.map((b: any) => b.name),
      ).not.toContain('Flowy');
    });

    it('saves a good flow, refuses a loop on update, and keeps bots to admins', async () => {
      const good = {
        start: 'hi',
        steps: [
          { id: 'hi', type: 'send_text', text: 'Hi', next: 'h' },
          { id: 'h', type: 'handoff' },
        ],
      };
      const created = await save(good);
      expect(created.status).toBe(201);
      expect(created.body.flow).toEqual(good);
      const looped = await save(
        { start: 'hi', steps: [{ id: 'hi', type: 'send_text', text: 'Hi', next: 'hi' }] },
        'PUT',
        `/api/admin/bots/${created.body.id}`,
      );
      expect(looped.status).toBe(400);
      expect(
        (await t.request('GET', `/api/admin/bots/${created.body.id}`, { token: admin })).body.flow,
      ).toEqual(good);
      expect((await t.request('GET', '/api/admin/bots', { token: agent.token })).status).toBe(403);
      // A second active bot on the same channel account is a conflict.
      const second = await t.request('POST', '/api/admin/bots', {
        token: admin,
        body: { name: 'Twin', kind: 'flow', channelAccountId: account.id, flow: good },
      });
      expect(second.status).toBe(409);
      expect((await t.request('DELETE', `/api/admin/bots/${created.body.id}`, { token: admin })).status).toBe(
        204,
      );
    });
  });
});
