import { startTestApp, type TestApp } from '../../test-support/test-app.js';

/** "Test against open tickets": which open tickets a rule's conditions match now. */
describe('rule preview', () => {
  let app: TestApp;
  let admin: string;
  let refundTicket: string;
  let otherTicket: string;
  let solvedRefund: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.adminToken();
    const account = await app.createApiAccount();
    const send = async (externalId: string, handle: string, text: string) =>
      (await app.inbound(account, { externalId, from: { handle }, text })).body.ticketId as string;
    refundTicket = await send('p1', 'ann@example.com', 'I would like a REFUND please');
    otherTicket = await send('p2', 'bob@example.org', 'Where is my parcel?');
    solvedRefund = await send('p3', 'cy@example.com', 'refund again');
    const solved = await app.request('PATCH', `/api/tickets/${solvedRefund}`, {
      token: admin,
      body: { status: 'solved' },
    });
    expect(solved.status).toBe(200);
  });
  afterAll(() => app.close());

  const preview = (conditions: unknown, token = admin) =>
    app.request('POST', '/api/admin/rules/preview', { token, body: { conditions } });

  it('lists the open tickets whose latest customer message contains a word, not solved ones', async () => {
    const res = await preview({ all: [{ field: 'body', op: 'contains', value: 'refund' }] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ matched: 1, complete: true });
    expect(res.body.scanned).toBeGreaterThanOrEqual(2);
    expect(res.body.items.map((t: { id: string }) => t.id)).toEqual([refundTicket]);
    expect(res.body.items[0]).toMatchObject({ status: 'new', tags: [] });
    expect(res.body.items[0].number).toEqual(expect.any(Number));
  });

  it('judges all and any like the engine: any of two senders, all open', async () => {
    const res = await preview({
      all: [{ field: 'status', op: 'is_not', value: 'pending' }],
      any: [
        { field: 'from', op: 'contains', value: 'example.org' },
        { field: 'subject', op: 'contains', value: 'nothing-like-this' },
      ],
    });
    expect(res.body.items.map((t: { id: string }) => t.id)).toEqual([otherTicket]);
  });

  it('matches every open ticket when there are no conditions', async () => {
    const res = await preview({});
    const ids = res.body.items.map((t: { id: string }) => t.id);
    expect(ids).toEqual(expect.arrayContaining([refundTicket, otherTicket]));
    expect(ids).not.toContain(solvedRefund);
  });

  it.each([
    [
      'an unknown field',
      { all: [{ field: 'mood', op: 'is', value: 'x' }] },
      'unknown condition field "mood"',
    ],
    ['an unknown operator', { all: [{ field: 'body', op: 'matches', value: 'x' }] }, 'op'],
    ['a change operator', { all: [{ field: 'status', op: 'changed' }] }, 'cannot be tested'],
    ['a value the field cannot hold', { any: [{ field: 'priority', op: 'is', value: 'hot' }] }, 'priority'],
  ])('refuses %s with a 400 naming it', async (_what, conditions, named) => {
    const res = await preview(conditions);
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(named);
  });

  it('refuses a body without conditions, and callers who are not admins', async () => {
    const res = await app.request('POST', '/api/admin/rules/preview', { token: admin, body: {} });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('conditions');
    const agent = await app.createUser({ email: 'preview-agent@test.local' });
    expect((await preview({}, agent.token)).status).toBe(403);
  });
});
