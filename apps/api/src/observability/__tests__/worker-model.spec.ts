import { ApiProcess, freePort } from '../../test-support/api-process.js';
import { startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';

/** Each ticket's count of rows matching `sql` (a query with $1 = ticket ids, grouped by ticket_id). */
async function perTicket(t: TestApp, sql: string, ids: string[]): Promise<number[]> {
  const rows = await t.db.query<{ ticket_id: string; n: number }>(sql, [ids]);
  return ids.map((id) => rows.find((r) => r.ticket_id === id)?.n ?? 0);
}

const breachesInOutbox = `SELECT ticket_id, count(*)::int AS n FROM outbox_events
  WHERE topic = 'sla.breached' AND ticket_id = ANY($1::uuid[]) GROUP BY ticket_id`;
const breachesInLedger = `SELECT ticket_id, count(*)::int AS n FROM sla_clock_entries
  WHERE action = 'breach' AND ticket_id = ANY($1::uuid[]) GROUP BY ticket_id`;
const breachesOnTimeline = `SELECT ticket_id, count(*)::int AS n FROM ticket_events
  WHERE type = 'sla_clock' AND data::text LIKE '%breach%' AND ticket_id = ANY($1::uuid[]) GROUP BY ticket_id`;
const holdExpiries = `SELECT ticket_id, count(*)::int AS n FROM ticket_events
  WHERE type = 'hold_expired' AND ticket_id = ANY($1::uuid[]) GROUP BY ticket_id`;
const timeRuleRuns = `SELECT ticket_id, count(*)::int AS n FROM rule_runs
  WHERE outcome = 'applied' AND ticket_id = ANY($1::uuid[]) GROUP BY ticket_id`;

/** The value of a series in Prometheus text, summed over its labels. */
function seriesTotal(text: string, name: string): number {
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`))
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}

/**
 * Every periodic worker claims its work in PostgreSQL (FOR UPDATE SKIP LOCKED, with unique run
 * markers where an action must happen once), so there is no leader: both worker processes run
 * every sweep at once, each due item is acted on by exactly one of them, and when one dies by
 * SIGKILL the other simply keeps sweeping; its row locks vanish with its connections.
 */
describe('two worker processes share the periodic work: each item acted on once, and one survives the other', () => {
  let web: TestApp;
  const workers: ApiProcess[] = [];
  let admin: string;
  let account: { id: string; apiKey: string };
  let n = 0;

  beforeAll(async () => {
    // The node the test talks to runs no workers of its own: everything periodic is the children's.
    web = await startTestApp({ role: 'web' });
    for (let i = 0; i < 2; i++) {
      const worker = new ApiProcess(await freePort(), {
        DATABASE_URL: web.config.databaseUrl!,
        SWITCHBOARD_SECRETS_KEY: web.config.secretsKey!,
        DATA_DIR: web.config.dataDir,
        TIME_RULES_SWEEP_MS: '300',
        RETENTION_SWEEP_MS: '300',
        METRICS_TOKEN: 'worker-metrics-token',
      });
      workers.push(worker);
    }
    await Promise.all(workers.map((w) => w.start(120_000)));
    admin = await web.adminToken();
    const teamId = await web.createTeam('Sweeps');
    account = await web.createApiAccount({ teamId });
    const policy = await web.request('POST', '/api/admin/sla-policies', {
      token: admin,
      body: {
        name: 'Seconds',
        order: 1,
        conditions: { teamIds: [teamId] },
        targets: { firstResponseSeconds: 2 },
      },
    });
    expect(policy.status).toBe(201);
  }, 240_000);
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await web.close();
  });

  async function tickets(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const res = await web.inbound(account, {
        externalId: `w-${++n}`,
        from: { handle: `w-${n}@example.com` },
        text: `ticket ${n}`,
      });
      ids.push(res.body.ticketId);
    }
    return ids;
  }

  async function holdFor(ids: string[], ms: number): Promise<void> {
    const until = new Date(Date.now() + ms).toISOString();
    for (const id of ids) {
      const res = await web.request('POST', `/api/tickets/${id}/hold`, {
        token: admin,
        body: { why: 'waiting on the carrier', done: 'asked them', next: 'call back', until },
      });
      expect(res.status).toBe(200);
    }
  }

  async function statusOf(id: string): Promise<string> {
    return (await web.request('GET', `/api/tickets/${id}`, { token: admin })).body.status;
  }

  it('both run the SLA sweep, and each breach is recorded once in the ledger, the timeline and the outbox', async () => {
    const ids = await tickets(30);
    await waitFor(
      async () => (await perTicket(web, breachesInOutbox, ids)).every((c) => c >= 1),
      20_000,
      'every ticket breached',
    );
    // A second sweep or two by either worker finds nothing more to record.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await perTicket(web, breachesInOutbox, ids)).toEqual(ids.map(() => 1));
    expect(await perTicket(web, breachesInLedger, ids)).toEqual(ids.map(() => 1));
    expect(await perTicket(web, breachesOnTimeline, ids)).toEqual(ids.map(() => 1));
    // No leader: both processes sweep (each timed its sweeps).
    for (const w of workers) {
      const text = await (
        await fetch(`${w.url}/metrics`, { headers: { authorization: 'Bearer worker-metrics-token' } })
      ).text();
      expect(seriesTotal(text, 'switchboard_sla_sweep_duration_seconds_count')).toBeGreaterThan(0);
    }
  }, 60_000);

  it('holds expire once each, time rules run once per ticket, retention deletes each ticket once', async () => {
    const held = await tickets(20);
    await holdFor(held, 6_000);

    const rule = await web.request('POST', '/api/admin/rules', {
      token: admin,
      body: {
        name: 'Close solved tickets after 4 days',
        trigger: 'time',
        time: { since: 'solved', hours: 96 },
        actions: [{ type: 'set_status', status: 'closed' }],
        active: true,
      },
    });
    expect(rule.status).toBe(201);
    const solved = await tickets(20);
    for (const id of solved)
      expect(
        (await web.request('PATCH', `/api/tickets/${id}`, { token: admin, body: { status: 'solved' } }))
          .status,
      ).toBe(200);
    await web.db.query(
      `UPDATE tickets SET solved_at = now() - interval '5 days' WHERE id = ANY($1::uuid[])`,
      [solved],
    );

    const old = await tickets(20);
    for (const id of old)
      expect(
        (await web.request('PATCH', `/api/tickets/${id}`, { token: admin, body: { status: 'closed' } }))
          .status,
      ).toBe(200);
    const oldNumbers = (
      await web.db.query<{ number: string }>(`SELECT number FROM tickets WHERE id = ANY($1::uuid[])`, [old])
    ).map((r) => Number(r.number));
    await web.db.query(
      `UPDATE tickets SET status_changed_at = now() - interval '40 days' WHERE id = ANY($1::uuid[])`,
      [old],
    );
    const settings = await web.request('PUT', '/api/admin/settings', {
      token: admin,
      body: { retention: { deleteClosedTicketsAfterDays: 30 } },
    });
    expect(settings.status).toBe(200);

    await waitFor(
      async () => (await perTicket(web, holdExpiries, held)).every((c) => c >= 1),
      15_000,
      'every hold expired',
    );
    await waitFor(
      async () => (await perTicket(web, timeRuleRuns, solved)).every((c) => c >= 1),
      15_000,
      'the time rule on every solved ticket',
    );
    const deletedNumbers = async () => {
      const audit = await web.request('GET', '/api/admin/audit-log?action=retention.tickets_deleted', {
        token: admin,
      });
      return (audit.body.items as Array<{ details: { ticketNumbers: number[] } }>).flatMap(
        (e) => e.details.ticketNumbers,
      );
    };
    await waitFor(
      async () => {
        const deleted = await deletedNumbers();
        return oldNumbers.every((num) => deleted.includes(num));
      },
      15_000,
      'retention to delete every old closed ticket',
    );
    await new Promise((r) => setTimeout(r, 1_500));

    expect(await perTicket(web, holdExpiries, held)).toEqual(held.map(() => 1));
    for (const id of held) expect(await statusOf(id)).toBe('open');
    expect(await perTicket(web, timeRuleRuns, solved)).toEqual(solved.map(() => 1));
    for (const id of solved) expect(await statusOf(id)).toBe('closed');
    const deleted = (await deletedNumbers()).filter((num) => oldNumbers.includes(num));
    expect(deleted.sort((a, b) => a - b)).toEqual([...oldNumbers].sort((a, b) => a - b));
  }, 90_000);

  it('after one worker is killed by SIGKILL, the other breaches and expires what falls due within seconds', async () => {
    const ids = await tickets(10);
    await holdFor(ids.slice(0, 5), 2_000);
    await workers[0]!.kill();
    const killedAt = Date.now();
    // Due at about two seconds: the survivor acts with no hand-over to wait for.
    await waitFor(
      async () => (await perTicket(web, breachesInOutbox, ids.slice(5))).every((c) => c === 1),
      10_000,
      'breaches recorded by the surviving worker',
    );
    await waitFor(
      async () => (await perTicket(web, holdExpiries, ids.slice(0, 5))).every((c) => c === 1),
      10_000,
      'holds expired by the surviving worker',
    );
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    expect(workers[0]!.exit).toBe('killed by SIGKILL');
    expect(workers[1]!.exit).toBeNull();
  }, 60_000);
});
