import { DURATION_BUCKETS } from '../../sla/sla-reports.service.js';
import { durationsByGroup, liveTicketDurations } from '../../test-support/live-durations.js';
import { startTestApp, type TestApp } from '../../test-support/test-app.js';

const BERLIN_HOURS = [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '17:00' }));

/**
 * Each ticket stores its first-response and resolution durations (wall-clock and business hours)
 * when it is answered and solved; these specs hold them against the same durations computed live
 * from the ticket's instants and its calendar, and the report built on them against the report
 * computed live.
 */
describe('stored response and resolution durations', () => {
  let t: TestApp;
  let admin: string;
  let team: string;
  let account: { id: string; apiKey: string };
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    team = await t.createTeam('Durations');
    account = await t.createApiAccount({ teamId: team });
  });
  afterAll(() => t.close());

  async function calendarPolicy(name: string, calendar: Record<string, unknown>) {
    const created = await t.request('POST', '/api/admin/calendars', {
      token: admin,
      body: { name, ...calendar },
    });
    expect(created.status).toBe(201);
    const [policy] = await t.db.query<{ id: string }>(
      `INSERT INTO sla_policies (name, sort_order, calendar_id, active) VALUES ($1, 90, $2, false) RETURNING id`,
      [`${name} policy`, created.body.id],
    );
    return { calendarId: created.body.id as string, policyId: policy.id };
  }

  let active: string | null = null;
  /**
   * The one policy tickets get (its conditions match every ticket); saved through the admin API
   * too, so the SLA clock drops its cached policies and keeps this one on the ticket.
   */
  async function activate(policyId: string | null) {
    await t.db.query(`UPDATE sla_policies SET active = (id IS NOT DISTINCT FROM $1::uuid)`, [policyId]);
    const saved = policyId ?? active;
    active = policyId;
    if (saved) {
      const res = await t.request('PATCH', `/api/admin/sla-policies/${saved}`, {
        token: admin,
        body: { active: policyId !== null },
      });
      expect(res.status).toBe(200);
    }
  }

  async function inbound(threadKey: string): Promise<string> {
    const res = await t.inbound(account, {
      externalId: `d-${++n}`,
      from: { handle: `${threadKey}@example.com` },
      text: `message ${n}`,
      threadKey,
    });
    expect(res.status).toBe(200);
    return res.body.ticketId;
  }

  const stored = async (id: string) => {
    const [row] = await t.db.query<Record<string, number | null>>(
      `SELECT first_response_seconds AS "firstResponseSeconds", first_response_business_seconds AS "firstResponseBusinessSeconds",
              resolution_seconds AS "resolutionSeconds", resolution_business_seconds AS "resolutionBusinessSeconds"
         FROM tickets WHERE id = $1`,
      [id],
    );
    return row;
  };

  /**
   * Wall-clock seconds must be identical; business seconds within 10 µs, because the live
   * computation adds float milliseconds of epoch size (an ulp is 0.24 µs there) and the stored one
   * counts exact microseconds.
   */
  async function expectStoredIsLive(id: string) {
    const live = (await liveTicketDurations(t.db, [id])).get(id)!;
    const mine = await stored(id);
    expect(mine.firstResponseSeconds).toBe(live.firstResponseSeconds);
    expect(mine.resolutionSeconds).toBe(live.resolutionSeconds);
    for (const key of ['firstResponseBusinessSeconds', 'resolutionBusinessSeconds'] as const) {
      if (live[key] === null) expect(mine[key]).toBeNull();
      else expect(Math.abs(mine[key]! - live[key]!)).toBeLessThan(1e-5);
    }
    return mine;
  }

  const reply = (id: string) =>
    t.request('POST', `/api/tickets/${id}/messages`, {
      token: admin,
      body: { kind: 'reply', body: 'On it' },
    });
  const setStatus = (id: string, status: string) =>
    t.request('PATCH', `/api/tickets/${id}`, { token: admin, body: { status } });

  it('after a reply, a solve, a reopen by the customer, an agent reopen and a second solve, the stored durations are the live ones', async () => {
    const office = await calendarPolicy('Berlin office', { timeZone: 'Europe/Berlin', hours: BERLIN_HOURS });
    await activate(office.policyId);
    const id = await inbound('order-1');
    // History: the ticket came in on a Friday afternoon before the DST change, in the past.
    await t.db.query(
      `UPDATE tickets SET created_at = '2026-03-27T15:00:00.123456Z', sla_policy_id = $2 WHERE id = $1`,
      [id, office.policyId],
    );
    expect(await expectStoredIsLive(id)).toEqual({
      firstResponseSeconds: null,
      firstResponseBusinessSeconds: null,
      resolutionSeconds: null,
      resolutionBusinessSeconds: null,
    });

    expect((await reply(id)).status).toBe(201);
    const answered = await expectStoredIsLive(id);
    // Months of nights and weekends: business time is well under a third of the wall-clock time.
    expect(answered.firstResponseBusinessSeconds!).toBeGreaterThan(0);
    expect(answered.firstResponseBusinessSeconds!).toBeLessThan(answered.firstResponseSeconds! / 3);

    expect((await setStatus(id, 'solved')).status).toBe(200);
    const solved = await expectStoredIsLive(id);
    expect(solved.resolutionSeconds).not.toBeNull();

    // The customer writes again: the ticket reopens and its solve no longer counts.
    expect(await inbound('order-1')).toBe(id);
    const reopened = await expectStoredIsLive(id);
    expect(reopened.resolutionSeconds).toBeNull();
    expect(reopened.firstResponseSeconds).toBe(answered.firstResponseSeconds);

    expect((await setStatus(id, 'solved')).status).toBe(200);
    const solvedAgain = await expectStoredIsLive(id);
    expect(solvedAgain.resolutionSeconds!).toBeGreaterThan(solved.resolutionSeconds!);

    // An agent reopening by hand keeps the last solve until the next one, as the ticket's solved_at does.
    expect((await setStatus(id, 'open')).status).toBe(200);
    expect(await expectStoredIsLive(id)).toEqual(solvedAgain);
    expect((await setStatus(id, 'solved')).status).toBe(200);
    expect((await expectStoredIsLive(id)).resolutionSeconds!).toBeGreaterThan(solvedAgain.resolutionSeconds!);
  });

  it('after a merge both tickets keep durations equal to the live ones', async () => {
    const office = await calendarPolicy('Merge office', { timeZone: 'Europe/Berlin', hours: BERLIN_HOURS });
    await activate(office.policyId);
    const source = await inbound('merge-a');
    const target = await inbound('merge-b');
    await t.db.query(
      `UPDATE tickets SET created_at = '2026-11-20T10:00:00Z', sla_policy_id = $2 WHERE id = ANY($1)`,
      [[source, target], office.policyId],
    );
    expect((await reply(source)).status).toBe(201);
    expect((await reply(target)).status).toBe(201);
    const merged = await t.request('POST', `/api/tickets/${source}/merge`, {
      token: admin,
      body: { intoTicketId: target },
    });
    expect(merged.status).toBe(200);
    const closed = await expectStoredIsLive(source);
    const joined = await expectStoredIsLive(target);
    expect(closed.firstResponseSeconds).not.toBeNull();
    expect(joined.firstResponseSeconds).not.toBeNull();
    expect((await setStatus(target, 'solved')).status).toBe(200);
    expect((await expectStoredIsLive(target)).resolutionSeconds).not.toBeNull();
  });

  it('an edited calendar counts from then on; durations already stored keep the hours they were measured in', async () => {
    const office = await calendarPolicy('Editable office', {
      timeZone: 'Europe/Berlin',
      hours: BERLIN_HOURS,
    });
    await activate(office.policyId);
    const before = await inbound('edit-a');
    await t.db.query(
      `UPDATE tickets SET created_at = '2026-10-01T07:00:00Z', sla_policy_id = $2 WHERE id = $1`,
      [before, office.policyId],
    );
    expect((await reply(before)).status).toBe(201);
    const measured = await expectStoredIsLive(before);

    // Now open around the clock, seven days a week.
    const edited = await t.request('PUT', `/api/admin/calendars/${office.calendarId}`, {
      token: admin,
      body: {
        name: 'Editable office',
        timeZone: 'Europe/Berlin',
        hours: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '00:00', to: '24:00' })),
      },
    });
    expect(edited.status).toBe(200);
    expect(await stored(before)).toEqual(measured);
    const liveNow = (await liveTicketDurations(t.db, [before])).get(before)!;
    // Computed live today the ticket would count every hour (float milliseconds: to 10 µs).
    expect(liveNow.firstResponseBusinessSeconds).toBeCloseTo(liveNow.firstResponseSeconds!, 5);
    expect(measured.firstResponseBusinessSeconds!).toBeLessThan(measured.firstResponseSeconds!);

    const after = await inbound('edit-b');
    await t.db.query(
      `UPDATE tickets SET created_at = '2026-10-01T07:00:00Z', sla_policy_id = $2 WHERE id = $1`,
      [after, office.policyId],
    );
    expect((await reply(after)).status).toBe(201);
    const remeasured = await expectStoredIsLive(after);
    expect(remeasured.firstResponseBusinessSeconds).toBe(remeasured.firstResponseSeconds);
  });

  it('the report gives exactly the figures of the live computation over a seeded history', async () => {
    await activate(null);
    const berlin = await calendarPolicy('Seed Berlin', {
      timeZone: 'Europe/Berlin',
      hours: BERLIN_HOURS,
      holidays: ['2026-04-03', '2026-04-06', '2026-05-01'],
    });
    // Overnight shifts into the next day, around New York's DST change.
    const nightShift = await calendarPolicy('Seed New York nights', {
      timeZone: 'America/New_York',
      hours: [
        ...[1, 2, 3, 4, 5].map((day) => ({ day, from: '08:00', to: '12:30' })),
        ...[1, 2, 3, 4, 5].map((day) => ({ day, from: '22:00', to: '06:00' })),
      ],
      holidays: ['2026-03-09'],
    });
    const second = await t.createTeam('Durations two');
    const ana = await t.createUser({ email: 'ana@durations.test', teamIds: [team] });
    const ben = await t.createUser({ email: 'ben@durations.test', teamIds: [second] });
    const ids: string[] = [];
    for (let i = 0; i < 150; i++) ids.push(await inbound(`seed-${i}`));
    // Spread over March–May 2026 (two DST changes, Easter, May Day) with microsecond instants;
    // one in five unsolved, one in eleven unanswered, policies and owners mixed. Closed, so the SLA
    // sweeper never re-selects their policy while the two reports are read.
    await t.db.query(
      `WITH s AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM unnest($1::uuid[]) id),
            v AS (SELECT id, k, timestamptz '2026-03-01T00:00:00Z' + ((k * 7919) % 6000000) * interval '1 second'
                                + ((k * 104729) % 1000000) * interval '1 microsecond' AS c FROM s)
       UPDATE tickets t SET
              status = 'closed',
              created_at = v.c,
              first_response_at = CASE WHEN v.k % 11 <> 0 THEN v.c + ((v.k * 31337) % 400000) * interval '1 second' + ((v.k * 7) % 1000000) * interval '1 microsecond' END,
              solved_at = CASE WHEN v.k % 5 <> 0 THEN v.c + ((v.k * 1009) % 1500000) * interval '1 second' + ((v.k * 13) % 1000000) * interval '1 microsecond' END,
              sla_policy_id = (ARRAY[$2::uuid, $3::uuid, NULL])[1 + v.k % 3],
              team_id = (ARRAY[$4::uuid, $5::uuid])[1 + v.k % 2],
              assignee_id = (ARRAY[$6::uuid, $7::uuid, NULL])[1 + v.k % 3],
              channel = (ARRAY['email', 'web_chat', 'twilio_sms'])[1 + (v.k / 2) % 3]
         FROM v WHERE t.id = v.id`,
      [ids, berlin.policyId, nightShift.policyId, team, second, ana.id, ben.id],
    );
    for (const id of ids.slice(0, 40)) await expectStoredIsLive(id);

    const from = '2026-03-01T00:00:00Z';
    const to = '2026-07-01T00:00:00Z';
    const keys: Record<string, string> = {
      team: `COALESCE(t.team_id::text, 'none')`,
      agent: `COALESCE(t.assignee_id::text, 'none')`,
      channel: 't.channel',
      day: `to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
    };
    for (const [groupBy, key] of Object.entries(keys)) {
      const res = await t.request(
        'GET',
        `/api/reports/response-times?from=${from}&to=${to}&groupBy=${groupBy}`,
        {
          token: admin,
        },
      );
      expect(res.status).toBe(200);
      const live = await durationsByGroup(
        t.db,
        't.created_at >= $1 AND t.created_at < $2',
        [from, to],
        key,
        DURATION_BUCKETS,
      );
      const expected = [...live.groups]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, d]) => ({
          key: k,
          firstResponse: {
            count: d.firstResponse.wall.count,
            medianSeconds: d.firstResponse.wall.medianSeconds,
            p90Seconds: d.firstResponse.wall.p90Seconds,
            businessMedianSeconds: d.firstResponse.business.medianSeconds,
            businessP90Seconds: d.firstResponse.business.p90Seconds,
          },
          resolution: {
            count: d.resolution.wall.count,
            medianSeconds: d.resolution.wall.medianSeconds,
            p90Seconds: d.resolution.wall.p90Seconds,
            businessMedianSeconds: d.resolution.business.medianSeconds,
            businessP90Seconds: d.resolution.business.p90Seconds,
          },
        }));
      expect(expected.length).toBeGreaterThanOrEqual(2);
      const got = (res.body.rows as Array<Record<string, unknown>>).map(
        ({ key: k, firstResponse, resolution }) => ({
          key: k,
          firstResponse,
          resolution,
        }),
      );
      expect({ groupBy, rows: got }).toEqual({ groupBy, rows: expected });
      expect(res.body.distribution.firstResponse).toEqual(live.distribution.firstResponse);
      expect(res.body.distribution.resolution).toEqual(live.distribution.resolution);
    }
  });

  it('the batched backfill (run at migration time and after bulk loads) stores what the trigger stores', async () => {
    const columns =
      'first_response_seconds, first_response_business_seconds, resolution_seconds, resolution_business_seconds';
    // In one transaction with every ticket locked: the SLA sweeper may re-select a policy (and so
    // re-measure a ticket) at any moment, and must not do it between the two reads.
    const {
      before,
      after: refilled,
      batches,
    } = await t.db.tx(async (sql) => {
      const read = () => sql.query(`SELECT id, ${columns} FROM tickets ORDER BY id FOR UPDATE`);
      const stored = await read();
      await sql.query(
        `UPDATE tickets SET first_response_seconds = NULL, first_response_business_seconds = NULL,
                            resolution_seconds = NULL, resolution_business_seconds = NULL`,
      );
      let last: { created_at: string; id: string } | undefined;
      let count = 0;
      do {
        [last] = await sql.query<{ created_at: string; id: string }>(
          `SELECT created_at::text AS created_at, id FROM report_durations_backfill_batch($1, $2, 40)`,
          [last?.created_at ?? null, last?.id ?? null],
        );
        if (last) count++;
      } while (last);
      return { before: stored, after: await read(), batches: count };
    });
    expect(before.filter((r) => r.resolution_business_seconds !== null).length).toBeGreaterThan(100);
    expect(batches).toBeGreaterThan(3);
    expect(refilled).toEqual(before);
  });
});
