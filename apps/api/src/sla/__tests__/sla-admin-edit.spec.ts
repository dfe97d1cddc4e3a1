import { startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';

/** Admins change and remove calendars and policies; what open tickets still depend on is refused with the reason. */
describe('editing and deleting SLA calendars and policies', () => {
  let t: TestApp;
  let admin: string;
  let account: { id: string; apiKey: string };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    account = await t.createApiAccount();
  });
  afterAll(() => t.close());

  const call = (method: string, path: string, body?: unknown) =>
    t.request(method, path, { token: admin, ...(body !== undefined ? { body } : {}) });
  const hours = [{ day: 1, from: '09:00', to: '17:00' }];

  it('replaces a calendar, refuses bad hours with a 400, and 404s an unknown one', async () => {
    const created = await call('POST', '/api/admin/calendars', {
      name: 'Lisbon',
      timeZone: 'Europe/Lisbon',
      hours,
    });
    const replaced = await call('PUT', `/api/admin/calendars/${created.body.id}`, {
      name: 'Lisbon office',
      timeZone: 'Europe/Lisbon',
      hours: [...hours, { day: 2, from: '09:00', to: '17:00' }],
      holidays: ['2027-06-13'],
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ name: 'Lisbon office', holidays: ['2027-06-13'] });
    expect(replaced.body.hours).toHaveLength(2);
    const bad = await call('PUT', `/api/admin/calendars/${created.body.id}`, {
      name: 'Lisbon office',
      timeZone: 'Europe/Lisbon',
      hours: [{ day: 1, from: '25:00', to: '17:00' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/hours/);
    const missing = await call('PUT', '/api/admin/calendars/00000000-0000-4000-8000-000000000000', {
      name: 'x',
      timeZone: 'UTC',
      hours,
    });
    expect(missing.status).toBe(404);
  });

  it('refuses to delete a calendar a policy counts in, naming the policy, and deletes it once free', async () => {
    const calendar = await call('POST', '/api/admin/calendars', {
      name: 'Madrid',
      timeZone: 'Europe/Madrid',
      hours,
    });
    const policy = await call('POST', '/api/admin/sla-policies', {
      name: 'Madrid hours',
      order: 50,
      calendarId: calendar.body.id,
      targets: { firstResponseSeconds: 3600 },
      active: false,
    });
    const refused = await call('DELETE', `/api/admin/calendars/${calendar.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('"Madrid hours"');
    expect(
      (await call('PATCH', `/api/admin/sla-policies/${policy.body.id}`, { calendarId: null })).status,
    ).toBe(200);
    expect((await call('DELETE', `/api/admin/calendars/${calendar.body.id}`)).status).toBe(204);
    const names = (await call('GET', '/api/admin/calendars')).body.items.map((c: { name: string }) => c.name);
    expect(names).not.toContain('Madrid');
  });

  it('refuses to delete a policy timing open tickets until it is deactivated, then deletes it', async () => {
    const policy = await call('POST', '/api/admin/sla-policies', {
      name: 'Everyone',
      order: 0,
      targets: { firstResponseSeconds: 3600 },
    });
    const ticket = await t.inbound(account, {
      externalId: 'p-1',
      from: { handle: 'p1@example.com' },
      text: 'help',
    });
    const policyOf = async () =>
      (
        await t.db.query<{ sla_policy_id: string | null }>(
          `SELECT sla_policy_id FROM tickets WHERE id = $1`,
          [ticket.body.ticketId],
        )
      )[0].sla_policy_id;
    expect(await policyOf()).toBe(policy.body.id);

    const refused = await call('DELETE', `/api/admin/sla-policies/${policy.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe(
      '"Everyone" runs the SLA clocks of 1 open ticket: deactivate it first, so they move to another policy, then delete it',
    );

    expect((await call('PATCH', `/api/admin/sla-policies/${policy.body.id}`, { active: false })).status).toBe(
      200,
    );
    await waitFor(
      async () => (await policyOf()) === null,
      10_000,
      'the sweeper to move the ticket off the policy',
    );
    expect((await call('DELETE', `/api/admin/sla-policies/${policy.body.id}`)).status).toBe(204);
    const ids = (await call('GET', '/api/admin/sla-policies')).body.items.map((p: { id: string }) => p.id);
    expect(ids).not.toContain(policy.body.id);
    expect((await call('DELETE', `/api/admin/sla-policies/${policy.body.id}`)).status).toBe(404);
  });

  it('lets only admins delete', async () => {
    const agent = await t.createUser({ email: 'agent@test.local' });
    const calendar = await call('POST', '/api/admin/calendars', {
      name: 'Oslo',
      timeZone: 'Europe/Oslo',
      hours,
    });
    const res = await t.request('DELETE', `/api/admin/calendars/${calendar.body.id}`, { token: agent.token });
    expect(res.status).toBe(403);
  });
});
