import { startTestApp, type TestApp } from '../../test-support/test-app.js';

/**
 * Saved views and the sidebar's status and mention queues against the real API and PostgreSQL:
 * who may save, share, change and see which view, what bad input answers, and that each count
 * is the length of the list the same filters give.
 */
describe('saved views and queue counts', () => {
  let t: TestApp;
  let teamId: string;
  let account: { id: string; apiKey: string };
  let otherAccount: { id: string; apiKey: string };
  let ana: { id: string; token: string };
  let ben: { id: string; token: string };
  let olga: { id: string; token: string };
  let sam: { id: string; token: string };
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp();
    teamId = await t.createTeam('Billing');
    const otherTeam = await t.createTeam('Elsewhere');
    account = await t.createApiAccount({ teamId });
    otherAccount = await t.createApiAccount({ teamId: otherTeam });
    ana = await t.createUser({ email: 'ana@test.local', teamIds: [teamId] });
    ben = await t.createUser({ email: 'ben@test.local', teamIds: [teamId] });
    olga = await t.createUser({ email: 'olga@test.local', teamIds: [otherTeam] });
    sam = await t.createUser({ email: 'sam@test.local', role: 'supervisor', teamIds: [] });
  });
  afterAll(async () => {
    await t.close();
  });

  async function newTicket(acc = account): Promise<string> {
    n += 1;
    const res = await t.inbound(acc, {
      externalId: `v-${n}`,
      from: { handle: `c${n}@example.com` },
      text: 'hi',
    });
    expect(res.status).toBe(200);
    return res.body.ticketId;
  }

  const listLength = async (token: string, query: string) =>
    (await t.request('GET', `/api/tickets?${query}&limit=200`, { token })).body.items.length as number;

  it('counts Pending, On hold, Solved and Mentions as their lists show them, each to whom may see it', async () => {
    const [pending, held, solved, mentioned] = [
      await newTicket(),
      await newTicket(),
      await newTicket(),
      await newTicket(),
    ];
    await newTicket(otherAccount);
    expect(
      (await t.request('PATCH', `/api/tickets/${pending}`, { token: ana.token, body: { status: 'pending' } }))
        .status,
    ).toBe(200);
    expect(
      (
        await t.request('POST', `/api/tickets/${held}/hold`, {
          token: ana.token,
          body: {
            why: 'Waiting on the bank',
            done: 'Sent the bank the form',
            next: 'Chase the bank on Monday',
          },
        })
      ).status,
    ).toBe(200);
    expect(
      (await t.request('PATCH', `/api/tickets/${solved}`, { token: ana.token, body: { status: 'solved' } }))
        .status,
    ).toBe(200);
    const note = await t.request('POST', `/api/tickets/${mentioned}/messages`, {
      token: ben.token,
      body: { kind: 'note', body: '@ana can you check the refund?' },
    });
    expect(note.status).toBe(201);

    const counts = (await t.request('GET', '/api/queues/counts', { token: ana.token })).body;
    expect(counts).toMatchObject({ pending: 1, onHold: 1, solved: 1, mentions: 1 });
    expect(counts.pending).toBe(await listLength(ana.token, 'status=pending'));
    expect(counts.onHold).toBe(await listLength(ana.token, 'status=on_hold'));
    expect(counts.solved).toBe(await listLength(ana.token, 'status=solved'));
    expect(counts.mentions).toBe(await listLength(ana.token, 'mentions=me&status=active'));
    const mentionList = await t.request('GET', '/api/tickets?mentions=me', { token: ana.token });
    expect(mentionList.body.items.map((i: { id: string }) => i.id)).toEqual([mentioned]);

    // Ben wrote the note and Olga cannot see the team's tickets: no mentions, no status counts for her.
    expect((await t.request('GET', '/api/queues/counts', { token: ben.token })).body.mentions).toBe(0);
    expect((await t.request('GET', '/api/queues/counts', { token: olga.token })).body).toMatchObject({
      pending: 0,
      onHold: 0,
      solved: 0,
      mentions: 0,
    });
    const bad = await t.request('GET', '/api/tickets?mentions=everyone', { token: ana.token });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('mentions');
  });

  it('saves a personal view with its count; nobody else sees it, changes it or deletes it', async () => {
    const high = await newTicket();
    await t.request('PATCH', `/api/tickets/${high}`, { token: ana.token, body: { priority: 'high' } });
    const created = await t.request('POST', '/api/views', {
      token: ana.token,
      body: { name: '  Urgent billing ', filters: { priority: 'high', status: 'active', teamId } },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Urgent billing',
      shared: false,
      ownerId: ana.id,
      sort: 'updated',
      count: await listLength(ana.token, `priority=high&status=active&teamId=${teamId}`),
      editable: true,
    });
    expect(created.body.count).toBeGreaterThanOrEqual(1);

    const benViews = await t.request('GET', '/api/views', { token: ben.token });
    expect(benViews.body.items.map((v: { id: string }) => v.id)).not.toContain(created.body.id);
    expect(
      (await t.request('PATCH', `/api/views/${created.body.id}`, { token: ben.token, body: { name: 'x' } }))
        .status,
    ).toBe(404);
    expect((await t.request('DELETE', `/api/views/${created.body.id}`, { token: ben.token })).status).toBe(
      404,
    );

    const renamed = await t.request('PATCH', `/api/views/${created.body.id}`, {
      token: ana.token,
      body: { name: 'Hot billing', sort: 'due' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Hot billing', sort: 'due', filters: { priority: 'high' } });
    expect((await t.request('DELETE', `/api/views/${created.body.id}`, { token: ana.token })).status).toBe(
      204,
    );
    expect((await t.request('GET', '/api/views', { token: ana.token })).body.items).toEqual([]);
  });

  it('a view keeps a custom field filter: its count and list hold only tickets with that value', async () => {
    const admin = await t.adminToken();
    const field = await t.request('POST', '/api/admin/custom-fields', {
      token: admin,
      body: { entity: 'ticket', key: 'plan', label: 'Plan', type: 'select', options: ['free', 'pro'] },
    });
    expect(field.status).toBe(201);
    const pro = await newTicket();
    const free = await newTicket();
    for (const [id, plan] of [
      [pro, 'pro'],
      [free, 'free'],
    ])
      expect(
        (
          await t.request('PATCH', `/api/tickets/${id}`, {
            token: ana.token,
            body: { customFields: { plan } },
          })
        ).status,
      ).toBe(200);

    const view = await t.request('POST', '/api/views', {
      token: ana.token,
      body: { name: 'Pro customers', filters: { status: 'active', customFields: { plan: 'pro' } } },
    });
    expect(view.status).toBe(201);
    expect(view.body.filters).toEqual({ status: 'active', customFields: { plan: 'pro' } });
    const listed = await t.request('GET', '/api/tickets?status=active&cf.plan=pro&limit=200', {
      token: ana.token,
    });
    expect(listed.body.items.map((i: { id: string }) => i.id)).toContain(pro);
    expect(listed.body.items.map((i: { id: string }) => i.id)).not.toContain(free);
    expect(view.body.count).toBe(listed.body.items.length);

    const unknown = await t.request('POST', '/api/views', {
      token: ana.token,
      body: { name: 'Nope', filters: { customFields: { tier: 'gold' } } },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/^cf\.tier: no ticket field has this key/);
    expect((await t.request('DELETE', `/api/views/${view.body.id}`, { token: ana.token })).status).toBe(204);
  });

  it('lets only supervisors and admins share a view; everyone sees it counted under their own visibility', async () => {
    const refused = await t.request('POST', '/api/views', {
      token: ana.token,
      body: { name: 'For all', shared: true, filters: { status: 'active' } },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('shared');

    const shared = await t.request('POST', '/api/views', {
      token: sam.token,
      body: { name: 'Everything open', shared: true, filters: { status: 'active' } },
    });
    expect(shared.status).toBe(201);
    const forAna = (await t.request('GET', '/api/views', { token: ana.token })).body.items;
    const forOlga = (await t.request('GET', '/api/views', { token: olga.token })).body.items;
    expect(forAna).toEqual([
      expect.objectContaining({
        id: shared.body.id,
        editable: false,
        count: await listLength(ana.token, 'status=active'),
      }),
    ]);
    expect(forOlga).toEqual([
      expect.objectContaining({ id: shared.body.id, count: await listLength(olga.token, 'status=active') }),
    ]);
    expect(forAna[0].count).not.toBe(forOlga[0].count);
    expect(
      (
        await t.request('PATCH', `/api/views/${shared.body.id}`, {
          token: ana.token,
          body: { name: 'Mine now' },
        })
      ).status,
    ).toBe(403);
    expect((await t.request('DELETE', `/api/views/${shared.body.id}`, { token: ana.token })).status).toBe(
      403,
    );
    // An agent's own view cannot become shared either.
    const own = await t.request('POST', '/api/views', {
      token: ana.token,
      body: { name: 'Mine', filters: {} },
    });
    expect(
      (await t.request('PATCH', `/api/views/${own.body.id}`, { token: ana.token, body: { shared: true } }))
        .status,
    ).toBe(403);
    expect((await t.request('DELETE', `/api/views/${shared.body.id}`, { token: sam.token })).status).toBe(
      204,
    );
  });

  it('renames and deletes: own views by their owner; a shared view by its owner or an admin, not another supervisor', async () => {
    const own = await t.request('POST', '/api/views', {
      token: ana.token,
      body: { name: 'Mine', filters: {} },
    });
    const renamed = await t.request('PATCH', `/api/views/${own.body.id}`, {
      token: ana.token,
      body: { name: 'My urgent ones' },
    });
    expect({ status: renamed.status, name: renamed.body.name }).toEqual({
      status: 200,
      name: 'My urgent ones',
    });
    // Someone else's personal view does not exist for them.
    expect(
      (await t.request('PATCH', `/api/views/${own.body.id}`, { token: sam.token, body: { name: 'x' } }))
        .status,
    ).toBe(404);

    const vera = await t.createUser({ email: 'vera@test.local', role: 'supervisor', teamIds: [] });
    const shared = await t.request('POST', '/api/views', {
      token: sam.token,
      body: { name: 'Team backlog', shared: true, filters: { status: 'active' } },
    });
    const forVera = (await t.request('GET', '/api/views', { token: vera.token })).body.items;
    expect(forVera.find((v: { id: string }) => v.id === shared.body.id).editable).toBe(false);
    const byOtherSupervisor = await t.request('PATCH', `/api/views/${shared.body.id}`, {
      token: vera.token,
      body: { name: 'Mine now' },
    });
    expect(byOtherSupervisor.status).toBe(403);
    expect(byOtherSupervisor.body.message).toContain('the one who shared this view, or an admin');
    expect((await t.request('DELETE', `/api/views/${shared.body.id}`, { token: vera.token })).status).toBe(
      403,
    );

    const admin = await t.adminToken();
    const forAdmin = (await t.request('GET', '/api/views', { token: admin })).body.items;
    expect(forAdmin.find((v: { id: string }) => v.id === shared.body.id).editable).toBe(true);
    const byAdmin = await t.request('PATCH', `/api/views/${shared.body.id}`, {
      token: admin,
      body: { name: 'Backlog (all teams)' },
    });
    expect({ status: byAdmin.status, name: byAdmin.body.name }).toEqual({
      status: 200,
      name: 'Backlog (all teams)',
    });
    expect((await t.request('DELETE', `/api/views/${shared.body.id}`, { token: admin })).status).toBe(204);
    expect((await t.request('DELETE', `/api/views/${own.body.id}`, { token: ana.token })).status).toBe(204);
    const left = (await t.request('GET', '/api/views', { token: ana.token })).body.items.map(
      (v: { id: string }) => v.id,
    );
    expect(left).not.toContain(own.body.id);
    expect(left).not.toContain(shared.body.id);
  });

  it('answers 400 naming the field for bad input, and 401 without a token', async () => {
    const cases: [unknown, string][] = [
      [{ filters: {} }, 'name'],
      [{ name: '', filters: {} }, 'name'],
      [{ name: 'x'.repeat(81), filters: {} }, 'name'],
      [{ name: 'Bad status', filters: { status: 'lost' } }, 'filters.status'],
      [{ name: 'Bad team', filters: { teamId: 'billing' } }, 'filters.teamId'],
      [{ name: 'Unknown filter', filters: { colour: 'red' } }, 'filters'],
      [{ name: 'Bad sort', filters: {}, sort: 'random' }, 'sort'],
      [{ name: 'Extra', filters: {}, owner: 'me' }, 'owner'],
    ];
    for (const [body, field] of cases) {
      const res = await t.request('POST', '/api/views', { token: ana.token, body });
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.message).toContain(field);
    }
    const own = await t.request('POST', '/api/views', {
      token: ana.token,
      body: { name: 'Patch me', filters: {} },
    });
    const empty = await t.request('PATCH', `/api/views/${own.body.id}`, { token: ana.token, body: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toContain('at least one field');
    expect(
      (await t.request('PATCH', '/api/views/not-a-uuid', { token: ana.token, body: { name: 'x' } })).status,
    ).toBe(404);
    expect((await t.request('GET', '/api/views')).status).toBe(401);
  });
});
