import { startTestApp, type TestApp } from '../../test-support/test-app.js';

describe('inbound messages through the API channel', () => {
  let t: TestApp;
  let account: { id: string; apiKey: string };
  beforeAll(async () => {
    t = await startTestApp();
    account = await t.createApiAccount();
  });
  afterAll(() => t.close());

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await t.db.query<{ n: string }>(sql, params))[0].n);

  it('50 concurrent deliveries of one externalId store exactly one message', async () => {
    const body = { externalId: 'dup-1', from: { handle: 'dup@example.com' }, text: 'hello once' };
    const results = await Promise.all(Array.from({ length: 50 }, () => t.inbound(account, body)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.body.duplicate === false)).toHaveLength(1);
    expect(new Set(results.map((r) => r.body.messageId)).size).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM messages WHERE external_id = 'dup-1'`)).toBe(1);
    expect(
      await count(
        `SELECT count(*) AS n FROM tickets t JOIN contact_identities i ON i.contact_id = t.contact_id WHERE i.address = 'dup@example.com'`,
      ),
    ).toBe(1);
  });

  it('concurrent first messages of one new person make one contact and one ticket', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.inbound(account, {
          externalId: `burst-${i}`,
          from: { handle: 'burst@example.com' },
          text: `part ${i}`,
        }),
      ),
    );
    expect(new Set(results.map((r) => r.body.ticketId)).size).toBe(1);
    expect(
      await count(`SELECT count(*) AS n FROM contact_identities WHERE address = 'burst@example.com'`),
    ).toBe(1);
  });

  it('a second message with the same thread key lands on the same ticket', async () => {
    const a = await t.inbound(account, {
      externalId: 'th-1',
      from: { handle: 'thread@example.com' },
      text: 'first',
      threadKey: 'order-77',
    });
    const b = await t.inbound(account, {
      externalId: 'th-2',
      from: { handle: 'thread@example.com' },
      text: 'second',
      threadKey: 'order-77',
    });
    const c = await t.inbound(account, {
      externalId: 'th-3',
      from: { handle: 'thread@example.com' },
      text: 'other matter',
      threadKey: 'order-78',
    });
    expect(b.body.ticketId).toBe(a.body.ticketId);
    expect(c.body.ticketId).not.toBe(a.body.ticketId);
  });

  it('a different contact gets a new ticket, even with the same thread key', async () => {
    const a = await t.inbound(account, {
      externalId: 'c-1',
      from: { handle: 'alice@example.com' },
      text: 'hi',
      threadKey: 'shared',
    });
    const b = await t.inbound(account, {
      externalId: 'c-2',
      from: { handle: 'bob@example.com' },
      text: 'hi',
      threadKey: 'shared',
    });
    expect(b.body.ticketId).not.toBe(a.body.ticketId);
  });

  it('a solved ticket reopens when the customer writes inside the window, and not after it', async () => {
    const admin = await t.adminToken();
    const first = await t.inbound(account, {
      externalId: 'r-1',
      from: { handle: 'reopen@example.com' },
      text: 'broken',
    });
    const solved = await t.request('PATCH', `/api/tickets/${first.body.ticketId}`, {
      token: admin,
      body: { status: 'solved' },
    });
    expect(solved.body.status).toBe('solved');
    const again = await t.inbound(account, {
      externalId: 'r-2',
      from: { handle: 'reopen@example.com' },
      text: 'still broken',
    });
    expect(again.body.ticketId).toBe(first.body.ticketId);
    const ticket = await t.request('GET', `/api/tickets/${first.body.ticketId}`, { token: admin });
    expect(ticket.body.status).toBe('open');
    const timeline = await t.request('GET', `/api/tickets/${first.body.ticketId}/messages`, { token: admin });
    expect(
      timeline.body.items.some(
        (i: { type: string; data?: { from?: string } }) =>
          i.type === 'reopened' || (i as any).data?.from === 'solved',
      ),
    ).toBe(true);

    await t.request('PATCH', `/api/tickets/${first.body.ticketId}`, {
      token: admin,
      body: { status: 'solved' },
    });
    await t.db.query(`UPDATE tickets SET solved_at = now() - interval '30 days' WHERE id = $1`, [
      first.body.ticketId,
    ]);
    const late = await t.inbound(account, {
      externalId: 'r-3',
      from: { handle: 'reopen@example.com' },
      text: 'new problem',
    });
    expect(late.body.ticketId).not.toBe(first.body.ticketId);
  });

  describe('bad input gets a clear error and stores nothing', () => {
    let before: number;
    beforeEach(async () => {
      before = await count(`SELECT count(*) AS n FROM messages`);
    });
    afterEach(async () => {
      expect(await count(`SELECT count(*) AS n FROM messages`)).toBe(before);
    });

    it('malformed JSON is a 400', async () => {
      const res = await t.request('POST', `/api/channels/api/${account.id}/inbound`, {
        headers: { 'x-api-key': account.apiKey, 'content-type': 'application/json' },
        raw: '{"externalId": "x",',
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.body.message).toMatch(/malformed|JSON/i);
    });

    it('missing fields are a 400 that names them', async () => {
      const res = await t.inbound(account, { text: 'no id' });
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('externalId');
      expect(res.body.message).toContain('from');
    });

    it('an oversized body is a 413', async () => {
      const res = await t.inbound(account, {
        externalId: 'big',
        from: { handle: 'x@example.com' },
        text: 'x'.repeat(2 * 1024 * 1024),
      });
      expect(res.status).toBe(413);
      expect(res.body.statusCode).toBe(413);
    });

    it('an unknown account is a 404', async () => {
      const res = await t.inbound(
        { id: '00000000-0000-4000-8000-000000000000', apiKey: account.apiKey },
        { externalId: 'u', from: { handle: 'x@example.com' }, text: 'x' },
      );
      expect(res.status).toBe(404);
    });

    it('a wrong or missing API key is a 401', async () => {
      expect(
        (
          await t.inbound(
            { id: account.id, apiKey: 'sbk_wrong' },
            { externalId: 'k', from: { handle: 'x@example.com' }, text: 'x' },
          )
        ).status,
      ).toBe(401);
      const none = await t.request('POST', `/api/channels/api/${account.id}/inbound`, {
        body: { externalId: 'k', from: { handle: 'x@example.com' }, text: 'x' },
      });
      expect(none.status).toBe(401);
    });
  });
});
