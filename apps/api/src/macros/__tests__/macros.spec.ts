import { startTestApp, type TestApp } from '../../test-support/test-app.js';

/** Macros on a real database: applied per ticket atomically through the ticket writer, one or in bulk. */
describe('macros', () => {
  let t: TestApp;
  let admin: string;
  let teamId: string;
  let account: { id: string; apiKey: string };
  let ana: { id: string; token: string };
  let outsider: { id: string; token: string };
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    teamId = await t.createTeam('Support');
    account = await t.createApiAccount({ teamId });
    ana = await t.createUser({ email: 'ana@test.local', teamIds: [teamId] });
    const other = await t.createTeam('Elsewhere');
    outsider = await t.createUser({ email: 'olga@test.local', teamIds: [other] });
  });
  afterAll(() => t.close());

  async function newTicket(): Promise<string> {
    const res = await t.inbound(account, {
      externalId: `m-${++n}`,
      from: { handle: `customer-${n}@example.com`, name: `Carla Diaz` },
      text: `question ${n}`,
    });
    expect(res.status).toBe(200);
    return res.body.ticketId;
  }

  const ticket = async (id: string) => (await t.request('GET', `/api/tickets/${id}`, { token: admin })).body;
  const timeline = async (id: string) =>
    (await t.request('GET', `/api/tickets/${id}/messages`, { token: admin })).body.items;
  const macro = async (token: string, body: object) => {
    const res = await t.request('POST', '/api/macros', { token, body });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  it('applies its actions in order: a reply rendered on the server, a note, tags, priority, status and assignee', async () => {
    const id = await macro(ana.token, {
      name: 'Refund received',
      actions: [
        {
          type: 'reply',
          body: 'Hi {{contact.first_name}}, your refund for #{{ticket.number}} is on its way. {{agent.name}}',
        },
        { type: 'add_note', body: 'refund issued' },
        { type: 'add_tags', tags: ['Refund', 'billing'] },
        { type: 'set_priority', priority: 'high' },
        { type: 'set_status', status: 'pending' },
        { type: 'assign', agentId: ana.id },
      ],
    });
    const ticketId = await newTicket();
    const res = await t.request('POST', `/api/tickets/${ticketId}/macros/${id}`, { token: ana.token });
    expect(res.status).toBe(200);
    const after = await ticket(ticketId);
    expect(after).toMatchObject({ status: 'pending', priority: 'high', assigneeId: ana.id });
    expect(after.tags).toEqual(expect.arrayContaining(['refund', 'billing']));
    const items = await timeline(ticketId);
    const texts = items.map((i: any) => i.text).filter(Boolean);
    expect(texts).toContain(`Hi Carla, your refund for #${after.number} is on its way. ana`);
    expect(texts).toContain('refund issued');
  });

  it('a failing action rolls the whole ticket back', async () => {
    const id = await macro(ana.token, {
      name: 'Broken',
      actions: [
        { type: 'add_tags', tags: ['touched'] },
        { type: 'add_note', body: 'should not stay' },
        { type: 'set_priority', priority: 'urgent' },
        { type: 'assign', agentId: '00000000-0000-4000-8000-000000000000' }, // nobody has this id
      ],
    });
    const ticketId = await newTicket();
    const before = await ticket(ticketId);
    const res = await t.request('POST', `/api/tickets/${ticketId}/macros/${id}`, { token: ana.token });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('actions[3] (assign): agentId: no active user with this id');
    const after = await ticket(ticketId);
    expect(after.tags).toEqual(before.tags);
    expect(after.seq).toBe(before.seq);
    expect(after.priority).toBe(before.priority);
    expect((await timeline(ticketId)).map((i: any) => i.text)).not.toContain('should not stay');
  });

  it('applies in bulk, each ticket on its own; an invisible ticket is reported, not changed', async () => {
    const id = await macro(ana.token, { name: 'Tag it', actions: [{ type: 'add_tags', tags: ['bulk'] }] });
    const ids = [await newTicket(), await newTicket(), await newTicket()];
    const res = await t.request('POST', `/api/tickets/bulk/macros/${id}`, {
      token: ana.token,
      body: { ticketIds: ids },
    });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual(ids.map((ticketId) => ({ ticketId, ok: true })));
    for (const ticketId of ids) expect((await ticket(ticketId)).tags).toContain('bulk');

    const own = await macro(outsider.token, {
      name: 'Mine',
      actions: [{ type: 'add_tags', tags: ['olga'] }],
    });
    const hidden = await t.request('POST', `/api/tickets/bulk/macros/${own}`, {
      token: outsider.token,
      body: { ticketIds: [ids[0]] },
    });
    expect(hidden.body.results).toEqual([{ ticketId: ids[0], ok: false, error: 'ticket not found' }]);
    expect((await ticket(ids[0])).tags).not.toContain('olga');

    const tooMany = await t.request('POST', `/api/tickets/bulk/macros/${id}`, {
      token: ana.token,
      body: { ticketIds: Array.from({ length: 501 }, () => ids[0]) },
    });
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.body)).toMatch(/ticketIds/);
  });

  it('404 on a ticket the agent cannot see or a macro that is not theirs; 400 naming bad input; shared only for supervisors', async () => {
    const id = await macro(ana.token, {
      name: 'Solve',
      actions: [{ type: 'set_priority', priority: 'low' }],
    });
    const ticketId = await newTicket();
    const hidden = await t.request('POST', `/api/tickets/${ticketId}/macros/${id}`, {
      token: outsider.token,
    });
    expect(hidden.status).toBe(404);
    const own = await macro(outsider.token, {
      name: 'Olga',
      actions: [{ type: 'set_priority', priority: 'low' }],
    });
    const notVisible = await t.request('POST', `/api/tickets/${ticketId}/macros/${own}`, {
      token: outsider.token,
    });
    expect(notVisible.status).toBe(404);
    expect(notVisible.body.message).toBe('ticket not found');
    expect((await t.request('GET', `/api/macros/${own}`, { token: ana.token })).status).toBe(404);

    const badAction = await t.request('POST', '/api/macros', {
      token: ana.token,
      body: { name: 'Bad', actions: [{ type: 'set_status', status: 'done' }] },
    });
    expect(badAction.status).toBe(400);
    expect(JSON.stringify(badAction.body)).toMatch(/actions\.0\.status|status/);
    const unknownType = await t.request('POST', '/api/macros', {
      token: ana.token,
      body: { name: 'Bad', actions: [{ type: 'explode' }] },
    });
    expect(unknownType.status).toBe(400);
    expect(JSON.stringify(unknownType.body)).toMatch(/type/);

    const shared = await t.request('POST', '/api/macros', {
      token: ana.token,
      body: { name: 'Team', shared: true, actions: [{ type: 'add_tags', tags: ['x'] }] },
    });
    expect(shared.status).toBe(403);
    const byAdmin = await macro(admin, {
      name: 'Team',
      shared: true,
      actions: [{ type: 'add_tags', tags: ['x'] }],
    });
    expect(
      (await t.request('GET', '/api/macros', { token: ana.token })).body.items.map((m: any) => m.id),
    ).toContain(byAdmin);
    expect(
      (await t.request('PATCH', `/api/macros/${byAdmin}`, { token: ana.token, body: { name: 'Mine now' } }))
        .status,
    ).toBe(403);
    expect(
      (await t.request('PATCH', `/api/macros/${id}`, { token: ana.token, body: { name: 'Low' } })).body.name,
    ).toBe('Low');
    expect((await t.request('DELETE', `/api/macros/${id}`, { token: ana.token })).status).toBe(204);
    expect((await t.request('GET', `/api/macros/${id}`, { token: ana.token })).status).toBe(404);
  });
});
