// bench/scale: the console's hot requests on the scale data set (1,000,000 tickets, ~10,000,000
// messages, 1,500,000 contacts; see bench/lib/scale-dataset.mjs), generated on first use and reused.
// Prints p95 latencies of every queue list in both sorts (admin and agent, with deep keyset pages),
// the sidebar counts, full-text search over 200 realistic queries, the supervisor summary and
// reports, an SLA sweep that finds 1,000 due, a busy ingest (8,000 messages through the HTTP API
// channel, fanned out to the sockets; its rows are deleted afterwards, so the data set stays as
// generated), and the API's peak RSS with 500 agent sockets connected throughout, with the load
// average of the machine.
// Usage: npx nx run api:build && npm run bench:scale   (SCALE=0.1 for a tenth of the data set)
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { io } from 'socket.io-client';
import {
  ADMIN,
  createApiAccount,
  fmt,
  percentile,
  postJson,
  runConcurrent,
  startApi,
} from '../lib/harness.mjs';
import { scaleDataset } from '../lib/scale-dataset.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SCALE = Number(process.env.SCALE ?? 1);
const ROUNDS = Number(process.env.ROUNDS ?? 30);
const SOCKETS = 500;
// PARTS=search,sweep measures only those parts (lists, counts, search, reports, sweep, ingest; all by default).
const PARTS = (process.env.PARTS ?? 'lists,counts,search,reports,sweep,ingest').split(',');
// The busy ingest: inbound messages through the HTTP API channel while the 500 sockets listen.
const INGEST_MESSAGES = 8_000;
const INGEST_CONCURRENCY = 16;
const wanted = (part) => PARTS.includes(part);
const AGENT_LOGINS = 10; // logins are rate-limited per address: the sockets share these tokens
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

console.log(`bench/scale  scale=${SCALE}  load average at start: ${load()}`);
const dataset = await scaleDataset({ scale: SCALE });
const sql = new pg.Client({ connectionString: dataset.url });
await sql.connect();
const q = async (text, params) => (await sql.query(text, params)).rows;

// Role "web": no sweeper or other workers in the API, so the sweep measured below is the only one.
const t0 = performance.now();
const api = await startApi(dataset.url, { ROLE: 'web' }, { waitMs: 30 * 60_000 });
console.log(`API up in ${fmt((performance.now() - t0) / 1000)} s (pending migrations included)`);
const rss = () => {
  const status = readFileSync(`/proc/${api.pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)[1]);
  return { now: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
};

const get = async (token, path) => {
  const res = await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
};
/** p95 and p50 of `rounds` sequential requests after one warm-up. */
async function timed(token, path, rounds = ROUNDS) {
  await get(token, path);
  const latencies = [];
  for (let i = 0; i < rounds; i++) {
    const s = performance.now();
    await get(token, path);
    latencies.push(performance.now() - s);
  }
  return { p95: percentile(latencies, 95), p50: percentile(latencies, 50) };
}
const line = (label, r, target) =>
  console.log(
    `  ${label.padEnd(58)} p95 ${fmt(r.p95).padStart(8)} ms  p50 ${fmt(r.p50).padStart(7)} ms${
      target ? `  (target < ${target} ms: ${r.p95 < target ? 'met' : 'MISSED'})` : ''
    }`,
  );

const sockets = [];
let slaApp;
try {
  // --- who asks: the admin, and agents of the generated teams (agent 10 is in two teams) ---
  const admin = api.token;
  const agents = [];
  for (let i = 10; i < 10 + AGENT_LOGINS; i++) {
    const res = await postJson(`${api.url}/api/auth/login`, {
      email: `agent${i}@scale.test`,
      password: ADMIN.password,
    });
    if (res.status !== 200) throw new Error(`login agent${i}: ${res.status} ${JSON.stringify(res.body)}`);
    agents.push(res.body);
  }
  const agent = agents[0];
  const [{ team_id: agentTeam }] = await q(
    `SELECT team_id FROM team_memberships WHERE user_id = $1 ORDER BY team_id LIMIT 1`,
    [agent.user.id],
  );

  // --- 500 agent sockets, connected for the whole run ---
  for (let i = 0; i < SOCKETS; i++) {
    const socket = io(`${api.url}/agents`, {
      auth: { token: agents[i % agents.length].token },
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(socket);
    await new Promise((ok, fail) => (socket.once('connect', ok), socket.once('connect_error', fail)));
  }
  console.log(`${SOCKETS} agent sockets connected; API RSS ${fmt(rss().now, 0)} MB`);

  // --- queue lists, both sorts ---
  if (wanted('lists')) {
    console.log(`queue lists (limit 50; ${ROUNDS} sequential requests each after a warm-up)  load ${load()}`);
    const queues = [
      ['admin', admin, 'All', 'status=active'],
      ['admin', admin, 'any status', ''],
      ['admin', admin, 'Unassigned', 'assigneeId=none&status=active'],
      ['admin', admin, 'a team', `teamId=${agentTeam}&status=active`],
      ['admin', admin, 'Pending', 'status=pending'],
      [
        'admin',
        admin,
        'team + channel + priority',
        `teamId=${agentTeam}&status=active&channel=email&priority=high`,
      ],
      [
        'admin',
        admin,
        'status + channel + priority + tag',
        'status=open&channel=sms&priority=urgent&tag=vip',
      ],
      ['admin', admin, 'channel chat, active', 'status=active&channel=chat'],
      ['agent', agent.token, 'Mine', 'assigneeId=me&status=active'],
      ['agent', agent.token, 'Unassigned', 'assigneeId=none&status=active'],
      ['agent', agent.token, 'my team', `teamId=${agentTeam}&status=active`],
      ['agent', agent.token, 'All visible', 'status=active'],
      ['agent', agent.token, 'Pending', 'status=pending'],
      ['agent', agent.token, 'tag billing', 'status=active&tag=billing'],
    ];
    const listP95 = [];
    for (const sort of ['updated', 'due'])
      for (const [who, token, name, filter] of queues) {
        const r = await timed(token, `/api/tickets?${filter}&sort=${sort}&limit=50`);
        listP95.push(r.p95);
        line(`${who} ${name}, by ${sort === 'due' ? 'SLA due' : 'last activity'}`, r, 25);
      }
    // Deep pages: follow the keyset cursor 20 pages down, then time that page.
    for (const sort of ['updated', 'due'])
      for (const [who, token, name, filter] of [
        ['admin', admin, 'All', 'status=active'],
        ['admin', admin, 'any status', ''],
        ['agent', agent.token, 'All visible', 'status=active'],
      ]) {
        let path = `/api/tickets?${filter}&sort=${sort}&limit=50`;
        for (let page = 1; page < 20; page++) {
          const body = await get(token, path);
          if (!body.nextCursor) break;
          path = `/api/tickets?${filter}&sort=${sort}&limit=50&cursor=${body.nextCursor}`;
        }
        const r = await timed(token, path);
        listP95.push(r.p95);
        line(`${who} ${name}, by ${sort === 'due' ? 'SLA due' : 'last activity'}, page 20`, r, 25);
      }
    console.log(`  worst queue list p95: ${fmt(Math.max(...listP95))} ms (target < 25 ms)`);
  }
  // --- sidebar counts ---
  if (wanted('counts')) {
    console.log(`sidebar counts  load ${load()}`);
    line('admin', await timed(admin, '/api/queues/counts', 100), 50);
    line('agent (two teams)', await timed(agent.token, '/api/queues/counts', 100), 50);
  }
  // --- full-text search: 200 realistic queries, as the admin and as an agent ---
  if (wanted('search')) {
    const words = [
      'refund',
      'invoice',
      'printer',
      'warranty',
      'password',
      'delivery',
      'tracking',
      'battery',
      'subscription',
      'technician',
      'discount',
      'replacement',
      'licences',
      'crashes',
      'cache',
      'serial',
      'Rechnung',
      'Drucker',
      'Garantie',
      'Passwort',
      'Lieferadresse',
      'Sendungsverfolgung',
      'Akku',
      'Abonnement',
      'Techniker',
      'Gutscheincode',
      'Rücksendeetikett',
      'Seriennummer',
      'Geschäftskunde',
      'Umsatzsteuer',
      'Zahlung',
      'Kassenbon',
      'Paket',
      'Bestellung',
      'Termin',
      'Ersatz',
    ];
    const phrases = [
      'Drucker Fehler',
      'refund payment',
      'parcel arrived',
      'password reset',
      'screen cracked',
      'return label',
      'wrong VAT',
      'mobile app',
      'battery drains',
      'business customer',
      'back in stock',
      'discount code',
      'Paket Bestellung',
      'Rechnung korrigiert',
      'Passwort zurücksetzen',
      'App anmelden',
      'Akku leer',
      'Techniker Termin',
      'Garantie Bildschirm',
      'Rückerstattung bearbeitet',
    ];
    const withoutUmlauts = [
      'Ruckerstattung',
      'kundigen',
      'Grusse',
      'beschadigt',
      'Gerat',
      'zurucksetzen',
      'Ruckerstattung bearbeitet',
      'schones Wochenende',
      'groesseren Tarif',
      'Unannehmlichkeiten',
      'fur',
      'Geschaftskunde',
      'lieferbar',
      'Kundenkonto',
      'Storung',
      'uberwiesen',
      'Rucksendung',
      'Bestatigung',
      'gesprungen',
      'dringend',
    ];
    const contacts = await q(
      `SELECT c.name, i.address, p.address AS phone
       FROM contacts c
       JOIN contact_identities i ON i.contact_id = c.id AND i.kind = 'email'
       LEFT JOIN contact_identities p ON p.contact_id = c.id AND p.kind = 'phone'
      WHERE c.id IN (SELECT id FROM contacts TABLESAMPLE SYSTEM (1) LIMIT 400) AND p.address IS NOT NULL
      LIMIT 80`,
    );
    const numbers = await q(`SELECT number FROM tickets TABLESAMPLE SYSTEM (1) LIMIT 14`);
    const queries = [
      ...words.map((w) => w),
      ...phrases,
      ...withoutUmlauts,
      ...contacts.slice(0, 40).map((c) => c.name.split(' ')[0] + ' ' + c.name.split(' ')[1].slice(0, 4)),
      ...contacts.slice(0, 40).map((c) => c.address.split('@')[0]),
      ...contacts
        .slice(40, 70)
        .map(
          (c) => `${c.phone.slice(0, 3)} ${c.phone.slice(3, 6)} ${c.phone.slice(6, 10)} ${c.phone.slice(10)}`,
        ),
      ...numbers.map((r) => `#${r.number}`),
    ].slice(0, 200);
    console.log(`full-text search (${queries.length} queries, each once, sequential)  load ${load()}`);
    for (const [who, token] of [
      ['admin', admin],
      ['agent', agent.token],
    ]) {
      const latencies = [];
      const slowest = [];
      let empty = 0;
      for (const text of queries) {
        const s = performance.now();
        const body = await get(token, `/api/search?q=${encodeURIComponent(text)}`);
        const ms = performance.now() - s;
        latencies.push(ms);
        slowest.push([ms, text]);
        if (!body.items.length) empty++;
      }
      const r = { p95: percentile(latencies, 95), p50: percentile(latencies, 50) };
      line(`${who}: /api/search (${empty} of ${queries.length} found nothing)`, r, 100);
      const worst = slowest.sort((x, y) => y[0] - x[0]).slice(0, 5);
      console.log(`    slowest: ${worst.map(([ms, text]) => `"${text}" ${fmt(ms, 0)} ms`).join(', ')}`);
    }
  }
  // --- supervisor summary and reports (measured only) ---
  if (wanted('reports')) {
    console.log(
      `supervisor summary and reports (5 sequential requests each after a warm-up)  load ${load()}`,
    );
    line('supervisor summary, all teams', await timed(admin, '/api/sla/summary', 5), 100);
    line('supervisor summary, one team', await timed(admin, `/api/sla/summary?teamId=${agentTeam}`, 5), 100);
    const day = 86_400_000;
    for (const report of ['sla', 'response-times', 'volume'])
      for (const [label, days, target] of [
        ['30 days', 30, 300],
        ['1 year', 365, 2000],
      ]) {
        const from = encodeURIComponent(new Date(Date.now() - days * day).toISOString());
        const to = encodeURIComponent(new Date().toISOString());
        line(
          `report ${report}, ${label}, by team`,
          await timed(admin, `/api/reports/${report}?from=${from}&to=${to}&groupBy=team`, 5),
          target,
        );
      }
  }
  // --- SLA sweep of 1,000 due, in this process against the same database (as bench/sla does) ---
  if (wanted('sweep')) {
    const { createApp } = await import(resolve(root, 'apps/api/dist/bootstrap.js'));
    const { loadConfig } = await import(resolve(root, 'apps/api/dist/config/app-config.js'));
    const { Db } = await import(resolve(root, 'apps/api/dist/common/db.js'));
    const { SlaClockService } = await import(resolve(root, 'apps/api/dist/sla/sla-clock.service.js'));
    slaApp = await createApp({
      ...loadConfig({}),
      databaseUrl: dataset.url,
      port: 0,
      host: '127.0.0.1',
      role: 'web',
      adminEmail: ADMIN.email,
      adminPassword: ADMIN.password,
      seedDemo: false,
      secretsKey: randomBytes(32).toString('base64'),
      logLevel: 'silent',
    });
    const db = slaApp.get(Db);
    const clocks = slaApp.get(SlaClockService);
    const [{ open }] = await q(
      `SELECT count(*)::int AS open FROM tickets WHERE status NOT IN ('solved', 'closed')`,
    );
    // Tickets still waiting for a first reply, their clock overdue: re-armed for the sweep, and put
    // back afterwards (the breach records of this run removed), so the data set stays as generated.
    const candidates = (
      await q(
        `SELECT t.id FROM tickets t JOIN ticket_sla_state s ON s.ticket_id = t.id
        WHERE t.status = 'new' AND t.spam_at IS NULL AND t.bot_id IS NULL ORDER BY t.number LIMIT 5000`,
      )
    ).map((r) => r.id);
    const rounds = Math.floor(candidates.length / 1000);
    const sweepStarted = new Date();
    const saved = await q(`SELECT * FROM ticket_sla_state WHERE ticket_id = ANY($1::uuid[])`, [candidates]);
    const savedTickets = await q(
      `SELECT id, seq, sla_due_at, sla_at_risk_at, first_response_due_at, next_response_due_at, resolution_due_at,
            first_response_at_risk_at, next_response_at_risk_at, resolution_at_risk_at
       FROM tickets WHERE id = ANY($1::uuid[])`,
      [candidates],
    );
    const sweeps = [];
    try {
      for (let round = 0; round < rounds; round++) {
        const ids = candidates.slice(round * 1000, (round + 1) * 1000);
        await q(
          `UPDATE ticket_sla_state SET next_check_at = now() - interval '1 minute', first_response_breached_at = NULL,
                breached_at = NULL WHERE ticket_id = ANY($1::uuid[])`,
          [ids],
        );
        const s = performance.now();
        const r = await clocks.sweep(db, 1000);
        sweeps.push(performance.now() - s);
        if (r.claimed !== ids.length)
          throw new Error(`expected ${ids.length} due, the sweep claimed ${r.claimed}`);
      }
    } finally {
      await q(`DELETE FROM sla_clock_entries WHERE ticket_id = ANY($1::uuid[]) AND created_at >= $2`, [
        candidates,
        sweepStarted,
      ]);
      await q(`DELETE FROM ticket_events WHERE ticket_id = ANY($1::uuid[]) AND created_at >= $2`, [
        candidates,
        sweepStarted,
      ]);
      await q(
        `UPDATE ticket_sla_state s SET next_check_at = o.next_check_at, first_response_breached_at = o.first_response_breached_at,
              next_response_breached_at = o.next_response_breached_at, resolution_breached_at = o.resolution_breached_at,
              breached_at = o.breached_at
         FROM jsonb_populate_recordset(NULL::ticket_sla_state, $1::jsonb) o WHERE s.ticket_id = o.ticket_id`,
        [JSON.stringify(saved)],
      );
      await q(
        `UPDATE tickets t SET seq = o.seq, sla_due_at = o.sla_due_at, sla_at_risk_at = o.sla_at_risk_at,
              first_response_due_at = o.first_response_due_at, next_response_due_at = o.next_response_due_at,
              resolution_due_at = o.resolution_due_at, first_response_at_risk_at = o.first_response_at_risk_at,
              next_response_at_risk_at = o.next_response_at_risk_at, resolution_at_risk_at = o.resolution_at_risk_at
         FROM jsonb_populate_recordset(NULL::tickets, $1::jsonb) o WHERE t.id = o.id`,
        [JSON.stringify(savedTickets)],
      );
    }
    console.log(`SLA sweep (${open} open tickets; ${sweeps.length} sweeps of 1,000 due)  load ${load()}`);
    if (sweeps.length)
      console.log(
        `  sweep, 1,000 due: ${sweeps.map((ms) => fmt(ms)).join(' / ')} ms  (max ${fmt(Math.max(...sweeps))} ms; target < 100 ms: ${Math.max(...sweeps) < 100 ? 'met' : 'MISSED'})`,
      );
    else console.log(`  fewer than 1,000 tickets wait for a first reply at this scale: no sweep measured`);
  }
  if (wanted('ingest')) await busyIngest();
  const memory = rss();
  console.log(
    `API RSS with ${SOCKETS} agent sockets: now ${fmt(memory.now, 0)} MB, peak ${fmt(memory.peak, 0)} MB (target < 500 MB: ${memory.peak < 500 ? 'met' : 'MISSED'})`,
  );
  console.log(`load average at the end: ${load()}`);
} finally {
  await sql.query(`DELETE FROM channel_accounts WHERE name = 'bench/scale ingest'`).catch(() => undefined);
  for (const s of sockets) s.disconnect();
  await slaApp?.close();
  await sql.end();
  await api.stop();
}

/**
 * New customers writing in at once, each message a ticket every agent socket of the team-less
 * queue hears about: the ingest rate and the API's memory while it runs. The rows go afterwards
 * (tickets cascade to their messages and events), so later runs measure the same data set.
 */
async function busyIngest() {
  const account = await createApiAccount(api, 'bench/scale ingest');
  const url = `${api.url}/api/channels/api/${account.id}/inbound`;
  const headers = { 'x-api-key': account.apiKey };
  console.log(
    `busy ingest (${INGEST_MESSAGES} messages, concurrency ${INGEST_CONCURRENCY}, ${SOCKETS} sockets listening)  load ${load()}`,
  );
  let peak = rss().now;
  const sampler = setInterval(() => (peak = Math.max(peak, rss().now)), 100);
  let failed = 0;
  const run = await runConcurrent(INGEST_MESSAGES, INGEST_CONCURRENCY, async (i) => {
    const res = await postJson(
      url,
      {
        externalId: `scale-ingest-${i}`,
        from: { handle: `scale-ingest-${i % 2000}@bench.test`, name: `Ingest ${i % 2000}` },
        text: `Message ${i}: my order has not arrived, could you check?`,
      },
      headers,
    );
    if (res.status !== 200) failed++;
  });
  clearInterval(sampler);
  const r = { p95: percentile(run.latencies, 95), p50: percentile(run.latencies, 50) };
  console.log(
    `  ${fmt(INGEST_MESSAGES / run.seconds, 0)} messages/s, ${failed} failed; request p95 ${fmt(r.p95)} ms, p50 ${fmt(r.p50)} ms; API RSS peak during it ${fmt(peak, 0)} MB`,
  );
  const removed = await q(
    `WITH t AS (DELETE FROM tickets WHERE channel_account_id = $1 RETURNING contact_id)
     SELECT count(*)::int AS n FROM t`,
    [account.id],
  );
  await q(
    `DELETE FROM contacts c USING contact_identities i
      WHERE i.contact_id = c.id AND i.address LIKE 'scale-ingest-%@bench.test'`,
  );
  console.log(`  removed again: ${removed[0].n} tickets and their contacts`);
}
