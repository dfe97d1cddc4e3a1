import { jest } from '@jest/globals';
import { FakeChatCompletions } from '../../test-support/fake-chat-completions.js';
import { startTestApp, type TestApp } from '../../test-support/test-app.js';

jest.setTimeout(90_000);

const API_KEY = 'sk-test-assist-key-7f3a91';

describe('AI assist against a local OpenAI-compatible server', () => {
  let t: TestApp;
  let provider: FakeChatCompletions;
  let admin: string;
  let billing: string;
  let sales: string;
  let agent: { id: string; token: string };
  let outsider: { id: string; token: string };
  let ticketId: string;
  let refundArticle: string;
  let salesTicketId: string;

  const settings = (overrides: Record<string, unknown> = {}) => ({
    enabled: true,
    baseUrl: provider.baseUrl,
    model: 'llama3.1:8b',
    maskPersonalData: true,
    disabledTeamIds: [],
    ...overrides,
  });
  const configure = async (overrides: Record<string, unknown> = {}) => {
    const res = await t.request('PUT', '/api/admin/assist-settings', {
      token: admin,
      body: settings(overrides),
    });
    expect(res.status).toBe(200);
    return res.body;
  };
  const summary = (id = ticketId, token = agent.token) =>
    t.request('POST', `/api/tickets/${id}/assist/summary`, { token });
  const suggest = (id = ticketId, token = agent.token) =>
    t.request('POST', `/api/tickets/${id}/assist/reply`, { token });

  beforeAll(async () => {
    provider = await new FakeChatCompletions().start();
    t = await startTestApp();
    admin = await t.adminToken();
    billing = await t.createTeam('Billing');
    sales = await t.createTeam('Sales');
    agent = await t.createUser({ email: 'ada@assist.test', teamIds: [billing] });
    outsider = await t.createUser({ email: 'otto@assist.test', teamIds: [sales] });

    const account = await t.createApiAccount({ teamId: billing });
    const first = await t.inbound(account, {
      externalId: 'carol-1',
      from: { handle: 'carol.danvers@customer.test', name: 'Carol Danvers' },
      text: 'Hello, this is Carol Danvers. I was charged twice for order 4411 and want a refund. Mail me at carol.private@example.org or call +49 170 1234567.',
    });
    expect(first.status).toBe(200);
    ticketId = first.body.ticketId;
    const answer = await t.request('POST', `/api/tickets/${ticketId}/messages`, {
      token: agent.token,
      body: { kind: 'reply', body: 'Sorry Carol, I have asked our billing system about the double charge.' },
    });
    expect(answer.status).toBe(201);
    const second = await t.inbound(account, {
      externalId: 'carol-2',
      from: { handle: 'carol.danvers@customer.test', name: 'Carol Danvers' },
      text: 'How long does a refund take to arrive on my card?',
    });
    expect(second.body.ticketId).toBe(ticketId);

    const salesAccount = await t.createApiAccount({ teamId: sales });
    salesTicketId = (
      await t.inbound(salesAccount, {
        externalId: 'sam-1',
        from: { handle: 'sam@customer.test', name: 'Sam Seller' },
        text: 'Do you offer volume pricing?',
      })
    ).body.ticketId;

    const article = async (title: string, body: string) => {
      const res = await t.request('POST', '/api/kb/articles', {
        token: admin,
        body: { title, body, locale: 'en', status: 'published' },
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    refundArticle = await article(
      'Refunds to your card',
      'A refund reaches your card within 5 to 10 business days after we approve it.',
    );
    await article('Changing your password', 'Open settings and choose a new password.');
  });

  afterAll(async () => {
    await t?.close();
    await provider?.stop();
  });

  it('is off by default: the buttons stay hidden, requests are refused with a reason, and nothing reaches the provider', async () => {
    expect((await t.request('GET', '/api/assist/status', { token: agent.token })).body).toEqual({
      enabled: false,
      disabledTeamIds: [],
    });
    const off = await summary();
    expect(off.status).toBe(409);
    expect(off.body.message).toMatch(/AI assist is off/);
    expect((await suggest()).status).toBe(409);
    expect(provider.requests).toHaveLength(0);
  });

  it('keeps the API key write-only: stored sealed, never returned, never in the audit log', async () => {
    const saved = await configure({ apiKey: API_KEY });
    expect(saved).toMatchObject({ enabled: true, apiKeySet: true, model: 'llama3.1:8b' });
    expect(JSON.stringify(saved)).not.toContain(API_KEY);
    const read = await t.request('GET', '/api/admin/assist-settings', { token: admin });
    expect(JSON.stringify(read.body)).not.toContain(API_KEY);
    const [row] = await t.db.query<{ api_key_sealed: string }>(`SELECT api_key_sealed FROM assist_settings`);
    expect(row.api_key_sealed).not.toContain(API_KEY);
    const log = await t.request('GET', '/api/admin/audit-log?action=settings.ai_assist_changed', {
      token: admin,
    });
    expect(log.body.items).toHaveLength(1);
    expect(JSON.stringify(log.body)).not.toContain(API_KEY);
    // Saving again without a key keeps it.
    expect((await configure()).apiKeySet).toBe(true);
    expect((await t.request('GET', '/api/admin/assist-settings', { token: agent.token })).status).toBe(403);
  });

  it('refuses to enable assist without an endpoint, naming the field', async () => {
    const res = await t.request('PUT', '/api/admin/assist-settings', {
      token: admin,
      body: settings({ baseUrl: null }),
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/baseUrl/);
  });

  it('summarizes the conversation with personal data masked before it leaves, and gives the name back to the agent', async () => {
    const before = provider.requests.length;
    provider.script = () => ({
      content: [
        'The customer wants: a refund for the double charge on order 4411 ([customer]).',
        'What was tried: billing was asked about the charge.',
        'What comes next: confirm the refund and tell [customer] how long it takes.',
      ].join('\n'),
      promptTokens: 321,
      completionTokens: 27,
    });
    const res = await summary();
    expect(res.status).toBe(200);
    expect(res.body.parts).toEqual({
      customerWants: 'a refund for the double charge on order 4411 (Carol Danvers).',
      tried: 'billing was asked about the charge.',
      next: 'confirm the refund and tell Carol Danvers how long it takes.',
    });
    expect(res.body.text).toContain(
      'What comes next: confirm the refund and tell Carol Danvers how long it takes.',
    );
    expect(provider.requests).toHaveLength(before + 1);
    const sent = provider.requests.at(-1)!;
    expect(sent.authorization).toBe(`Bearer ${API_KEY}`);
    expect(sent.body.model).toBe('llama3.1:8b');
    const prompt = provider.lastPrompt();
    expect(prompt).toContain('charged twice for order 4411');
    expect(prompt).toContain('billing system');
    for (const secret of ['Carol', 'Danvers', 'carol.private@example.org', 'carol.danvers', '1234567'])
      expect(prompt).not.toContain(secret);
    expect(prompt).toContain('[customer]');
    expect(prompt).toContain('[email]');
    expect(prompt).toContain('[phone]');
  });

  it('sends personal data as it is when the admin turns masking off', async () => {
    await configure({ maskPersonalData: false });
    provider.script = () => ({ content: 'Carol wants a refund.' });
    expect((await summary()).status).toBe(200);
    expect(provider.lastPrompt()).toContain('carol.private@example.org');
    await configure();
  });

  it("suggests a reply grounded in the help articles matching the customer's last message, citing them", async () => {
    provider.script = () => ({
      content: 'Hello [customer], a refund reaches your card within 5 to 10 business days [1].',
      promptTokens: 500,
      completionTokens: 20,
    });
    const res = await suggest();
    expect(res.status).toBe(200);
    expect(res.body.text).toBe(
      'Hello Carol Danvers, a refund reaches your card within 5 to 10 business days [1].',
    );
    expect(res.body.citedArticles).toEqual([
      {
        id: refundArticle,
        title: 'Refunds to your card',
        url: expect.stringMatching(/\/help\/en\/articles\/refunds-to-your-card$/),
      },
    ]);
    const prompt = provider.lastPrompt();
    expect(prompt).toContain('[1] Refunds to your card');
    expect(prompt).toContain('within 5 to 10 business days after we approve it');
    expect(prompt).toContain('How long does a refund take');
    // Only articles matching the question go along.
    expect(prompt).not.toContain('Changing your password');
  });

  it('lists no citation the draft does not make', async () => {
    provider.script = () => ({ content: 'Let me check that for you.' });
    const res = await suggest();
    expect(res.status).toBe(200);
    expect(res.body.citedArticles).toEqual([]);
  });

  it('logs a call without token counts when the server reports no usage', async () => {
    provider.script = () => ({ content: 'Refund requested.', withoutUsage: true });
    expect((await summary()).status).toBe(200);
    const [last] = (await t.request('GET', '/api/admin/assist-calls?limit=1', { token: admin })).body.items;
    expect(last).toMatchObject({ outcome: 'ok', promptTokens: null, completionTokens: null });
  });

  it('answers 404 to an agent who cannot see the ticket, without calling the provider', async () => {
    const before = provider.requests.length;
    expect((await summary(ticketId, outsider.token)).status).toBe(404);
    expect((await suggest(ticketId, outsider.token)).status).toBe(404);
    expect(provider.requests).toHaveLength(before);
  });

  it('refuses a team that has assist turned off, and still serves the other teams', async () => {
    await configure({ disabledTeamIds: [billing] });
    const status = await t.request('GET', '/api/assist/status', { token: agent.token });
    expect(status.body).toEqual({ enabled: true, disabledTeamIds: [billing] });
    const before = provider.requests.length;
    const refused = await summary();
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/turned off for this ticket's team/);
    expect((await suggest()).status).toBe(403);
    expect(provider.requests).toHaveLength(before);
    provider.script = () => ({ content: 'Sam asks about volume pricing.' });
    expect((await summary(salesTicketId, outsider.token)).status).toBe(200);
    await configure();
  });

  it('answers 502 with the reason when the provider fails, is too slow or cannot be reached', async () => {
    provider.script = () => ({ status: 503, error: 'model is loading' });
    const failed = await summary();
    expect(failed.status).toBe(502);
    expect(failed.body.message).toBe('the AI provider answered 503: model is loading');

    await configure({ timeoutSeconds: 1 });
    provider.script = () => ({ content: 'late', delayMs: 2500 });
    const slow = await summary();
    expect(slow.status).toBe(502);
    expect(slow.body.message).toBe('the AI provider did not answer within 1 s');

    const closed = await new FakeChatCompletions().start();
    await closed.stop();
    await configure({ baseUrl: closed.baseUrl });
    const unreachable = await suggest();
    expect(unreachable.status).toBe(502);
    expect(unreachable.body.message).toMatch(/could not be reached \(ECONNREFUSED\)/);
    await configure();
  });

  it('logs every call with who, which ticket and the tokens the provider reported; admins read the log', async () => {
    const res = await t.request('GET', '/api/admin/assist-calls', { token: admin });
    expect(res.status).toBe(200);
    const items = res.body.items as any[];
    // Every request that reached the provider, plus the one that could not reach it.
    expect(items).toHaveLength(provider.requests.length + 1);
    const firstSummary = items.find((i) => i.promptTokens === 321);
    expect(firstSummary).toMatchObject({
      purpose: 'summary',
      outcome: 'ok',
      model: 'llama3.1:8b',
      completionTokens: 27,
      user: { id: agent.id, name: 'ada' },
      ticket: { id: ticketId },
    });
    expect(items.find((i) => i.promptTokens === 500)).toMatchObject({
      purpose: 'reply',
      completionTokens: 20,
    });
    expect(items.filter((i) => i.outcome === 'failed').map((i) => i.error)).toEqual([
      expect.stringMatching(/could not be reached/),
      'the AI provider did not answer within 1 s',
      'the AI provider answered 503: model is loading',
    ]);
    expect(res.body.totals.promptTokens).toBeGreaterThanOrEqual(821);
    expect((await t.request('GET', '/api/admin/assist-calls', { token: agent.token })).status).toBe(403);
  });

  it('is off again, with nothing leaving, once the admin disables it', async () => {
    await configure({ enabled: false });
    const before = provider.requests.length;
    expect((await summary()).status).toBe(409);
    expect((await suggest()).status).toBe(409);
    expect(provider.requests).toHaveLength(before);
  });
});
