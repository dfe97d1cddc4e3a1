import { recordEvents, startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';

describe('who sees what, over REST and sockets alike', () => {
  let t: TestApp;
  let teamA: string;
  let teamB: string;
  let accountA: { id: string; apiKey: string };
  let accountB: { id: string; apiKey: string };
  let agentA: { id: string; token: string };
  let ticketB: string;

  beforeAll(async () => {
    t = await startTestApp();
    teamA = await t.createTeam('Team A');
    teamB = await t.createTeam('Team B');
    accountA = await t.createApiAccount({ teamId: teamA });
    accountB = await t.createApiAccount({ teamId: teamB });
    agentA = await t.createUser({ email: 'a1@test.local', teamIds: [teamA] });
    ticketB = (
      await t.inbound(accountB, {
        externalId: 'b-1',
        from: { handle: 'secret@example.com' },
        text: 'team B only',
      })
    ).body.ticketId;
  });
  afterAll(() => t.close());

  it('an agent of team A gets 404 for a team B ticket, its timeline and its contact', async () => {
    for (const path of [`/api/tickets/${ticketB}`, `/api/tickets/${ticketB}/messages`]) {
      expect((await t.request('GET', path, { token: agentA.token })).status).toBe(404);
    }
    expect(
      (
        await t.request('POST', `/api/tickets/${ticketB}/messages`, {
          token: agentA.token,
          body: { kind: 'note', body: 'peek' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await t.request('PATCH', `/api/tickets/${ticketB}`, {
          token: agentA.token,
          body: { status: 'solved' },
        })
      ).status,
    ).toBe(404);
    const admin = await t.adminToken();
    const contactId = (await t.request('GET', `/api/tickets/${ticketB}`, { token: admin })).body.contact.id;
    expect((await t.request('GET', `/api/contacts/${contactId}`, { token: agentA.token })).status).toBe(404);
    const list = await t.request('GET', '/api/tickets', { token: agentA.token });
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(ticketB);
  });

  it('an agent sees a ticket of another team once it is assigned to them', async () => {
    const admin = await t.adminToken();
    const other = (
      await t.inbound(accountB, {
        externalId: 'b-2',
        from: { handle: 'handover@example.com' },
        text: 'for A1',
      })
    ).body.ticketId;
    await t.request('PATCH', `/api/tickets/${other}`, { token: admin, body: { assigneeId: agentA.id } });
    expect((await t.request('GET', `/api/tickets/${other}`, { token: agentA.token })).status).toBe(200);
  });

  it('a live agent receives message.created for its team and no event for team B', async () => {
    const socket = await t.socket(agentA.token);
    const events = recordEvents(socket);
    const own = await t.inbound(accountA, {
      externalId: 'a-live',
      from: { handle: 'live@example.com' },
      text: 'hello team A',
    });
    await t.inbound(accountB, {
      externalId: 'b-live',
      from: { handle: 'hidden@example.com' },
      text: 'hello team B',
    });
    const created = await waitFor(
      () => events.find((e) => e.name === 'message.created' && e.payload.ticketId === own.body.ticketId),
      5000,
      'message.created',
    );
    expect(created.payload.message.text).toBe('hello team A');
    // Give team B's event time to arrive if it were (wrongly) sent.
    await new Promise((r) => setTimeout(r, 300));
    expect(events.filter((e) => JSON.stringify(e.payload).includes('hello team B'))).toEqual([]);
    expect(
      events.some(
        (e) =>
          e.payload.ticketId &&
          e.payload.ticketId !== own.body.ticketId &&
          e.payload.ticket?.teamId === teamB,
      ),
    ).toBe(false);
  });

  it('a socket with a wrong or missing token is refused', async () => {
    await expect(t.socket('not-a-token')).rejects.toThrow(/unauthorized/);
    await expect(t.socket('')).rejects.toThrow(/unauthorized/);
  });

  it('joining a forbidden ticket room is refused', async () => {
    const socket = await t.socket(agentA.token);
    const ack = await socket.emitWithAck('ticket.view', { ticketId: ticketB });
    expect(ack).toEqual({ ok: false, error: 'not found' });
  });
});
