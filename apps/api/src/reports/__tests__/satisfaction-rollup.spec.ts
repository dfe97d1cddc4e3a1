import { startTestApp, type TestApp } from '../../test-support/test-app.js';

/**
 * The satisfaction report reads whole days from the daily rollup. After each kind of change made
 * the way the product makes it (solve, reopen and solve again, reassign, a survey answer, a
 * changed score), the rolled-up figures equal the ones counted from the rows, and the numbers
 * worked out by hand in the comments.
 */
describe('satisfaction rollup', () => {
  let t: TestApp;
  let admin: string;
  let support: string;
  let ana: { id: string; token: string };
  let ben: { id: string; token: string };
  let account: { id: string; apiKey: string };
  let n = 0;

  // Whole UTC days around now: the report reads only the rollup for them.
  const today = Math.floor(Date.now() / 86_400_000) * 86_400_000;
  const wholeDays = `from=${new Date(today - 86_400_000).toISOString()}&to=${new Date(today + 2 * 86_400_000).toISOString()}`;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    support = await t.createTeam('Support');
    account = await t.createApiAccount({ teamId: support });
    ana = await t.createUser({ email: 'ana@rollup.local', teamIds: [support] });
    ben = await t.createUser({ email: 'ben@rollup.local', teamIds: [support] });
  });
  afterAll(() => t.close());

  async function newTicket(assigneeId: string): Promise<string> {
    const res = await t.inbound(account, {
      externalId: `roll-${++n}`,
      from: { handle: `roll${n}@example.com` },
      text: `question ${n}`,
    });
    expect(res.status).toBe(200);
    await patch(res.body.ticketId, { assigneeId });
    return res.body.ticketId;
  }

  async function patch(id: string, body: Record<string, unknown>) {
    const res = await t.request('PATCH', `/api/tickets/${id}`, { token: admin, body });
    expect(res.status).toBe(200);
  }

  /** The report by agent from the rollup, and the same totals counted from the rows (by local day). */
  async function both() {
    const rolled = await t.request('GET', `/api/reports/satisfaction?${wholeDays}&groupBy=agent`, {
      token: admin,
    });
    const raw = await t.request('GET', `/api/reports/satisfaction?${wholeDays}&groupBy=day&timeZone=UTC`, {
      token: admin,
    });
    expect(rolled.status).toBe(200);
    expect(raw.status).toBe(200);
    const totals = (b: Record<string, unknown>) => ({ csat: b.csat, nps: b.nps, ces: b.ces });
    expect(totals(rolled.body)).toEqual(totals(raw.body));
    const byAgent = Object.fromEntries(
      (rolled.body.groups as Array<{ key: string; csat: unknown }>).map((g) => [g.key, g.csat]),
    );
    return { totals: rolled.body, byAgent };
  }

  it('follows solves, reopens, reassignments and answers exactly', async () => {
    const t1 = await newTicket(ana.id);
    const t2 = await newTicket(ana.id);
    const t3 = await newTicket(ben.id);

    // Nothing solved, nothing answered: no groups.
    expect((await both()).byAgent).toEqual({});

    await patch(t1, { status: 'solved' });
    await patch(t2, { status: 'solved' });
    // Ana solved 2, none rated.
    let r = await both();
    expect(r.byAgent[ana.id]).toEqual({ answered: 0, satisfied: 0, satisfiedShare: null, responseRate: 0 });
    expect(r.byAgent[ben.id]).toBeUndefined();

    // A CSAT 5 on t1: ana 1 answered, 1 satisfied, 1 of 2 solved rated.
    await t.db.query(
      `INSERT INTO survey_responses (ticket_id, kind, score, channel, agent_id, answered_at) VALUES ($1, 'csat', 5, 'email', $2, now())`,
      [t1, ana.id],
    );
    r = await both();
    expect(r.byAgent[ana.id]).toEqual({ answered: 1, satisfied: 1, satisfiedShare: 1, responseRate: 0.5 });

    // Reopened and solved again: still one solve of t1 (on its new solve time), still rated.
    await patch(t1, { status: 'open' });
    await patch(t1, { status: 'solved' });
    r = await both();
    expect(r.byAgent[ana.id]).toEqual({ answered: 1, satisfied: 1, satisfiedShare: 1, responseRate: 0.5 });

    // t2 moves to Ben after its solve: his solve now, unrated; Ana keeps t1 (rated 1 of 1).
    await patch(t2, { assigneeId: ben.id });
    r = await both();
    expect(r.byAgent[ana.id]).toEqual({ answered: 1, satisfied: 1, satisfiedShare: 1, responseRate: 1 });
    expect(r.byAgent[ben.id]).toEqual({ answered: 0, satisfied: 0, satisfiedShare: null, responseRate: 0 });

    // Ben solves t3 and gets a CSAT 2 on it; the t1 score changes from 5 to 3.
    await patch(t3, { status: 'solved' });
    await t.db.query(
      `INSERT INTO survey_responses (ticket_id, kind, score, channel, agent_id, answered_at) VALUES ($1, 'csat', 2, 'sms', $2, now())`,
      [t3, ben.id],
    );
    await t.db.query(`UPDATE survey_responses SET score = 3 WHERE ticket_id = $1`, [t1]);
    r = await both();
    expect(r.byAgent[ana.id]).toEqual({ answered: 1, satisfied: 0, satisfiedShare: 0, responseRate: 1 });
    // Ben: solved t2 and t3, t3 rated 2 (not satisfied).
    expect(r.byAgent[ben.id]).toEqual({ answered: 1, satisfied: 0, satisfiedShare: 0, responseRate: 0.5 });
    // Totals: 2 CSAT answers, none satisfied, 2 of 3 solved tickets rated.
    expect(r.totals.csat).toEqual({ answered: 2, satisfied: 0, satisfiedShare: 0, responseRate: 0.6667 });

    // The rollup recounted from scratch holds the same rows the triggers kept.
    const kept = await t.db.query(
      `SELECT day, team_id, agent_id, channel, csat_answered, csat_satisfied, solved, rated
         FROM report_satisfaction_daily WHERE csat_answered <> 0 OR solved <> 0 ORDER BY 1, 2, 3, 4`,
    );
    await t.db.query(`SELECT report_satisfaction_rebuild()`);
    const rebuilt = await t.db.query(
      `SELECT day, team_id, agent_id, channel, csat_answered, csat_satisfied, solved, rated
         FROM report_satisfaction_daily WHERE csat_answered <> 0 OR solved <> 0 ORDER BY 1, 2, 3, 4`,
    );
    expect(kept).toEqual(rebuilt);
  });

  it('a range with part days at both ends adds the rows of those parts to the whole days', async () => {
    const now = Date.now();
    // From one hour ago yesterday to an hour from now tomorrow: whole today from the rollup, the
    // ends from the rows; the totals match the count over the rows alone (grouped by day).
    const range = `from=${new Date(now - 25 * 3_600_000).toISOString()}&to=${new Date(now + 25 * 3_600_000).toISOString()}`;
    const rolled = await t.request('GET', `/api/reports/satisfaction?${range}&groupBy=team`, {
      token: admin,
    });
    const raw = await t.request('GET', `/api/reports/satisfaction?${range}&groupBy=day&timeZone=UTC`, {
      token: admin,
    });
    expect(rolled.status).toBe(200);
    expect(rolled.body.csat).toEqual(raw.body.csat);
    expect(rolled.body.csat.answered).toBe(2);
    expect(rolled.body.groups.map((g: { key: string }) => g.key)).toEqual([support]);
  });
});
