// bench/reports: the satisfaction report and the SLA reports (attainment; response times with
// wall-clock and business-hours p50/p90) on a large history. Loads TICKETS tickets spread over two
// years (default 1,000,000; 8 teams, 64 agents, a Mon–Fri calendar on half of them) and
// RESPONSES survey answers (default 30 % of the tickets: CSAT, NPS and CES) by generate_series,
// and one agent reply per ticket (so "replies today" reads a large messages table), then times
// each report over HTTP against the built API, sequential and warm, for the last 30 days and the
// last year, grouped by team and by agent, and the supervisor summary (all teams). Prints
// `uptime` before and after measuring, and a closing line of the response-times and summary p95s.
// Targets: p95 < 300 ms (30 days), < 2 s (a year), < 100 ms (summary).
// Usage: npx nx run api:build && node bench/reports/run.mjs [tickets] [--rounds=N] [--keep]
//   The full size takes long to load on a small shared machine: pass a smaller ticket count, and
//   read the printed size with the figures.
//   --keep  leave the database in place and print its URL (for EXPLAIN sessions)
//   --reuse=URL  measure a database kept by an earlier run (skips the load; implies --keep)
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import { createDatabase, fmt, percentile, postJson, startApi } from '../lib/harness.mjs';

const args = process.argv.slice(2);
const TICKETS = Number(args.find((a) => !a.startsWith('--')) ?? 1_000_000);
const RESPONSES = Math.round(TICKETS * 0.3);
const ROUNDS = Number(args.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 20);
const REUSE = args.find((a) => a.startsWith('--reuse='))?.slice(8);
const KEEP = args.includes('--keep') || Boolean(REUSE);
const TEAMS = 8;
const AGENTS_PER_TEAM = 8;
const TWO_YEARS_S = 2 * 365 * 86_400;

const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim();
const busyness = () =>
  `load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')} on ${cpus().length} cores`;

const db = REUSE ? { url: REUSE, drop: async () => {} } : await createDatabase();
const api = await startApi(db.url);
const client = new pg.Client({ connectionString: db.url });
await client.connect();
const q = (text, params) => client.query(text, params);
const auth = { authorization: `Bearer ${api.token}` };

async function step(label, work) {
  const t0 = performance.now();
  await work();
  console.log(`  load: ${label} ${fmt((performance.now() - t0) / 1000)} s`);
}

try {
  console.log(`bench/reports  tickets=${TICKETS} responses=${RESPONSES} over two years  (${busyness()})`);
  if (!REUSE) await load();
  await measure();
} finally {
  await client.end();
  await api.stop();
  if (KEEP) console.log(`database kept: ${db.url}`);
  else await db.drop();
}

async function load() {
  const teams = [];
  const agents = [];
  for (let i = 0; i < TEAMS; i++) {
    const team = (await postJson(`${api.url}/api/admin/teams`, { name: `Team ${i + 1}` }, auth)).body.id;
    teams.push(team);
    for (let j = 0; j < AGENTS_PER_TEAM; j++) {
      const res = await postJson(
        `${api.url}/api/admin/users`,
        {
          email: `a${i}-${j}@bench.local`,
          name: `Agent ${i}-${j}`,
          password: 'bench-password-123',
          role: 'agent',
          teamIds: [team],
        },
        auth,
      );
      agents.push(res.body.id);
    }
  }
  const [account] = (
    await q(`INSERT INTO channel_accounts (kind, name, team_id) VALUES ('email', 'Mail', $1) RETURNING id`, [
      teams[0],
    ])
  ).rows;
  const [calendar] = (
    await q(
      `INSERT INTO business_calendars (name, time_zone, hours) VALUES ('Office', 'Europe/Berlin', $1) RETURNING id`,
      [JSON.stringify([1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '17:00' })))],
    )
  ).rows;
  const [policy] = (
    await q(
      `INSERT INTO sla_policies (name, sort_order, calendar_id, first_response_seconds, resolution_seconds, active)
       VALUES ('Office hours', 1, $1, 14400, 172800, false) RETURNING id`,
      [calendar.id],
    )
  ).rows;
  const contacts = Math.max(1000, Math.round(TICKETS / 10));
  // A bulk load, as an import would do it: row triggers off, then the rollups recounted once.
  await q(`SET session_replication_role = replica`);
  await step(`${contacts} contacts`, () =>
    q(
      `INSERT INTO contacts (id, name) SELECT md5('c' || i)::uuid, 'Contact ' || i FROM generate_series(1, ${contacts}) i`,
    ),
  );
  // Deterministic spread: ticket n is created n/TICKETS of two years ago; hash-like offsets give
  // first responses within 0–48 h and solves within 0–10 days; 9 in 10 are solved.
  await step(`${TICKETS} tickets`, () =>
    q(
      `INSERT INTO tickets (subject, status, channel, channel_account_id, contact_id, team_id, assignee_id, sla_policy_id,
                            created_at, updated_at, first_response_at, solved_at,
                            first_response_achieved_at, resolution_achieved_at, sla_due_at)
       SELECT 'Ticket ' || n, CASE WHEN n % 10 = 0 THEN 'open' ELSE 'solved' END::ticket_status,
              (ARRAY['email', 'twilio_sms', 'web_chat', 'telegram'])[1 + n % 4], $1,
              md5('c' || (1 + n % ${contacts}))::uuid,
              ($2::uuid[])[1 + n % ${TEAMS}], ($3::uuid[])[1 + (n / ${TEAMS}) % ${AGENTS_PER_TEAM} * ${TEAMS} + n % ${TEAMS}],
              CASE WHEN n % 2 = 0 THEN $4::uuid END,
              c, c, c + ((n * 7919) % 172800) * interval '1 second',
              CASE WHEN n % 10 <> 0 THEN c + ((n * 104729) % 864000) * interval '1 second' END,
              CASE WHEN (n * 7919) % 172800 < 14400 THEN c + ((n * 7919) % 172800) * interval '1 second' END,
              CASE WHEN n % 10 <> 0 AND (n * 104729) % 864000 < 172800 THEN c + ((n * 104729) % 864000) * interval '1 second' END,
              CASE WHEN n % 10 = 0 THEN c + interval '4 hours' END
         FROM generate_series(1::bigint, ${TICKETS}) n,
              LATERAL (SELECT now() - (${TWO_YEARS_S}::float8 * n / ${TICKETS}) * interval '1 second' AS c) x`,
      [account.id, teams, agents, policy.id],
    ),
  );
  // Answers on a spread of solved tickets: 6 in 10 CSAT, 2 NPS, 2 CES.
  const stride = Math.max(1, Math.floor(TICKETS / RESPONSES));
  await step(`${RESPONSES} survey responses`, () =>
    q(
      `INSERT INTO survey_responses (ticket_id, kind, score, channel, agent_id, answered_at, comment, created_at)
       SELECT t.id, k.kind,
              CASE k.kind WHEN 'csat' THEN 1 + (t.number * 31) % 5 WHEN 'nps' THEN (t.number * 17) % 11 ELSE 1 + (t.number * 13) % 7 END,
              t.channel, t.assignee_id, t.solved_at + interval '2 hours', CASE WHEN t.number % 4 = 0 THEN 'comment ' || t.number END,
              t.solved_at + interval '2 hours'
         FROM tickets t,
              LATERAL (SELECT CASE WHEN t.number % 10 < 6 THEN 'csat' WHEN t.number % 10 < 8 THEN 'nps' ELSE 'ces' END AS kind) k
        WHERE t.solved_at IS NOT NULL AND t.number % ${stride} = 0
        LIMIT ${RESPONSES}`,
    ),
  );
  // One agent reply per ticket at its first response, so the summary's "replies today" reads a
  // messages table as large as the ticket table.
  await step(`${TICKETS} agent replies`, () =>
    q(
      `INSERT INTO messages (ticket_id, direction, kind, channel, author_id, text, created_at)
       SELECT id, 'out', 'message', channel, assignee_id, 'Reply', first_response_at FROM tickets`,
    ),
  );
  await q(`SET session_replication_role = DEFAULT`);
  await step('satisfaction rollup', () => q(`SELECT report_satisfaction_rebuild()`));
  // The tickets' stored response and resolution durations, as the migration backfills them.
  await step('stored durations (batched backfill)', async () => {
    let after;
    do {
      [after] = (
        await q(
          `SELECT created_at::text AS created_at, id FROM report_durations_backfill_batch($1, $2, 20000)`,
          [after?.created_at ?? null, after?.id ?? null],
        )
      ).rows;
    } while (after);
  });
  // The migration builds the report's covering index after its backfill; here it existed during
  // the backfill's million updates, so it is rebuilt to the size the migration leaves.
  await step('REINDEX report index', () => q(`REINDEX INDEX ix_tickets_report_created`));
  await step('VACUUM ANALYZE', () => q('VACUUM ANALYZE'));
}

async function measure() {
  const summary = [];
  const [{ n: answered }] = (await q(`SELECT count(*)::int AS n FROM survey_responses`)).rows;

  const day = 86_400_000;
  const ranges = [
    ['30 days', 30],
    ['one year', 365],
  ];
  const reports = [
    ['satisfaction', (from, to, g) => `/api/reports/satisfaction?from=${from}&to=${to}&groupBy=${g}`],
    ['sla attainment', (from, to, g) => `/api/reports/sla?from=${from}&to=${to}&groupBy=${g}`],
    [
      'response times (wall + business p50/p90)',
      (from, to, g) => `/api/reports/response-times?from=${from}&to=${to}&groupBy=${g}`,
    ],
  ];
  console.log(`uptime before measuring: ${uptime()}`);
  console.log(
    `measured (${answered} answers stored; ${ROUNDS} sequential requests each, after one warm-up)  (${busyness()})`,
  );
  for (const [name, path] of reports)
    for (const [label, days] of ranges)
      for (const groupBy of ['team', 'agent']) {
        const to = new Date().toISOString();
        const from = new Date(Date.now() - days * day).toISOString();
        const url = `${api.url}${path(encodeURIComponent(from), encodeURIComponent(to), groupBy)}`;
        const first = await fetch(url, { headers: auth });
        if (first.status !== 200) throw new Error(`${url}: ${first.status} ${await first.text()}`);
        const body = await first.json();
        const latencies = [];
        for (let i = 0; i < ROUNDS; i++) {
          const t0 = performance.now();
          const res = await fetch(url, { headers: auth });
          await res.arrayBuffer();
          latencies.push(performance.now() - t0);
        }
        const groups = (body.groups ?? body.rows ?? []).length;
        const target = days === 30 ? 300 : 2000;
        const p95 = percentile(latencies, 95);
        if (name.startsWith('response times')) summary.push(`${label} by ${groupBy} ${fmt(p95)} ms`);
        console.log(
          `${name.padEnd(42)} ${label.padEnd(8)} by ${groupBy.padEnd(5)}  p95 ${fmt(p95).padStart(8)} ms  p50 ${fmt(percentile(latencies, 50)).padStart(8)} ms  (${groups} groups; target < ${target} ms: ${p95 < target ? 'met' : 'MISSED'})`,
        );
      }
  {
    const url = `${api.url}/api/sla/summary`;
    const first = await fetch(url, { headers: auth });
    if (first.status !== 200) throw new Error(`${url}: ${first.status} ${await first.text()}`);
    const body = await first.json();
    const latencies = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      const res = await fetch(url, { headers: auth });
      await res.arrayBuffer();
      latencies.push(performance.now() - t0);
    }
    const p95 = percentile(latencies, 95);
    summary.push(`summary ${fmt(p95)} ms`);
    console.log(
      `${'supervisor summary (all teams)'.padEnd(42)} now      ${''.padEnd(8)}  p95 ${fmt(p95).padStart(8)} ms  p50 ${fmt(percentile(latencies, 50)).padStart(8)} ms  (${body.totals.open} open, ${body.agents.length} agents; target < 100 ms: ${p95 < 100 ? 'met' : 'MISSED'})`,
    );
  }
  console.log(`p95 at ${TICKETS} tickets: response times ${summary.join(', ')}`);
  console.log(`uptime after measuring: ${uptime()}`);
}
