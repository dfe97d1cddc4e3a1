import { ADMIN, recordEvents, startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';

describe('admins manage people and teams', () => {
  let t: TestApp;
  let admin: string;
  let sales: string;
  let billing: string;
  let salesAccount: { id: string; apiKey: string };
  let salesTicket: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    sales = await t.createTeam('Sales');
    billing = await t.createTeam('Billing');
    salesAccount = await t.createApiAccount({ teamId: sales });
    salesTicket = (
      await t.inbound(salesAccount, {
        externalId: 's-1',
        from: { handle: 'buyer@example.com' },
        text: 'a quote please',
      })
    ).body.ticketId;
  });
  afterAll(() => t.close());

  const patchUser = (id: string, body: unknown, token = admin) =>
    t.request('PATCH', `/api/admin/users/${id}`, { token, body });
  const visibleIds = async (token: string) =>
    (await t.request('GET', '/api/tickets', { token })).body.items.map((i: { id: string }) => i.id);

  it('lists users with role, teams, status and last sign-in, and teams with member counts', async () => {
    const agent = await t.createUser({ email: 'listed@test.local', teamIds: [sales] });
    const users = await t.request('GET', '/api/admin/users', { token: admin });
    expect(users.status).toBe(200);
    const row = users.body.items.find((u: { id: string }) => u.id === agent.id);
    expect(row).toMatchObject({ email: 'listed@test.local', role: 'agent', teamIds: [sales], active: true });
    expect(Date.parse(row.lastSignInAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.stringify(users.body)).not.toMatch(/password/i);
    const teams = await t.request('GET', '/api/admin/teams', { token: admin });
    expect(teams.body.items.find((x: { id: string }) => x.id === sales).memberCount).toBeGreaterThanOrEqual(
      1,
    );
  });

  it('an agent promoted to supervisor opens the supervisor reports with the same token', async () => {
    const agent = await t.createUser({ email: 'promoted@test.local' });
    expect((await t.request('GET', '/api/sla/summary', { token: agent.token })).status).toBe(403);
    const res = await patchUser(agent.id, { role: 'supervisor' });
    expect(res.status).toBe(200);
    expect(res.body.role).toBe('supervisor');
    expect((await t.request('GET', '/api/sla/summary', { token: agent.token })).status).toBe(200);
  });

  it("moving an agent out of a team hides the team's tickets at once, on REST and on the socket", async () => {
    const agent = await t.createUser({ email: 'mover@test.local', teamIds: [sales] });
    expect(await visibleIds(agent.token)).toContain(salesTicket);
    const socket = await t.socket(agent.token);
    const events = recordEvents(socket);
    expect(await socket.emitWithAck('ticket.view', { ticketId: salesTicket })).toEqual({ ok: true });

    const moved = await patchUser(agent.id, { teamIds: [billing] });
    expect(moved.body.teamIds).toEqual([billing]);
    expect(await visibleIds(agent.token)).not.toContain(salesTicket);
    expect((await t.request('GET', `/api/tickets/${salesTicket}`, { token: agent.token })).status).toBe(404);
    expect(await socket.emitWithAck('ticket.view', { ticketId: salesTicket })).toEqual({
      ok: false,
      error: 'not found',
    });

    // Let the gateway move the socket, then a new Sales message must not reach it while a Billing one does.
    await new Promise((r) => setTimeout(r, 300));
    const billingAccount = await t.createApiAccount({ teamId: billing });
    await t.inbound(salesAccount, {
      externalId: 's-after',
      from: { handle: 'later@example.com' },
      text: 'sales secret',
    });
    const billingTicket = (
      await t.inbound(billingAccount, {
        externalId: 'b-after',
        from: { handle: 'payer@example.com' },
        text: 'invoice question',
      })
    ).body.ticketId;
    await waitFor(
      () => events.find((e) => e.name === 'message.created' && e.payload.ticketId === billingTicket),
      5000,
      'billing message.created',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(events.filter((e) => JSON.stringify(e.payload).includes('sales secret'))).toEqual([]);
  });

  it('a disabled user is refused with a reason, their token stops working and their socket is dropped; re-enabling lets them back', async () => {
    const agent = await t.createUser({ email: 'leaver@test.local', teamIds: [sales] });
    await t.request('PATCH', `/api/tickets/${salesTicket}`, { token: admin, body: { assigneeId: agent.id } });
    const socket = await t.socket(agent.token);
    const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve));

    const res = await patchUser(agent.id, { active: false });
    expect(res.body.active).toBe(false);
    expect(await dropped).toBe('io server disconnect');
    expect((await t.request('GET', '/api/auth/me', { token: agent.token })).status).toBe(401);
    const login = await t.request('POST', '/api/auth/login', {
      body: { email: 'leaver@test.local', password: 'agent-password-123' },
    });
    expect(login.status).toBe(403);
    expect(login.body.message).toMatch(/disabled/);
    await expect(t.socket(agent.token)).rejects.toThrow(/unauthorized/);

    // Their ticket keeps its assignee and stays in the team's queue.
    const teammate = await t.createUser({ email: 'teammate@test.local', teamIds: [sales] });
    const ticket = await t.request('GET', `/api/tickets/${salesTicket}`, { token: teammate.token });
    expect(ticket.status).toBe(200);
    expect(ticket.body.assignee?.id ?? ticket.body.assigneeId).toBe(agent.id);

    expect((await patchUser(agent.id, { active: true })).body.active).toBe(true);
    expect(
      (
        await t.request('POST', '/api/auth/login', {
          body: { email: 'leaver@test.local', password: 'agent-password-123' },
        })
      ).status,
    ).toBe(200);
  });

  it('an admin cannot demote or disable themselves (400), nor can the last active admin be demoted', async () => {
    const me = (await t.request('GET', '/api/auth/me', { token: admin })).body.id;
    for (const body of [{ role: 'agent' }, { active: false }]) {
      const res = await patchUser(me, body);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/yourself/);
    }
    expect((await t.request('POST', `/api/admin/users/${me}/disable`, { token: admin })).status).toBe(400);

    const second = await t.createUser({ email: 'second-admin@test.local', role: 'admin' });
    // With two admins, the second may demote the first; then the second is the last one.
    expect((await patchUser(me, { role: 'supervisor' }, second.token)).status).toBe(200);
    // Disabling oneself is refused as bad input before the last-admin guard is reached.
    const last = await patchUser(second.id, { active: false }, second.token);
    expect(last.status).toBe(400);
    expect(
      (await t.request('GET', '/api/admin/users', { token: second.token })).body.items.filter(
        (u: { role: string; active: boolean }) => u.role === 'admin' && u.active,
      ),
    ).toHaveLength(1);
    // Restore the first admin for the other tests.
    expect((await patchUser(me, { role: 'admin' }, second.token)).status).toBe(200);
  });

  it('a reset password is shown once, works, and ends the old one and its sessions', async () => {
    const agent = await t.createUser({ email: 'forgetful@test.local' });
    const res = await t.request('POST', `/api/admin/users/${agent.id}/reset-password`, {
      token: admin,
      body: {},
    });
    expect(res.status).toBe(201);
    expect(res.body.password).toHaveLength(18);
    expect((await t.request('GET', '/api/auth/me', { token: agent.token })).status).toBe(401);
    expect(
      (
        await t.request('POST', '/api/auth/login', {
          body: { email: 'forgetful@test.local', password: 'agent-password-123' },
        })
      ).status,
    ).toBe(401);
    expect(await t.login('forgetful@test.local', res.body.password)).toEqual(expect.any(String));
    // Never shown again: the listing holds no password, and a new reset makes a different one.
    expect(JSON.stringify((await t.request('GET', '/api/admin/users', { token: admin })).body)).not.toContain(
      res.body.password,
    );
    const again = await t.request('POST', `/api/admin/users/${agent.id}/reset-password`, {
      token: admin,
      body: {},
    });
    expect(again.body.password).not.toBe(res.body.password);

    const chosen = await t.request('POST', `/api/admin/users/${agent.id}/reset-password`, {
      token: admin,
      body: { password: 'chosen-password-1' },
    });
    expect(chosen.body).toEqual({});
    expect(await t.login('forgetful@test.local', 'chosen-password-1')).toEqual(expect.any(String));
    const short = await t.request('POST', `/api/admin/users/${agent.id}/reset-password`, {
      token: admin,
      body: { password: 'short' },
    });
    expect(short.status).toBe(400);
    expect(short.body.message).toMatch(/password.*10/);
  });

  it('renames a team; duplicate team names and emails are 409', async () => {
    const renamed = await t.request('PATCH', `/api/admin/teams/${billing}`, {
      token: admin,
      body: { name: 'Accounts' },
    });
    expect(renamed.body).toMatchObject({ id: billing, name: 'Accounts' });
    expect(
      (await t.request('GET', '/api/teams', { token: admin })).body.items.map(
        (x: { name: string }) => x.name,
      ),
    ).toContain('Accounts');
    expect(
      (await t.request('PATCH', `/api/admin/teams/${billing}`, { token: admin, body: { name: 'sales' } }))
        .status,
    ).toBe(409);
    expect(
      (await t.request('POST', '/api/admin/teams', { token: admin, body: { name: 'SALES' } })).status,
    ).toBe(409);
    const dup = await t.request('POST', '/api/admin/users', {
      token: admin,
      body: { email: ADMIN.email, name: 'Copy', password: 'long-enough-pw', role: 'agent', teamIds: [] },
    });
    expect(dup.status).toBe(409);
  });

  it('bad input is 400 with a reason, unknown ids 404', async () => {
    const agent = await t.createUser({ email: 'input@test.local' });
    const bad = await patchUser(agent.id, { role: 'owner' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/role/);
    expect(
      (await patchUser(agent.id, { teamIds: ['00000000-0000-4000-8000-000000000000'] })).body.message,
    ).toMatch(/unknown team/);
    expect((await patchUser(agent.id, { email: 'x@y.z' })).status).toBe(400);
    expect((await patchUser(agent.id, {})).status).toBe(400);
    expect((await patchUser('00000000-0000-4000-8000-000000000000', { role: 'agent' })).status).toBe(404);
    expect((await patchUser('nope', { role: 'agent' })).status).toBe(404);
    expect(
      (
        await t.request('PATCH', '/api/admin/teams/00000000-0000-4000-8000-000000000000', {
          token: admin,
          body: { name: 'X' },
        })
      ).status,
    ).toBe(404);
  });

  it('non-admins get 403 on every people endpoint', async () => {
    const supervisor = await t.createUser({ email: 'boss@test.local', role: 'supervisor' });
    const target = await t.createUser({ email: 'target@test.local' });
    const calls: Array<[string, string, unknown?]> = [
      ['GET', '/api/admin/users'],
      ['PATCH', `/api/admin/users/${target.id}`, { role: 'admin' }],
      ['POST', `/api/admin/users/${target.id}/reset-password`, {}],
      ['GET', '/api/admin/teams'],
      ['PATCH', `/api/admin/teams/${sales}`, { name: 'Mine' }],
    ];
    for (const token of [supervisor.token, target.token]) {
      for (const [method, path, body] of calls)
        expect([method, path, (await t.request(method, path, { token, body })).status]).toEqual([
          method,
          path,
          403,
        ]);
    }
  });
});
