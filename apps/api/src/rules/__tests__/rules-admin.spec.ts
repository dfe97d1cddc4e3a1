import { startTestApp, type TestApp } from '../../test-support/test-app.js';

/** The admin API of automation rules, against the real app and database. */
describe('admin rules API', () => {
  let app: TestApp;
  let admin: string;
  let billing: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.adminToken();
    billing = await app.createTeam('Billing');
  });
  afterAll(() => app.close());

  const refundRule = () => ({
    name: 'Refunds to billing',
    trigger: 'event',
    events: ['message.received'],
    conditions: { all: [{ field: 'body', op: 'contains', value: 'refund' }] },
    actions: [
      { type: 'add_tags', tags: ['refund'] },
      { type: 'set_team', teamId: billing },
    ],
    order: 1,
    active: true,
  });

  it('creates, lists, changes and deletes a rule; its run log starts empty', async () => {
    const created = await app.request('POST', '/api/admin/rules', { token: admin, body: refundRule() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Refunds to billing',
      trigger: 'event',
      active: true,
      order: 1,
    });
    expect(created.body).not.toHaveProperty('webhookSecret');

    const list = await app.request('GET', '/api/admin/rules', { token: admin });
    expect(list.body.items.map((r: { id: string }) => r.id)).toContain(created.body.id);

    const patched = await app.request('PATCH', `/api/admin/rules/${created.body.id}`, {
      token: admin,
      body: { active: false, name: 'Refunds (paused)' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: 'Refunds (paused)',
      active: false,
      events: ['message.received'],
    });

    const runs = await app.request('GET', `/api/admin/rules/${created.body.id}/runs`, { token: admin });
    expect(runs).toMatchObject({ status: 200, body: { items: [] } });

    expect(
      (await app.request('DELETE', `/api/admin/rules/${created.body.id}`, { token: admin })).status,
    ).toBe(204);
    expect(
      (await app.request('GET', `/api/admin/rules/${created.body.id}/runs`, { token: admin })).status,
    ).toBe(404);
  });

  it.each([
    ['an unknown field', { colour: 'red' }, 'colour'],
    [
      'an unknown condition field',
      { conditions: { all: [{ field: 'mood', op: 'is', value: 'x' }] } },
      'mood',
    ],
    ['an unknown operator', { conditions: { all: [{ field: 'body', op: 'matches', value: 'x' }] } }, 'op'],
    ['an unknown action', { actions: [{ type: 'explode' }] }, 'unknown action type'],
    [
      'an impossible status',
      { actions: [{ type: 'set_status', status: 'new' }] },
      'cannot make a ticket new',
    ],
    ['a status that does not exist', { actions: [{ type: 'set_status', status: 'done' }] }, 'status'],
    [
      'a status value a condition cannot match',
      { conditions: { any: [{ field: 'status', op: 'is', value: 'done' }] } },
      'status has no value "done"',
    ],
    [
      'a business-hours value that is neither open nor closed',
      { conditions: { all: [{ field: 'businessHours', op: 'is', value: 'yes' }] } },
      'businessHours has no value "yes"',
    ],
    [
      'an ordering on contact tags',
      { conditions: { all: [{ field: 'contact.tags', op: 'gt', value: 'vip' }] } },
      'gt works on priority only',
    ],
    [
      'a change operator without ticket.updated',
      { conditions: { all: [{ field: 'status', op: 'changed' }] } },
      'need the ticket.updated event',
    ],
    ['an extra field on an action', { actions: [{ type: 'solve', now: true }] }, 'now'],
    [
      'a team that does not exist',
      { actions: [{ type: 'set_team', teamId: '00000000-0000-4000-8000-000000000000' }] },
      'no team with this id',
    ],
    ['an event rule without events', { events: undefined }, 'needs the events'],
    [
      'a time rule counting from a moment that does not exist',
      { trigger: 'time', events: undefined, time: { since: 'last_coffee', hours: 2 } },
      'since',
    ],
    [
      'business hours that are not true or false',
      { trigger: 'time', events: undefined, time: { since: 'solved', hours: 2, businessHours: 'yes' } },
      'businessHours',
    ],
  ])('refuses %s with a 400 naming it', async (_what, change, named) => {
    const res = await app.request('POST', '/api/admin/rules', {
      token: admin,
      body: { ...refundRule(), ...change },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(named);
  });

  it.each([
    ['contact tags', { conditions: { all: [{ field: 'contact.tags', op: 'contains', value: 'VIP' }] } }],
    ['business hours now', { conditions: { all: [{ field: 'businessHours', op: 'is', value: 'closed' }] } }],
    ['the survey.received event', { events: ['survey.received'] }],
    [
      'hours since the last agent reply',
      { trigger: 'time', events: undefined, time: { since: 'last_agent_reply', hours: 48 } },
    ],
    [
      'business hours since solved',
      { trigger: 'time', events: undefined, time: { since: 'solved', hours: 32, businessHours: true } },
    ],
  ])('accepts a rule on %s and gives it back as stored', async (_what, change) => {
    const res = await app.request('POST', '/api/admin/rules', {
      token: admin,
      body: { ...refundRule(), ...change },
    });
    expect(res.status).toBe(201);
    const stored = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
    const { time, ...rest } = stored as { time?: unknown };
    expect(res.body).toMatchObject(rest);
    if (time) expect(res.body.time).toEqual(time);
  });

  it('checks a patch as a whole rule', async () => {
    const created = await app.request('POST', '/api/admin/rules', { token: admin, body: refundRule() });
    const res = await app.request('PATCH', `/api/admin/rules/${created.body.id}`, {
      token: admin,
      body: { actions: [{ type: 'set_priority', priority: 'critical' }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('priority');
  });

  it('is for admins only', async () => {
    const agent = await app.createUser({ email: 'rules-agent@test.local', teamIds: [billing] });
    for (const [method, path] of [
      ['GET', '/api/admin/rules'],
      ['POST', '/api/admin/rules'],
    ] as const) {
      const res = await app.request(method, path, {
        token: agent.token,
        ...(method === 'POST' ? { body: refundRule() } : {}),
      });
      expect(res.status).toBe(403);
    }
    expect((await app.request('GET', '/api/admin/rules')).status).toBe(401);
  });
});
