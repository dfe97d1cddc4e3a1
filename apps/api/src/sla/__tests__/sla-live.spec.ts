import { recordEvents, startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';

/** The sweeper on real time and a real PostgreSQL, with targets of seconds on a 24/7 calendar. */
describe('SLA warnings, breaches and escalations reach supervisors live', () => {
  let t: TestApp;
  let admin: string;
  let supervisor: { id: string; token: string };
  let agent: { id: string; token: string };
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    supervisor = await t.createUser({ email: 'sup@test.local', role: 'supervisor' });
    agent = await t.createUser({ email: 'agent@test.local', role: 'agent' });
  });
  afterAll(() => t.close());

  async function setup(policy: Record<string, unknown>) {
    const teamId = await t.createTeam(`team-${++n}`);
    const account = await t.createApiAccount({ teamId });
    const res = await t.request('POST', '/api/admin/sla-policies', {
      token: admin,
      body: { name: `p-${n}`, order: n, conditions: { teamIds: [teamId] }, ...policy },
    });
    expect(res.status).toBe(201);
    return { teamId, account, policyId: res.body.id as string };
  }

  it('the breach event reaches a supervisor socket within 2 seconds of the due time, exactly once', async () => {
    const { account } = await setup({ targets: { firstResponseSeconds: 3 }, atRiskShare: 0.5 });
    const socket = await t.socket(supervisor.token);
    const seen: Array<{ name: string; payload: any; at: number }> = [];
    socket.onAny((name: string, payload: any) => seen.push({ name, payload, at: Date.now() }));
    const { ticketId } = (
      await t.inbound(account, {
        externalId: `b-${n}`,
        from: { handle: 'late@example.com' },
        text: 'anyone?',
      })
    ).body;
    const dueAt = Date.parse(
      (await t.request('GET', `/api/tickets/${ticketId}`, { token: admin })).body.sla.firstResponseDueAt,
    );
    const breach = await waitFor(
      () => seen.find((e) => e.name === 'sla.breached' && e.payload.ticketId === ticketId),
      10_000,
      'sla.breached',
    );
    expect(breach.payload).toMatchObject({ metric: 'first_response', dueAt: new Date(dueAt).toISOString() });
    expect(breach.at - dueAt).toBeGreaterThanOrEqual(0);
    expect(breach.at - dueAt).toBeLessThan(2000);
    await new Promise((r) => setTimeout(r, 2500));
    const forTicket = (name: string) =>
      seen.filter((e) => e.name === name && e.payload.ticketId === ticketId);
    expect(forTicket('sla.breached')).toHaveLength(1);
    expect(forTicket('sla.warning')).toHaveLength(1);
    expect(forTicket('sla.warning')[0].at).toBeLessThan(breach.at);
    const ticket = (await t.request('GET', `/api/tickets/${ticketId}`, { token: admin })).body;
    expect(ticket.sla.breachedAt).toBe(new Date(dueAt).toISOString());
  });

  it('deactivating a policy stops its notifications', async () => {
    const { account, policyId } = await setup({ targets: { firstResponseSeconds: 3 }, atRiskShare: 0.6 });
    const events = recordEvents(await t.socket(supervisor.token));
    const { ticketId } = (
      await t.inbound(account, { externalId: `d-${n}`, from: { handle: 'quiet@example.com' }, text: 'hello' })
    ).body;
    const patched = await t.request('PATCH', `/api/admin/sla-policies/${policyId}`, {
      token: admin,
      body: { active: false },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.active).toBe(false);
    await new Promise((r) => setTimeout(r, 4500));
    expect(events.filter((e) => e.name.startsWith('sla.') && e.payload.ticketId === ticketId)).toEqual([]);
    const ticket = (await t.request('GET', `/api/tickets/${ticketId}`, { token: admin })).body;
    expect(ticket.sla.policyId).toBeNull();
    expect(ticket.sla.dueAt).toBeNull();
  });

  it('escalation steps run once each and appear on the timeline', async () => {
    const rescue = await t.createTeam(`rescue-${++n}`);
    const { account } = await setup({
      targets: { firstResponseSeconds: 2 },
      atRiskShare: 0.5,
      escalations: [
        { on: 'at_risk', action: 'notify_supervisors' },
        { on: 'breach', action: 'raise_priority' },
        { on: 'breach', action: 'reassign_team', teamId: rescue },
      ],
    });
    const events = recordEvents(await t.socket(supervisor.token));
    const { ticketId } = (
      await t.inbound(account, {
        externalId: `e-${n}`,
        from: { handle: 'escalate@example.com' },
        text: 'urgent',
      })
    ).body;
    await waitFor(
      async () =>
        (await t.db.query(`SELECT 1 FROM sla_escalation_runs WHERE ticket_id = $1`, [ticketId])).length === 3,
      10_000,
      'three escalation runs',
    );
    await new Promise((r) => setTimeout(r, 1500));
    const runs = await t.db.query<{ action: string }>(
      `SELECT action FROM sla_escalation_runs WHERE ticket_id = $1 ORDER BY step_index`,
      [ticketId],
    );
    expect(runs.map((r) => r.action)).toEqual(['notify_supervisors', 'raise_priority', 'reassign_team']);
    const ticket = (await t.request('GET', `/api/tickets/${ticketId}`, { token: admin })).body;
    expect(ticket.priority).toBe('high');
    expect(ticket.teamId).toBe(rescue);
    const timeline = (await t.request('GET', `/api/tickets/${ticketId}/messages`, { token: admin })).body
      .items;
    expect(timeline.filter((i: any) => i.type === 'sla_escalation')).toHaveLength(3);
    expect(events.filter((e) => e.name === 'sla.escalated' && e.payload.ticketId === ticketId)).toHaveLength(
      1,
    );
  });

  it('supervisors get the SLA summary and reports (CSV too); agents get 403', async () => {
    for (const path of [
      '/api/sla/summary',
      '/api/reports/sla',
      '/api/reports/response-times',
      '/api/reports/volume',
    ]) {
      expect((await t.request('GET', path, { token: agent.token })).status).toBe(403);
      const ok = await t.request('GET', path, { token: supervisor.token });
      expect(ok.status).toBe(200);
    }
    const summary = (await t.request('GET', '/api/sla/summary', { token: supervisor.token })).body;
    expect(summary.totals.open).toBeGreaterThanOrEqual(3);
    expect(summary.totals.breached).toBeGreaterThanOrEqual(1);
    expect(summary.atRisk.some((r: any) => r.breached)).toBe(true);
    expect(summary.agents.find((a: any) => a.userId === supervisor.id).online).toBe(true);
    const frt = (
      await t.request('GET', '/api/reports/response-times?groupBy=team&period=today', {
        token: supervisor.token,
      })
    ).body;
    expect(frt.distribution.buckets).toHaveLength(6);
    const attainment = (await t.request('GET', '/api/reports/sla?groupBy=day', { token: admin })).body;
    expect(attainment.rows[0].firstResponse.total).toBeGreaterThanOrEqual(1);
    const res = await fetch(`${t.url}/api/reports/volume?format=csv`, {
      headers: { authorization: `Bearer ${supervisor.token}` },
    });
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    expect((await res.text()).split('\r\n')[0]).toBe('hour,channel,count');
    expect((await t.request('GET', '/api/reports/sla?groupBy=nonsense', { token: admin })).status).toBe(400);
  });

  it('the queue sorts by time to breach', async () => {
    const list = (await t.request('GET', '/api/tickets?status=active&sort=due', { token: admin })).body.items;
    const due = list.map((i: any) => i.sla.dueAt).filter(Boolean);
    expect(due).toEqual([...due].sort());
  });
});
