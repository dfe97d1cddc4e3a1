import { recordEvents, startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';

/**
 * Notifications end to end on a real database: what an agent's action commits reaches the
 * bell of the agent it concerns, live over a real socket and in `GET /api/notifications`, and
 * nobody else's (not the actor's, not a colleague's).
 */
describe('notifications', () => {
  let t: TestApp;
  let admin: string;
  let teamId: string;
  let account: { id: string; apiKey: string };
  let ana: { id: string; token: string };
  let ben: { id: string; token: string };
  let cleo: { id: string; token: string };
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    teamId = await t.createTeam('Support');
    account = await t.createApiAccount({ teamId });
    ana = await t.createUser({ email: 'ana@test.local', teamIds: [teamId] });
    ben = await t.createUser({ email: 'ben@test.local', teamIds: [teamId] });
    cleo = await t.createUser({ email: 'cleo@test.local', teamIds: [teamId] });
  });
  afterAll(() => t.close());

  async function newTicket(text = 'my invoice is wrong'): Promise<string> {
    const res = await t.inbound(account, {
      externalId: `n-${++n}`,
      from: { handle: `customer-${n}@example.com` },
      text,
    });
    expect(res.status).toBe(200);
    return res.body.ticketId;
  }

  const mine = async (token: string) => (await t.request('GET', '/api/notifications', { token })).body;
  const notified = (events: Array<{ name: string; payload: any }>, ticketId: string) =>
    events.filter((e) => e.name === 'notification.created' && e.payload.notification.ticketId === ticketId);

  it('a mention reaches the mentioned agent live and in their list, and neither the author nor a colleague', async () => {
    const ticketId = await newTicket();
    const [anaEvents, benEvents, cleoEvents] = await Promise.all(
      [ana, ben, cleo].map(async (a) => recordEvents(await t.socket(a.token))),
    );
    const note = await t.request('POST', `/api/tickets/${ticketId}/messages`, {
      token: ana.token,
      body: { kind: 'note', body: '@ben can you check the invoice? @ana' },
    });
    expect(note.status).toBe(201);

    const live = await waitFor(() => notified(benEvents, ticketId)[0], 10_000, 'ben notified');
    expect(live.payload.notification).toMatchObject({ kind: 'mention', ticketId, readAt: null });
    expect(live.payload.notification.text).toMatch(
      /^ana mentioned you on #\d+ .*@ben can you check the invoice\?/,
    );
    expect(live.payload.unread).toBe(1);

    const list = await mine(ben.token);
    expect(list.unread).toBe(1);
    expect(list.items.map((i: any) => i.id)).toEqual([live.payload.notification.id]);
    expect((await mine(ana.token)).items).toEqual([]);
    expect((await mine(cleo.token)).items).toEqual([]);
    expect(notified(anaEvents, ticketId)).toEqual([]);
    expect(notified(cleoEvents, ticketId)).toEqual([]);
  });

  it('an assignment by hand reaches the assignee and not the agent who assigned it', async () => {
    const ticketId = await newTicket();
    const [anaEvents, benEvents, cleoEvents] = await Promise.all(
      [ana, ben, cleo].map(async (a) => recordEvents(await t.socket(a.token))),
    );
    const res = await t.request('PATCH', `/api/tickets/${ticketId}`, {
      token: ana.token,
      body: { assigneeId: cleo.id },
    });
    expect(res.status).toBe(200);
    const live = await waitFor(() => notified(cleoEvents, ticketId)[0], 10_000, 'cleo notified');
    expect(live.payload.notification).toMatchObject({ kind: 'assignment' });
    expect(live.payload.notification.text).toMatch(/^ana assigned #\d+ .* to you$/);
    // Whatever this change gave anyone committed with Cleo's notification.
    expect(notified(anaEvents, ticketId)).toEqual([]);
    expect(notified(benEvents, ticketId)).toEqual([]);
  });

  it('a transfer to my team reaches its members but not the agent who made it', async () => {
    const other = await t.createTeam('Billing');
    const dora = await t.createUser({ email: 'dora@test.local', teamIds: [other] });
    const eli = await t.createUser({ email: 'eli@test.local', teamIds: [other] });
    const ticketId = await newTicket();
    const [doraEvents, eliEvents, benEvents] = await Promise.all(
      [dora, eli, ben].map(async (a) => recordEvents(await t.socket(a.token))),
    );
    const res = await t.request('POST', `/api/tickets/${ticketId}/transfer`, {
      token: ben.token,
      body: { toTeamId: other, note: 'this is about billing' },
    });
    expect(res.status).toBe(200);
    for (const events of [doraEvents, eliEvents]) {
      const live = await waitFor(() => notified(events, ticketId)[0], 10_000, 'billing member notified');
      expect(live.payload.notification.kind).toBe('transfer');
      expect(live.payload.notification.text).toMatch(/^ben transferred #\d+ .* to your team Billing$/);
    }
    expect(notified(benEvents, ticketId)).toEqual([]);
    expect((await mine(ben.token)).items.filter((i: any) => i.ticketId === ticketId)).toEqual([]);
  });

  it('an SLA escalation step reaches the assignee only', async () => {
    const slaTeam = await t.createTeam('Urgent');
    const slaAccount = await t.createApiAccount({ teamId: slaTeam });
    const fay = await t.createUser({ email: 'fay@test.local', teamIds: [slaTeam] });
    const gus = await t.createUser({ email: 'gus@test.local', teamIds: [slaTeam] });
    const policy = await t.request('POST', '/api/admin/sla-policies', {
      token: admin,
      body: {
        name: 'urgent',
        order: 1,
        conditions: { teamIds: [slaTeam] },
        targets: { firstResponseSeconds: 2 },
        atRiskShare: 0.5,
        escalations: [{ on: 'breach', action: 'notify_assignee' }],
      },
    });
    expect(policy.status).toBe(201);
    const [fayEvents, gusEvents] = await Promise.all(
      [fay, gus].map(async (a) => recordEvents(await t.socket(a.token))),
    );
    const { ticketId } = (
      await t.inbound(slaAccount, { externalId: 'sla-1', from: { handle: 'late@example.com' }, text: 'help' })
    ).body;
    expect(
      (await t.request('PATCH', `/api/tickets/${ticketId}`, { token: admin, body: { assigneeId: fay.id } }))
        .status,
    ).toBe(200);
    const escalation = await waitFor(
      () => notified(fayEvents, ticketId).find((e) => e.payload.notification.kind === 'sla_escalation'),
      15_000,
      'escalation notification',
    );
    expect(escalation.payload.notification.text).toMatch(/^#\d+ .*: escalated, first response breached/);
    const kinds = (await mine(fay.token)).items.map((i: any) => i.kind).sort();
    expect(kinds).toEqual(expect.arrayContaining(['assignment', 'sla_breach', 'sla_escalation']));
    // Before the assignment the ticket was the team's, so a busy machine may warn Gus of it; the escalation is Fay's alone.
    const escalations = (events: Array<{ name: string; payload: any }>) =>
      notified(events, ticketId).filter((e) => e.payload.notification.kind === 'sla_escalation');
    expect(escalations(gusEvents)).toEqual([]);
    expect((await mine(gus.token)).items.filter((i: any) => i.kind === 'sla_escalation')).toEqual([]);
  });

  it('only the owner marks notifications read; one by id or all; bad bodies are refused by name', async () => {
    const before = await mine(ben.token);
    expect(before.unread).toBeGreaterThan(0);
    const id = before.items[0].id;
    // Another agent naming Ben's notification changes nothing of his.
    const foreign = await t.request('POST', '/api/notifications/read', {
      token: cleo.token,
      body: { ids: [id] },
    });
    expect(foreign.status).toBe(200);
    expect((await mine(ben.token)).unread).toBe(before.unread);

    const one = await t.request('POST', '/api/notifications/read', { token: ben.token, body: { ids: [id] } });
    expect(one.status).toBe(200);
    expect(one.body.unread).toBe(before.unread - 1);
    expect((await mine(ben.token)).items.find((i: any) => i.id === id).readAt).not.toBeNull();

    const all = await t.request('POST', '/api/notifications/read', { token: ben.token, body: { all: true } });
    expect(all.body).toEqual({ unread: 0 });

    const bad = await t.request('POST', '/api/notifications/read', {
      token: ben.token,
      body: { ids: ['nope'] },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/ids/);
    const empty = await t.request('POST', '/api/notifications/read', { token: ben.token, body: {} });
    expect(empty.status).toBe(400);
    expect((await t.request('GET', '/api/notifications', {})).status).toBe(401);
  });
});
