import { parseCsv } from '../../test-support/parse-csv.js';
import { startTestApp, type TestApp } from '../../test-support/test-app.js';

/**
 * Reports checked against answers worked out by hand (in the comments beside each figure),
 * not against what the code happens to return.
 */
describe('satisfaction and SLA reports give the hand-computed figures', () => {
  let t: TestApp;
  let admin: string;
  let support: string;
  let berlin: string;
  let ana: { id: string; token: string };
  let ben: { id: string; token: string };
  let account: { id: string; apiKey: string };
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    support = await t.createTeam('Support');
    berlin = await t.createTeam('Berlin desk');
    account = await t.createApiAccount({ teamId: support });
    ana = await t.createUser({ email: 'ana@test.local', teamIds: [support] });
    ben = await t.createUser({ email: 'ben@test.local', teamIds: [support] });
  });
  afterAll(() => t.close());

  async function ticket(set: string, params: unknown[]): Promise<string> {
    const res = await t.inbound(account, {
      externalId: `r-${++n}`,
      from: { handle: `c${n}@example.com` },
      text: `question ${n}`,
    });
    expect(res.status).toBe(200);
    // Seeding history: the reports only read these columns.
    await t.db.query(`UPDATE tickets SET ${set} WHERE id = $1`, [res.body.ticketId, ...params]);
    return res.body.ticketId;
  }

  const answer = (
    ticketId: string,
    kind: string,
    score: number,
    agentId: string,
    channel: string,
    at: string,
  ) =>
    t.db.query(
      `INSERT INTO survey_responses (ticket_id, kind, score, channel, agent_id, answered_at, comment)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [ticketId, kind, score, channel, agentId, at, `${kind} ${score}`],
    );

  describe('satisfaction', () => {
    beforeAll(async () => {
      const solved = (agent: string, at: string) =>
        ticket(`assignee_id = $2, team_id = $3, status = 'solved', solved_at = $4, channel = 'email'`, [
          agent,
          support,
          at,
        ]);
      const t1 = await solved(ana.id, '2026-06-02T10:00:00Z');
      const t2 = await solved(ana.id, '2026-06-02T11:00:00Z');
      const t3 = await solved(ben.id, '2026-06-03T10:00:00Z');
      const t4 = await solved(ben.id, '2026-06-04T10:00:00Z');
      const t5 = await solved(ben.id, '2026-06-05T10:00:00Z');
      const t6 = await solved(ben.id, '2026-06-05T12:00:00Z');
      const day = '2026-06-06T09:00:00Z';
      await answer(t1, 'csat', 5, ana.id, 'web_chat', day);
      await answer(t2, 'csat', 4, ana.id, 'email', day);
      await answer(t3, 'csat', 2, ben.id, 'email', day);
      await answer(t4, 'csat', 1, ben.id, 'web_chat', day);
      await answer(t5, 'csat', 5, ben.id, 'sms', '2026-06-07T09:00:00Z');
      await answer(t1, 'nps', 10, ana.id, 'email', day);
      await answer(t2, 'nps', 9, ana.id, 'email', day);
      await answer(t3, 'nps', 7, ben.id, 'email', day);
      await answer(t4, 'nps', 3, ben.id, 'email', day);
      await answer(t5, 'nps', 10, ben.id, 'email', day);
      await answer(t6, 'nps', 6, ben.id, 'email', day);
      await answer(t1, 'ces', 2, ana.id, 'web_chat', day);
      await answer(t2, 'ces', 3, ana.id, 'email', day);
      await answer(t3, 'ces', 6, ben.id, 'email', day);
      await answer(t4, 'ces', 7, ben.id, 'web_chat', day);
      // Outside the range: counted nowhere.
      const late = await solved(ben.id, '2026-06-20T10:00:00Z');
      await answer(late, 'csat', 1, ben.id, 'email', '2026-06-20T11:00:00Z');
    });

    const range = 'from=2026-06-01T00:00:00Z&to=2026-06-08T00:00:00Z';

    it('totals: CSAT share 3/5, response rate 5/6, NPS (3 − 2)/6, CES 18/4', async () => {
      const res = await t.request('GET', `/api/reports/satisfaction?${range}&groupBy=agent`, {
        token: admin,
      });
      expect(res.status).toBe(200);
      expect(res.body.csat).toEqual({ answered: 5, satisfied: 3, satisfiedShare: 0.6, responseRate: 0.8333 });
      expect(res.body.nps).toEqual({ answered: 6, promoters: 3, detractors: 2, score: 16.7 });
      expect(res.body.ces).toEqual({ answered: 4, average: 4.5 });
    });

    it('per agent: each answer counts for the agent it was attributed to', async () => {
      const res = await t.request('GET', `/api/reports/satisfaction?${range}&groupBy=agent`, {
        token: admin,
      });
      const byName = Object.fromEntries(res.body.groups.map((g: any) => [g.label, g]));
      // ana: CSAT 5, 4 → 2/2; solved 2, rated 2; NPS 10, 9 → (2 − 0)/2; CES 2, 3 → 2.5
      expect(byName.ana).toMatchObject({
        key: ana.id,
        csat: { answered: 2, satisfied: 2, satisfiedShare: 1, responseRate: 1 },
        nps: { answered: 2, promoters: 2, detractors: 0, score: 100 },
        ces: { answered: 2, average: 2.5 },
      });
      // ben: CSAT 2, 1, 5 → 1/3; solved 4, rated 3; NPS 7, 3, 10, 6 → (1 − 2)/4; CES 6, 7 → 6.5
      expect(byName.ben).toMatchObject({
        key: ben.id,
        csat: { answered: 3, satisfied: 1, satisfiedShare: 0.3333, responseRate: 0.75 },
        nps: { answered: 4, promoters: 1, detractors: 2, score: -25 },
        ces: { answered: 2, average: 6.5 },
      });
    });

    it('per channel and per day', async () => {
      const channel = await t.request('GET', `/api/reports/satisfaction?${range}&groupBy=channel`, {
        token: admin,
      });
      const sms = channel.body.groups.find((g: any) => g.key === 'sms');
      expect(sms.csat).toMatchObject({ answered: 1, satisfied: 1, satisfiedShare: 1 });
      const web = channel.body.groups.find((g: any) => g.key === 'web_chat');
      // web_chat: CSAT 5 and 1; CES 2 and 7
      expect(web.csat).toMatchObject({ answered: 2, satisfied: 1, satisfiedShare: 0.5 });
      expect(web.ces).toEqual({ answered: 2, average: 4.5 });
      const day = await t.request(
        'GET',
        `/api/reports/satisfaction?${range}&groupBy=day&timeZone=Europe/Berlin`,
        { token: admin },
      );
      const june7 = day.body.groups.find((g: any) => g.key === '2026-06-07');
      expect(june7.csat).toMatchObject({ answered: 1, satisfied: 1 });
      const june6 = day.body.groups.find((g: any) => g.key === '2026-06-06');
      expect(june6.csat).toMatchObject({ answered: 4, satisfied: 2, satisfiedShare: 0.5 });
    });

    it('exports the report and the raw answers with comments as CSV', async () => {
      const res = await fetch(`${t.url}/api/reports/satisfaction?${range}&groupBy=agent&format=csv`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      expect(res.headers.get('content-type')).toContain('text/csv');
      const lines = (await res.text()).trim().split('\r\n');
      expect(lines[0]).toContain('csat.satisfiedShare');
      expect(lines.find((l) => l.startsWith('total,'))).toContain(',0.6,');
      const raw = await fetch(`${t.url}/api/reports/satisfaction/responses?${range}&format=csv`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      const rows = (await raw.text()).trim().split('\r\n');
      expect(rows).toHaveLength(1 + 15);
      expect(rows.some((r) => r.includes('csat 1') && r.includes('ben'))).toBe(true);
    });

    it('agents may not read reports; bad ranges and groupings are refused with the field named', async () => {
      expect(
        (await t.request('GET', `/api/reports/satisfaction?${range}`, { token: ana.token })).status,
      ).toBe(403);
      const backwards = await t.request(
        'GET',
        '/api/reports/satisfaction?from=2026-06-08T00:00:00Z&to=2026-06-01T00:00:00Z',
        { token: admin },
      );
      expect(backwards.status).toBe(400);
      expect(backwards.body.message).toContain('from');
      const group = await t.request('GET', `/api/reports/satisfaction?${range}&groupBy=planet`, {
        token: admin,
      });
      expect(group.status).toBe(400);
      expect(group.body.message).toContain('groupBy');
    });

    it('a score out of range never gets stored', async () => {
      const [row] = await t.db.query<{ id: string }>(`SELECT id FROM tickets LIMIT 1`);
      await expect(answer(row.id, 'ces', 8, ana.id, 'email', '2026-06-06T09:00:00Z')).rejects.toThrow(/ces/);
      await expect(answer(row.id, 'nps', 11, ana.id, 'email', '2026-06-06T09:00:00Z')).rejects.toThrow(/nps/);
    });
  });

  describe('CSV exports hold exactly the JSON figures', () => {
    // A week of its own, so the figures above are untouched.
    const week = 'from=2026-09-01T00:00:00Z&to=2026-09-08T00:00:00Z';
    const comments = [
      'Slow, but "fine" in the end',
      'line one\nline two, with a comma',
      '=HYPERLINK("http://evil.example","click")',
      '-1 would not recommend',
      '@everyone look',
    ];
    const csvOf = async (path: string) => {
      const res = await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${admin}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      const [header, ...rows] = parseCsv(await res.text());
      return rows.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])));
    };
    // What a spreadsheet shows for a text cell: the guard's apostrophe marks it as text.
    const unguarded = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

    beforeAll(async () => {
      for (const [i, comment] of comments.entries()) {
        const id = await ticket(`assignee_id = $2, team_id = $3, status = 'solved', solved_at = $4`, [
          i % 2 ? ben.id : ana.id,
          support,
          `2026-09-0${i + 2}T10:00:00Z`,
        ]);
        await t.db.query(
          `INSERT INTO survey_responses (ticket_id, kind, score, channel, agent_id, answered_at, comment)
           VALUES ($1, 'csat', $2, 'email', $3, $4, $5)`,
          [id, i + 1, i % 2 ? ben.id : ana.id, `2026-09-0${i + 2}T11:00:00Z`, comment],
        );
      }
    });

    it('the raw answers: one row per answer, comments with commas, quotes and line breaks intact, formulas defused', async () => {
      const json = await t.request('GET', `/api/reports/satisfaction/responses?${week}`, { token: admin });
      const rows = await csvOf(`/api/reports/satisfaction/responses?${week}&format=csv`);
      expect(rows).toHaveLength(comments.length);
      const text = (v: unknown) => (v === null ? '' : String(v));
      expect(rows.map((r) => ({ ...r, comment: unguarded(r.comment) }))).toEqual(
        json.body.items.map((item: Record<string, unknown>) =>
          Object.fromEntries(Object.entries(item).map(([k, v]) => [k, text(v)])),
        ),
      );
      expect(rows.map((r) => unguarded(r.comment)).sort()).toEqual([...comments].sort());
      // No cell a spreadsheet would run: every formula-like comment starts with the apostrophe.
      for (const r of rows) expect(r.comment).not.toMatch(/^[=+\-@]/);
      expect(rows.find((r) => r.comment.includes('HYPERLINK'))!.comment).toBe(`'${comments[2]}`);
    });

    it('the report: the CSV groups and total equal the JSON groups and total', async () => {
      const json = await t.request('GET', `/api/reports/satisfaction?${week}&groupBy=agent`, {
        token: admin,
      });
      const rows = await csvOf(`/api/reports/satisfaction?${week}&groupBy=agent&format=csv`);
      const flat = (g: any) => ({
        key: g.key,
        label: g.label,
        'csat.answered': String(g.csat.answered),
        'csat.satisfied': String(g.csat.satisfied),
        'csat.satisfiedShare': g.csat.satisfiedShare === null ? '' : String(g.csat.satisfiedShare),
        'csat.responseRate': g.csat.responseRate === null ? '' : String(g.csat.responseRate),
        'nps.answered': String(g.nps.answered),
        'nps.score': g.nps.score === null ? '' : String(g.nps.score),
        'ces.average': g.ces.average === null ? '' : String(g.ces.average),
      });
      const expected = [...json.body.groups, { key: 'total', label: 'Total', ...json.body }].map(flat);
      expect(rows.map((r) => Object.fromEntries(Object.keys(expected[0]).map((k) => [k, r[k]])))).toEqual(
        expected,
      );
      // ana: scores 1, 3, 5 → 1 of 3 satisfied; ben: 2, 4 → 1 of 2; together 2 of 5.
      expect(rows.find((r) => r.key === 'total')!['csat.satisfiedShare']).toBe('0.4');
    });
  });

  describe('first response and resolution in business hours (Berlin, Mon–Fri 09–17)', () => {
    beforeAll(async () => {
      const [cal] = await t.db.query<{ id: string }>(
        `INSERT INTO business_calendars (name, time_zone, hours) VALUES ('Berlin office', 'Europe/Berlin', $1) RETURNING id`,
        [JSON.stringify([1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '17:00' })))],
      );
      const [policy] = await t.db.query<{ id: string }>(
        `INSERT INTO sla_policies (name, sort_order, calendar_id, active) VALUES ('Berlin hours', 99, $1, false) RETURNING id`,
        [cal.id],
      );
      const seed = (created: string, first: string | null, solved: string | null) =>
        ticket(`team_id = $2, sla_policy_id = $3, created_at = $4, first_response_at = $5, solved_at = $6`, [
          berlin,
          policy.id,
          created,
          first,
          solved,
        ]);
      // Daylight saving starts in Berlin on Sunday 2026-03-29 (CET +1 → CEST +2).
      // T1: Fri 16:00 CET → first reply Mon 10:00 CEST → solved Tue 12:00 CEST.
      //     business 1h + 1h = 7200; 1h + 8h + 3h = 43200. wall 65h = 234000; 91h = 327600.
      await seed('2026-03-27T15:00:00Z', '2026-03-30T08:00:00Z', '2026-03-31T10:00:00Z');
      // T2: Mon 09:30 → 11:00 → 16:30 CEST: business = wall: 5400; 25200.
      await seed('2026-03-30T07:30:00Z', '2026-03-30T09:00:00Z', '2026-03-30T14:30:00Z');
      // T3: Thu 08:00 CET (before opening) → 09:15 → solved Mon 09:00 CEST (at opening).
      //     business 900; 8h + 8h = 57600. wall 4500; 96h = 345600.
      await seed('2026-03-26T07:00:00Z', '2026-03-26T08:15:00Z', '2026-03-30T07:00:00Z');
      // T4: Sat 12:00 CET → reply Sun 20:00 CEST (closed all the while) → solved Mon 13:00 CEST.
      //     business 0; 4h = 14400. wall 31h = 111600; 48h = 172800.
      await seed('2026-03-28T11:00:00Z', '2026-03-29T18:00:00Z', '2026-03-30T11:00:00Z');
      // T5: Fri 10:00 → 10:20 CET, not solved: 1200 either way.
      await seed('2026-03-27T09:00:00Z', '2026-03-27T09:20:00Z', null);
    });

    it('p50/p90 in business hours and wall-clock, across the weekend and the DST change', async () => {
      const res = await t.request(
        'GET',
        `/api/reports/response-times?from=2026-03-20T00:00:00Z&to=2026-04-05T00:00:00Z&groupBy=team&teamId=${berlin}`,
        { token: admin },
      );
      expect(res.status).toBe(200);
      expect(res.body.rows).toHaveLength(1);
      const [row] = res.body.rows;
      // First response, business sorted [0, 900, 1200, 5400, 7200]: p50 = 1200; p90 at rank 3.6 = 5400 + 0.6 × 1800.
      // Wall sorted [1200, 4500, 5400, 111600, 234000]: p50 = 5400; p90 = 111600 + 0.6 × 122400.
      expect(row.firstResponse).toEqual({
        count: 5,
        medianSeconds: 5400,
        p90Seconds: 185040,
        businessMedianSeconds: 1200,
        businessP90Seconds: 6480,
      });
      // Resolution, business sorted [14400, 25200, 43200, 57600]: p50 at 1.5 = 34200; p90 at 2.7 = 43200 + 0.7 × 14400.
      // Wall sorted [25200, 172800, 327600, 345600]: p50 = 250200; p90 = 327600 + 0.7 × 18000.
      expect(row.resolution).toEqual({
        count: 4,
        medianSeconds: 250200,
        p90Seconds: 340200,
        businessMedianSeconds: 34200,
        businessP90Seconds: 53280,
      });
    });

    it('the CSV export carries the business-hours columns', async () => {
      const res = await fetch(
        `${t.url}/api/reports/response-times?from=2026-03-20T00:00:00Z&to=2026-04-05T00:00:00Z&groupBy=team&teamId=${berlin}&format=csv`,
        { headers: { authorization: `Bearer ${admin}` } },
      );
      const [header, line] = (await res.text()).trim().split('\r\n');
      const cols = header.split(',');
      const cells = line.split(',');
      expect(cells[cols.indexOf('firstResponse.businessP90Seconds')]).toBe('6480');
      expect(cells[cols.indexOf('resolution.businessMedianSeconds')]).toBe('34200');
    });
  });
});
