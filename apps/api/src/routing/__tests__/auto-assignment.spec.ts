import { recordEvents, startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';

/**
 * Auto-assignment end to end on a real database: tickets arrive through the API channel, the
 * engine reacts to the committed outbox, and what agents would see (assignee, timeline line)
 * is read back over REST and from the tables.
 */
describe('auto-assignment by team', () => {
  let app: TestApp;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp({ availabilityGraceMs: 200 });
    admin = await app.adminToken();
  });
  afterAll(() => app.close());

  async function agentsOf(teamName: string, count: number, capacity?: object) {
    const teamId = await app.createTeam(teamName);
    const agents: Array<{ id: string; token: string }> = [];
    for (let i = 0; i < count; i++) {
      const agent = await app.createUser({
        email: `${teamName}-${i}@test.local`.toLowerCase(),
        teamIds: [teamId],
      });
      if (capacity) {
        const res = await app.request('PATCH', `/api/admin/users/${agent.id}`, {
          token: admin,
          body: { capacity },
        });
        expect(res.status).toBe(200);
      }
      agents.push(agent);
    }
    // Round robin goes through the agents in id order.
    agents.sort((a, b) => (a.id < b.id ? -1 : 1));
    return { teamId, agents };
  }

  const online = async (token: string, status = 'online') =>
    expect((await app.request('PUT', '/api/me/availability', { token, body: { status } })).status).toBe(200);

  async function setMode(teamId: string, assignment: object) {
    const res = await app.request('PATCH', `/api/admin/teams/${teamId}`, {
      token: admin,
      body: { assignment },
    });
    expect(res.status).toBe(200);
    return res.body;
  }

  async function newTickets(account: { id: string; apiKey: string }, prefix: string, n: number) {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const res = await app.inbound(account, {
        externalId: `${prefix}-${i}`,
        from: { handle: `${prefix}-${i}@example.com` },
        text: `question ${i}`,
      });
      ids.push(res.body.ticketId);
    }
    return ids;
  }

  async function assignees(ticketIds: string[]): Promise<Array<string | null>> {
    const rows = await app.db.query<{ id: string; assignee_id: string | null }>(
      `SELECT id, assignee_id FROM tickets WHERE id = ANY($1::uuid[])`,
      [ticketIds],
    );
    return ticketIds.map((id) => rows.find((r) => r.id === id)!.assignee_id);
  }

  const solve = async (token: string, ticketId: string) =>
    expect(
      (await app.request('PATCH', `/api/tickets/${ticketId}`, { token, body: { status: 'solved' } })).status,
    ).toBe(200);

  it('three online agents with capacity 2 take six of ten tickets in turn; the rest wait oldest first and go to whoever frees room', async () => {
    const { teamId, agents } = await agentsOf('Chat', 3, { perChannel: { api: 2 } });
    for (const a of agents) await online(a.token);
    const team = await setMode(teamId, { mode: 'round_robin', onlyOnline: true });
    expect(team.assignment).toEqual({ mode: 'round_robin', onlyOnline: true });
    const account = await app.createApiAccount({ teamId });
    const tickets = await newTickets(account, 'rr', 10);

    const first = await waitFor(
      async () => {
        const now = await assignees(tickets);
        return now.filter(Boolean).length === 6 && now;
      },
      10_000,
      'six tickets assigned',
    );
    const ids = agents.map((a) => a.id);
    // The six oldest went out, in turn; the four newest wait.
    expect(first).toEqual([ids[0], ids[1], ids[2], ids[0], ids[1], ids[2], null, null, null, null]);
    const reasons = await app.db.query<{ data: { reason: string } }>(
      `SELECT data FROM ticket_events WHERE ticket_id = $1 AND type = 'auto_assigned'`,
      [tickets[3]],
    );
    expect(reasons.map((r) => r.data.reason)).toEqual(['round robin; now 2 of 2 api']);
    const timeline = await app.request('GET', `/api/tickets/${tickets[3]}/messages`, {
      token: agents[0].token,
    });
    expect(JSON.stringify(timeline.body)).toContain('auto_assigned');

    // Agent 0 solves a ticket: the oldest waiting one (the 7th) is theirs at once.
    const started = Date.now();
    await solve(agents[0].token, tickets[0]);
    await waitFor(async () => (await assignees([tickets[6]]))[0] === ids[0], 10_000, '7th ticket to agent 0');
    console.log(`freed capacity refilled in ${Date.now() - started} ms`);
    expect(await assignees(tickets.slice(7))).toEqual([null, null, null]);

    // Agent 1 goes offline and solves one: nothing more for them. Agent 2 then solves one and
    // gets the 8th; the engine handled agent 1's solve before that and passed them over.
    await online(agents[1].token, 'offline');
    await solve(agents[1].token, tickets[1]);
    await solve(agents[2].token, tickets[2]);
    await waitFor(async () => (await assignees([tickets[7]]))[0] === ids[2], 10_000, '8th ticket to agent 2');
    expect(await assignees(tickets.slice(8))).toEqual([null, null]);

    // Raising agent 2's capacity hands them the 9th without anyone solving.
    await app.request('PATCH', `/api/admin/users/${ids[2]}`, {
      token: admin,
      body: { capacity: { perChannel: { api: 3 } } },
    });
    await waitFor(async () => (await assignees([tickets[8]]))[0] === ids[2], 10_000, '9th ticket to agent 2');
    expect(await assignees([tickets[9]])).toEqual([null]);

    // Agent 1 online again: the last waiting ticket is theirs.
    await online(agents[1].token);
    await waitFor(
      async () => (await assignees([tickets[9]]))[0] === ids[1],
      10_000,
      '10th ticket to agent 1',
    );
    const doubles = await app.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT ticket_id FROM auto_assignments GROUP BY ticket_id HAVING count(*) > 1) d`,
    );
    expect(doubles[0].n).toBe(0);
  }, 60_000);

  it('balanced gives a new ticket to the least loaded agent, weighted by capacity', async () => {
    const { teamId, agents } = await agentsOf('Billing', 2);
    const [busy, idle] = agents;
    await app.request('PATCH', `/api/admin/users/${busy.id}`, {
      token: admin,
      body: { capacity: { total: 10 } },
    });
    await app.request('PATCH', `/api/admin/users/${idle.id}`, {
      token: admin,
      body: { capacity: { total: 2 } },
    });
    for (const a of agents) await online(a.token);
    const account = await app.createApiAccount({ teamId });
    // The busy agent carries 3 of 10 (0.3); the other 1 of 2 (0.5): the busy one is less loaded.
    const handTaken = await newTickets(account, 'bal-hand', 4);
    for (const [i, id] of handTaken.entries())
      await app.request('PATCH', `/api/tickets/${id}`, {
        token: admin,
        body: { assigneeId: i < 3 ? busy.id : idle.id },
      });
    await setMode(teamId, { mode: 'balanced', onlyOnline: true });
    const [next] = await newTickets(account, 'bal-new', 1);
    await waitFor(async () => (await assignees([next]))[0], 10_000, 'balanced assignment');
    expect(await assignees([next])).toEqual([busy.id]);
    const [event] = await app.db.query<{ data: { reason: string } }>(
      `SELECT data FROM ticket_events WHERE ticket_id = $1 AND type = 'auto_assigned'`,
      [next],
    );
    expect(event.data.reason).toBe('balanced (least loaded); now 4 of 10 tickets');
  }, 60_000);

  it('a ticket an agent took by hand and let go is never taken back by the engine', async () => {
    const { teamId, agents } = await agentsOf('Returns', 1);
    const [agent] = agents;
    await online(agent.token);
    const account = await app.createApiAccount({ teamId });
    const [handled] = await newTickets(account, 'hand', 1);
    await app.request('PATCH', `/api/tickets/${handled}`, {
      token: agent.token,
      body: { assigneeId: agent.id },
    });
    await app.request('PATCH', `/api/tickets/${handled}`, { token: agent.token, body: { assigneeId: null } });
    await setMode(teamId, { mode: 'round_robin', onlyOnline: true });
    // A later ticket is assigned: the engine has run over this team's queue since.
    const [later] = await newTickets(account, 'hand-later', 1);
    await waitFor(async () => (await assignees([later]))[0], 10_000, 'later ticket assigned');
    expect(await assignees([handled, later])).toEqual([null, agent.id]);
  }, 60_000);

  it('availability: stored, listed in GET /api/agents, heard live, and offline after the last socket closes', async () => {
    const { agents } = await agentsOf('Presence', 2);
    const [watcher, leaver] = agents;
    const watching = await app.socket(watcher.token);
    const events = recordEvents(watching);
    const socket = await app.socket(leaver.token);
    await waitFor(
      () =>
        events.find(
          (e) =>
            e.name === 'agent.availability' &&
            e.payload.userId === leaver.id &&
            e.payload.status === 'online',
        ),
      5000,
      'online on connect',
    );
    await online(leaver.token, 'away');
    const list = await app.request('GET', '/api/agents', { token: watcher.token });
    expect(list.body.items.find((a: { id: string }) => a.id === leaver.id).availability).toBe('away');
    socket.disconnect();
    await waitFor(
      () =>
        events.find(
          (e) =>
            e.name === 'agent.availability' &&
            e.payload.userId === leaver.id &&
            e.payload.status === 'offline',
        ),
      5000,
      'offline after the grace period',
    );
    const after = await app.request('GET', '/api/agents', { token: watcher.token });
    expect(after.body.items.find((a: { id: string }) => a.id === leaver.id).availability).toBe('offline');
  }, 30_000);

  it('refuses bad settings with a reason naming the problem, and non-admins with 403', async () => {
    const { teamId, agents } = await agentsOf('Checks', 1);
    const user = agents[0].id;
    const cases: Array<[string, object, string]> = [
      [`/api/admin/users/${user}`, { capacity: { total: -1 } }, 'capacity.total: must be 0 or more'],
      [
        `/api/admin/users/${user}`,
        { capacity: { perChannel: { fax: 2 } } },
        'capacity.perChannel: unknown field(s) fax',
      ],
      [
        `/api/admin/users/${user}`,
        { capacity: { perChannel: { email: -3 } } },
        'capacity.perChannel.email: must be 0 or more',
      ],
      [`/api/admin/users/${user}`, { capacity: { weekly: 3 } }, 'capacity: unknown field(s) weekly'],
      [`/api/admin/teams/${teamId}`, { assignment: { mode: 'random' } }, 'assignment.mode'],
      [
        `/api/admin/teams/${teamId}`,
        { assignment: { mode: 'balanced', strategy: 'x' } },
        'assignment: unknown field(s) strategy',
      ],
      [
        `/api/admin/teams/${teamId}`,
        { assignment: { mode: 'balanced', maxPerHour: 0 } },
        'assignment.maxPerHour: must be 1 or more',
      ],
    ];
    for (const [path, body, reason] of cases) {
      const res = await app.request('PATCH', path, { token: admin, body });
      expect(res.status).toBe(400);
      expect(res.body.message).toContain(reason);
    }
    const bad = await app.request('PUT', '/api/me/availability', {
      token: agents[0].token,
      body: { status: 'busy' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('status');
    for (const [path, body] of [
      [`/api/admin/users/${user}`, { capacity: { total: 3 } }],
      [`/api/admin/teams/${teamId}`, { assignment: { mode: 'balanced' } }],
    ] as const) {
      const res = await app.request('PATCH', path, { token: agents[0].token, body });
      expect(res.status).toBe(403);
    }
    const stored = await app.db.query<{ capacity: object }>(`SELECT capacity FROM users WHERE id = $1`, [
      user,
    ]);
    expect(stored[0].capacity).toEqual({});
  }, 30_000);
});
