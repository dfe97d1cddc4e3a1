import { Db, type Sql } from '../../common/db.js';
import { SlaClockService } from '../../sla/sla-clock.service.js';
import { startTestApp, type TestApp } from '../../test-support/test-app.js';

/**
 * SLA clocks through the API with an injected clock (the sweeper is off: role "web"), so due
 * times can be asserted to the second on any weekday and across pauses.
 */
describe('SLA clocks follow the ticket lifecycle', () => {
  let t: TestApp;
  let admin: string;
  let clock: Date;
  const at = (iso: string) => (clock = new Date(iso));
  const plus = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000));

  beforeAll(async () => {
    t = await startTestApp({ role: 'web' });
    admin = await t.adminToken();
    t.app.get(SlaClockService).now = () => clock;
  });
  afterAll(() => t.close());

  async function setup(policy: Record<string, unknown>) {
    const teamId = await t.createTeam(`team-${Math.random().toString(36).slice(2, 8)}`);
    const account = await t.createApiAccount({ teamId });
    const res = await t.request('POST', '/api/admin/sla-policies', {
      token: admin,
      body: {
        name: `p-${teamId}`,
        order: 10,
        conditions: { teamIds: [teamId] },
        atRiskShare: 0.8,
        pauseOnHold: false,
        ...policy,
      },
    });
    expect(res.status).toBe(201);
    return { teamId, account, policyId: res.body.id as string };
  }
  const ticket = async (id: string) => (await t.request('GET', `/api/tickets/${id}`, { token: admin })).body;
  let n = 0;
  const write = (account: { id: string; apiKey: string }, handle: string, text: string) =>
    t.inbound(account, { externalId: `m-${++n}`, from: { handle }, text });

  it('a ticket opened Friday 17:55 in Berlin with a 1-business-hour target is due Monday 09:55, and pending moves it by the paused business time', async () => {
    const cal = await t.request('POST', '/api/admin/calendars', {
      token: admin,
      body: {
        name: 'Berlin office',
        timeZone: 'Europe/Berlin',
        hours: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' })),
        holidays: ['2026-12-25'],
      },
    });
    expect(cal.status).toBe(201);
    const { account } = await setup({ calendarId: cal.body.id, targets: { firstResponseSeconds: 3600 } });
    at('2026-03-06T16:55:00Z'); // Friday 17:55 CET
    const created = await write(account, 'friday@example.com', 'Are you still there?');
    expect((await ticket(created.body.ticketId)).sla.firstResponseDueAt).toBe('2026-03-09T08:55:00.000Z'); // Monday 09:55 CET

    at('2026-03-09T08:10:00Z'); // Monday 09:10: 5 + 10 = 15 business minutes used
    expect(
      (
        await t.request('PATCH', `/api/tickets/${created.body.ticketId}`, {
          token: admin,
          body: { status: 'pending' },
        })
      ).status,
    ).toBe(200);
    const paused = await ticket(created.body.ticketId);
    expect(paused.sla.firstResponseDueAt).toBeNull();
    expect(paused.sla.pausedSince).toBe('2026-03-09T08:10:00.000Z');

    at('2026-03-09T09:10:00Z'); // Monday 10:10 the customer answers: 45 business minutes were left
    await write(account, 'friday@example.com', 'Here is the order number');
    const resumed = await ticket(created.body.ticketId);
    expect(resumed.status).toBe('open');
    expect(resumed.sla.firstResponseDueAt).toBe('2026-03-09T09:55:00.000Z');

    const timeline = (
      await t.request('GET', `/api/tickets/${created.body.ticketId}/messages`, { token: admin })
    ).body;
    const reasons = JSON.stringify(timeline);
    expect(reasons).toContain('ticket pending: waiting on the customer');
    expect(reasons).toContain('clock resumes with the time it had left');
  });

  it('a pending ticket answered by the customer resumes with its remaining time and does not breach on the spot', async () => {
    const { account } = await setup({ targets: { resolutionSeconds: 100 } });
    at('2026-04-01T10:00:00Z');
    const { ticketId } = (await write(account, 'pending@example.com', 'help')).body;
    expect((await ticket(ticketId)).sla.resolutionDueAt).toBe('2026-04-01T10:01:40.000Z');
    plus(40);
    await t.request('PATCH', `/api/tickets/${ticketId}`, { token: admin, body: { status: 'pending' } });
    plus(1000); // long past the original due time, but the clock was paused
    await write(account, 'pending@example.com', 'answer');
    const after = await ticket(ticketId);
    expect(after.sla.resolutionDueAt).toBe(new Date(clock.getTime() + 60_000).toISOString());
    expect(after.sla.breachedAt).toBeNull();
  });

  it("a solved ticket's next-response clock stops, and a customer's thanks right after does not restart it", async () => {
    const { account } = await setup({
      targets: { firstResponseSeconds: 600, nextResponseSeconds: 300, resolutionSeconds: 86_400 },
    });
    at('2026-04-02T10:00:00Z');
    const { ticketId } = (await write(account, 'solved@example.com', 'question')).body;
    plus(60);
    expect(
      (
        await t.request('POST', `/api/tickets/${ticketId}/messages`, {
          token: admin,
          body: { kind: 'reply', body: 'answer' },
        })
      ).status,
    ).toBe(201);
    plus(60);
    await write(account, 'solved@example.com', 'follow-up question');
    expect((await ticket(ticketId)).sla.nextResponseDueAt).toBe(
      new Date(clock.getTime() + 300_000).toISOString(),
    );
    plus(60);
    await t.request('PATCH', `/api/tickets/${ticketId}`, { token: admin, body: { status: 'solved' } });
    const solved = await ticket(ticketId);
    expect(solved.sla.nextResponseDueAt).toBeNull();
    expect(solved.sla.dueAt).toBeNull();
    const clocks = await t.db.query<{ action: string; reason: string }>(
      `SELECT action, reason FROM sla_clock_entries WHERE ticket_id = $1 AND metric = 'next_response' ORDER BY id`,
      [ticketId],
    );
    expect(clocks.map((c) => c.action)).toEqual(['start', 'achieve']);
    expect(clocks[1].reason).toBe('ticket solved');

    plus(30);
    await write(account, 'solved@example.com', 'thanks!');
    expect((await ticket(ticketId)).sla.nextResponseDueAt).toBeNull();
  });

  it("changing the ticket's team re-selects the policy and recomputes the due time from the same history", async () => {
    const slow = await setup({ targets: { firstResponseSeconds: 3600 } });
    const fast = await setup({ targets: { firstResponseSeconds: 600 } });
    at('2026-04-03T10:00:00Z');
    const { ticketId } = (await write(slow.account, 'team@example.com', 'hi')).body;
    const before = await ticket(ticketId);
    expect(before.sla.policyId).toBe(slow.policyId);
    expect(before.sla.firstResponseDueAt).toBe('2026-04-03T11:00:00.000Z');
    plus(120);
    expect(
      (await t.request('PATCH', `/api/tickets/${ticketId}`, { token: admin, body: { teamId: fast.teamId } }))
        .status,
    ).toBe(200);
    const after = await ticket(ticketId);
    expect(after.sla.policyId).toBe(fast.policyId);
    expect(after.sla.firstResponseDueAt).toBe('2026-04-03T10:10:00.000Z');
  });

  it('refuses a calendar with an unknown time zone and imports holidays from iCal', async () => {
    const bad = await t.request('POST', '/api/admin/calendars', {
      token: admin,
      body: { name: 'Mars', timeZone: 'Mars/Olympus', hours: [{ day: 1, from: '09:00', to: '17:00' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/time zone/);
    const ics = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20261225',
      'SUMMARY:Christmas',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const ok = await t.request('POST', '/api/admin/calendars', {
      token: admin,
      body: {
        name: 'With iCal',
        timeZone: 'Europe/Paris',
        hours: [{ day: 1, from: '09:00', to: '17:00' }],
        ical: ics,
      },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.holidays).toEqual(['2026-12-25']);
    const policies = await t.request('GET', '/api/admin/sla-policies', { token: admin });
    expect(policies.status).toBe(200);
    expect(policies.body.items.length).toBeGreaterThan(0);
  });

  it('one sweep of several due tickets records each breach in the ledger, on its own timeline and in the outbox', async () => {
    const { account, policyId } = await setup({ targets: { firstResponseSeconds: 60 } });
    at('2026-06-01T08:00:00Z');
    const ids: string[] = [];
    for (const name of ['ana', 'ben', 'cy']) {
      ids.push((await write(account, `${name}@example.com`, 'is anyone there?')).body.ticketId);
      plus(10);
    }
    plus(120);
    const db = t.app.get(Db);
    await t.app.get(SlaClockService).sweep(db);
    const dues = ['2026-06-01T08:01:00.000Z', '2026-06-01T08:01:10.000Z', '2026-06-01T08:01:20.000Z'];

    const ledger = await db.query<{ ticket_id: string }>(
      `SELECT ticket_id FROM sla_clock_entries WHERE action = 'breach' AND ticket_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(ledger.map((r) => r.ticket_id).sort()).toEqual([...ids].sort());

    const timeline = await db.query<{ ticket_id: string; data: unknown }>(
      `SELECT ticket_id, data FROM ticket_events
        WHERE type = 'sla_clock' AND ticket_id = ANY($1::uuid[]) AND data -> 'entries' @> '[{"action": "breach"}]'`,
      [ids],
    );
    const breach = {
      at: clock.toISOString(),
      metric: 'first_response',
      action: 'breach',
      reason: 'target of 1 min business time exceeded',
    };
    expect(Object.fromEntries(timeline.map((r) => [r.ticket_id, r.data]))).toEqual(
      Object.fromEntries(
        ids.map((id, i) => [id, { policyId, entries: [breach], due: { first_response: dues[i] } }]),
      ),
    );

    // What the relay re-sends if this node dies before its sockets hear of it: each ticket's own.
    const audiences = await db.query<{ id: string; team_id: string | null; assignee_id: string | null }>(
      `SELECT id, team_id, assignee_id FROM tickets WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const outbox = await db.query<{ ticket_id: string; payload: unknown }>(
      `SELECT ticket_id, payload FROM outbox_events WHERE topic = 'sla.breached' AND ticket_id = ANY($1::uuid[]) ORDER BY id`,
      [ids],
    );
    expect(outbox).toEqual(
      ids.map((id, i) => {
        const a = audiences.find((r) => r.id === id)!;
        return {
          ticket_id: id,
          payload: {
            payload: { ticketId: id, seq: expect.any(Number), metric: 'first_response', dueAt: dues[i] },
            audience: { teamId: a.team_id, assigneeId: a.assignee_id },
          },
        };
      }),
    );
  });

  it('a sweep that dies before its commit leaves the ticket due, and the next sweep records the breach exactly once', async () => {
    const { account } = await setup({ targets: { firstResponseSeconds: 60 } });
    at('2026-05-04T08:00:00Z');
    const { ticketId } = (await write(account, 'lost@example.com', 'hello?')).body;
    plus(120);
    const db = t.app.get(Db);
    const clocks = t.app.get(SlaClockService);
    // A crash at commit, as the sweep sees it: the work ran, yet none of it is in the database.
    const lost = new Error('commit lost');
    const lostCommit = {
      async tx<R>(work: (sql: Sql) => Promise<R>): Promise<R> {
        let result!: R;
        await db
          .tx(async (sql) => {
            result = await work(sql);
            throw lost;
          })
          .catch((err) => {
            if (err !== lost) throw err;
          });
        return result;
      },
    };
    const breaches = () =>
      db.query(`SELECT 1 FROM sla_clock_entries WHERE ticket_id = $1 AND action = 'breach'`, [ticketId]);
    expect((await clocks.sweep(lostCommit)).breaches).toBeGreaterThanOrEqual(1);
    expect(await breaches()).toHaveLength(0);
    const [state] = await db.query<{ due: boolean }>(
      `SELECT next_check_at <= $2 AS due FROM ticket_sla_state WHERE ticket_id = $1`,
      [ticketId, clock],
    );
    expect(state).toEqual({ due: true });

    await clocks.sweep(db);
    expect(await breaches()).toHaveLength(1);
    expect((await ticket(ticketId)).sla.breachedAt).toBe('2026-05-04T08:01:00.000Z');
    await clocks.sweep(db);
    expect(await breaches()).toHaveLength(1);
  });
});
