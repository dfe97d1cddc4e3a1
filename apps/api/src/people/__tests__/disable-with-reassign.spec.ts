import { startTestApp, type TestApp } from '../../test-support/test-app.js';

describe('disabling a person moves their open tickets', () => {
  let t: TestApp;
  let admin: string;
  let support: string;
  let account: { id: string; apiKey: string };
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    support = await t.createTeam('Support');
    account = await t.createApiAccount({ teamId: support });
  });
  afterAll(() => t.close());

  const openTicketFor = async (assigneeId: string) => {
    n += 1;
    const id = (
      await t.inbound(account, { externalId: `m-${n}`, from: { handle: `c${n}@example.com` }, text: 'help' })
    ).body.ticketId as string;
    expect(
      (await t.request('PATCH', `/api/tickets/${id}`, { token: admin, body: { assigneeId } })).status,
    ).toBe(200);
    return id;
  };
  const disable = (id: string, body: unknown = {}, token = admin) =>
    t.request('POST', `/api/admin/users/${id}/disable`, { token, body });
  const ticket = async (id: string) => (await t.request('GET', `/api/tickets/${id}`, { token: admin })).body;
  const disabledEvents = async (id: string) =>
    (await t.request('GET', `/api/tickets/${id}/messages`, { token: admin })).body.items.filter(
      (i: { entry: string; type?: string; data?: { reason?: string } }) =>
        i.entry === 'event' && i.type === 'updated' && i.data?.reason === 'assignee_disabled',
    );

  it("sends a disabled agent's open tickets to another agent, one timeline event each, and leaves solved ones", async () => {
    const dora = await t.createUser({ email: 'dora@test.local', teamIds: [support] });
    const bob = await t.createUser({ email: 'bob@test.local', teamIds: [support] });
    const first = await openTicketFor(dora.id);
    const second = await openTicketFor(dora.id);
    const solved = await openTicketFor(dora.id);
    await t.request('PATCH', `/api/tickets/${solved}`, { token: admin, body: { status: 'solved' } });

    const res = await disable(dora.id, { reassignToAgentId: bob.id });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ reassignedTickets: 2 });
    for (const id of [first, second]) {
      expect((await ticket(id)).assigneeId).toBe(bob.id);
      const events = await disabledEvents(id);
      expect(events).toHaveLength(1);
      expect(events[0].data).toMatchObject({ assigneeId: bob.id, fromAgentId: dora.id });
    }
    expect((await ticket(solved)).assigneeId).toBe(dora.id);
    expect((await t.request('GET', '/api/auth/me', { token: dora.token })).status).toBe(401);
  });

  it("sends them back to the team's queue when no agent is chosen", async () => {
    const erin = await t.createUser({ email: 'erin@test.local', teamIds: [support] });
    const id = await openTicketFor(erin.id);
    const res = await disable(erin.id, { reassignToAgentId: null });
    expect(res.body).toEqual({ reassignedTickets: 1 });
    expect(await ticket(id)).toMatchObject({ assigneeId: null, teamId: support });
    expect(await disabledEvents(id)).toHaveLength(1);
  });

  it('refuses a disabled or unknown agent as the new assignee with a 400 naming them, changing nothing', async () => {
    const fay = await t.createUser({ email: 'fay@test.local', teamIds: [support] });
    const gone = await t.createUser({ email: 'gone@test.local' });
    await disable(gone.id);
    const id = await openTicketFor(fay.id);

    const toDisabled = await disable(fay.id, { reassignToAgentId: gone.id });
    expect(toDisabled.status).toBe(400);
    expect(toDisabled.body.message).toMatch(/reassignToAgentId: .*gone.* is disabled/);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const toUnknown = await disable(fay.id, { reassignToAgentId: unknown });
    expect(toUnknown.status).toBe(400);
    expect(toUnknown.body.message).toContain(unknown);
    const notUuid = await disable(fay.id, { reassignToAgentId: 'bob' });
    expect(notUuid.status).toBe(400);
    expect(notUuid.body.message).toMatch(/reassignToAgentId/);

    expect((await ticket(id)).assigneeId).toBe(fay.id);
    const users = (await t.request('GET', '/api/admin/users', { token: admin })).body.items;
    expect(users.find((u: { id: string }) => u.id === fay.id).active).toBe(true);
  });

  it('an admin cannot disable themselves: 400 with a reason', async () => {
    const me = (await t.request('GET', '/api/auth/me', { token: admin })).body.id;
    const res = await disable(me);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/your own account/);
  });

  it("a disabled person's name still resolves for every agent", async () => {
    const hal = await t.createUser({ email: 'hal@test.local' });
    await disable(hal.id);
    const agent = await t.createUser({ email: 'reader@test.local' });
    const names = await t.request('GET', '/api/people/names', { token: agent.token });
    expect(names.status).toBe(200);
    expect(names.body.items).toContainEqual({ id: hal.id, name: expect.any(String), active: false });
    expect((await t.request('GET', '/api/people/names')).status).toBe(401);
  });
});
