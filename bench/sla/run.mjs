// bench/sla: the SLA sweeper with 1,000,000 open tickets loaded by COPY.
// Prints the duration of a sweep that finds nothing due and of one that finds 1,000 due (targets:
// < 10 ms and < 100 ms), and the p99 delay from due time to the `sla.breached` socket event while
// the sweeper runs as in production (every second, sooner when the index says something is due).
// Usage: npx tsc -p apps/api/tsconfig.app.json && node bench/sla/run.mjs [tickets] [--reuse] [--profile]
//   --reuse    keep the loaded database as a template (named after the ticket count and the schema's
//              migrations) and clone it on later runs instead of loading again (~2 min → seconds);
//              the engine's clock is shifted back to the load instant, so nothing else became due.
//   --profile  print where a sweep that finds 1,000 due spends its time, statement by statement.
//   --checkpoint         run CHECKPOINT before each sweep that finds 1,000 due: every page it
//                        touches then goes to the WAL whole (a full-page image) — the worst case.
//   --wal-compression=X  the database's wal_compression (off, pglz, lz4, zstd) for the sweeps.
//   --async-commit       synchronous_commit = off for the sweeps: what the WAL flush at commit costs.
//   --prewarm            read the tables and indexes a sweep touches into shared_buffers first
//                        (pg_prewarm), as on a server that has been running: a clone starts cold,
//                        and each page a sweep touches is then a read (or an eviction) of its own.
//   Each sweep that finds 1,000 due prints its WAL volume and full-page images (pg_walinspect).
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import pg from 'pg';
import { createDatabase, fmt, percentile, postJson } from '../lib/harness.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const TICKETS = Number(args.find((a) => !a.startsWith('--')) ?? 1_000_000);
const REUSE = args.includes('--reuse');
const PROFILE = args.includes('--profile');
const CHECKPOINT = args.includes('--checkpoint');
const WAL_COMPRESSION = args.find((a) => a.startsWith('--wal-compression='))?.split('=')[1];
const ASYNC_COMMIT = args.includes('--async-commit');
const PREWARM = args.includes('--prewarm');
if (WAL_COMPRESSION && !/^(off|pglz|lz4|zstd)$/.test(WAL_COMPRESSION))
  throw new Error('--wal-compression: off, pglz, lz4 or zstd');
const DUE_BATCH = 1_000;
const DUE_ROUNDS = 5;
const LATENCY_TICKETS = 2_000;
const LATENCY_SPREAD_MS = 10_000;
const ADMIN = { email: 'admin@bench.local', password: 'bench-password-123' };

const { createApp } = await import(resolve(root, 'apps/api/dist/bootstrap.js'));
const { loadConfig } = await import(resolve(root, 'apps/api/dist/config/app-config.js'));
const { Db } = await import(resolve(root, 'apps/api/dist/common/db.js'));
const { SlaClockService } = await import(resolve(root, 'apps/api/dist/sla/sla-clock.service.js'));
const { SlaSweeper } = await import(resolve(root, 'apps/api/dist/sla/sla-sweeper.service.js'));

const { MIGRATIONS } = await import(resolve(root, 'apps/api/dist/database/migrations/index.js'));

const adminUrl = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const schemaKey = createHash('sha1')
  .update(MIGRATIONS.map((m) => m.name).join(','))
  .digest('hex')
  .slice(0, 8);
const TEMPLATE = `sb_bench_sla_tpl_${TICKETS}_${schemaKey}`;
const adminQuery = async (text) => {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return (await c.query(text)).rows;
  } finally {
    await c.end();
  }
};

/** The settings under test, for every connection the app opens to this database. */
const configure = async (databaseUrl) => {
  const name = new URL(databaseUrl).pathname.slice(1);
  await adminQuery(`ALTER DATABASE ${name} SET wal_compression = ${WAL_COMPRESSION ?? 'off'}`);
  await adminQuery(`ALTER DATABASE ${name} SET synchronous_commit = ${ASYNC_COMMIT ? 'off' : 'on'}`);
};

// Role "web": no background sweeper, so this script decides when sweeps run and times them.
const startApp = async (databaseUrl) => {
  await configure(databaseUrl);
  const app = await createApp({
    ...loadConfig({}),
    databaseUrl,
    port: 0,
    host: '127.0.0.1',
    role: 'web',
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
    seedDemo: false,
    secretsKey: randomBytes(32).toString('base64'),
    logLevel: 'silent',
  });
  await app.listen(0, '127.0.0.1');
  return app;
};

/**
 * CPU time (ms) used so far by this database's backends, read from /proc: the figure a busy
 * machine does not inflate, where wall time grows with every other process on the cores.
 * Null when the server is not on this machine. Ticks of 10 ms (USER_HZ 100).
 */
const backendsCpuMs = async (sql) => {
  const rows = await sql.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
  let ticks = 0;
  try {
    for (const { pid } of rows) {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    }
  } catch {
    return null;
  }
  return ticks * 10;
};
const nodeCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const dir = mkdtempSync(join(tmpdir(), 'sb-bench-sla-'));
let db;
let app;
let loadSeconds = null;
let shiftMs = 0;
const reusable =
  REUSE && (await adminQuery(`SELECT 1 FROM pg_database WHERE datname = '${TEMPLATE}'`)).length > 0;
if (reusable) {
  const t0 = performance.now();
  db = await createDatabase();
  await adminQuery(`DROP DATABASE ${new URL(db.url).pathname.slice(1)}`);
  // FILE_COPY: the default (WAL_LOG) writes the whole clone to the WAL, ~700 MB that set off
  // checkpoints which then run, with their own I/O and full-page images, during the timed sweeps.
  await adminQuery(
    `CREATE DATABASE ${new URL(db.url).pathname.slice(1)} TEMPLATE ${TEMPLATE} STRATEGY FILE_COPY`,
  );
  app = await startApp(db.url);
  const [{ loaded_at }] = await app.get(Db).query(`SELECT loaded_at FROM bench_sla_meta`);
  shiftMs = Date.now() - new Date(loaded_at).getTime();
  console.log(
    `reusing ${TEMPLATE} (cloned in ${fmt((performance.now() - t0) / 1000)} s; clock shifted back ${fmt(shiftMs / 60_000)} min)`,
  );
} else {
  db = await createDatabase();
  app = await startApp(db.url);
}
// The engine's clock, shifted back to the load instant when the database is a clone.
const benchNow = () => Date.now() - shiftMs;
app.get(SlaClockService).now = () => new Date(benchNow());
const urlOf = (a) => `http://127.0.0.1:${a.getHttpServer().address().port}`;
let url = urlOf(app);
let sql = app.get(Db);
let clocks = app.get(SlaClockService);
let sweeper = app.get(SlaSweeper);

// --profile: time every statement a sweep runs, keyed by its first words.
const profile = new Map();
const timed = (run) => async (text, params) => {
  const s = performance.now();
  try {
    return await run(text, params);
  } finally {
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 90);
    profile.set(key, (profile.get(key) ?? 0) + performance.now() - s);
  }
};
const addProfile = (key, ms) => profile.set(key, (profile.get(key) ?? 0) + ms);
let committedAt = 0;
const profiled = (base) => ({
  query: timed((t, p) => base.query(t, p)),
  // The commit (the WAL flush) and what runs after it (the fan-out) are timed apart from the statements.
  tx: async (work) => {
    let workDone = 0;
    const result = await base.tx(async (inner) => {
      const out = await work({ query: timed((t, p) => inner.query(t, p)) });
      workDone = performance.now();
      return out;
    });
    committedAt = performance.now();
    addProfile('(COMMIT)', committedAt - workDone);
    return result;
  },
});

try {
  let token = (await postJson(`${url}/api/auth/login`, ADMIN)).body.token;
  const auth = { authorization: `Bearer ${token}` };
  let account;
  let policy;
  if (reusable) {
    [account] = await sql.query(`SELECT id FROM channel_accounts WHERE name = 'bench'`);
    [policy] = await sql.query(`SELECT id FROM sla_policies WHERE name = 'Around the clock'`);
  } else {
    account = (
      await postJson(`${url}/api/admin/channel-accounts`, { kind: 'api', name: 'bench', config: {} }, auth)
    ).body;
    policy = (
      await postJson(
        `${url}/api/admin/sla-policies`,
        { name: 'Around the clock', order: 1, targets: { firstResponseSeconds: 3600 }, atRiskShare: null },
        auth,
      )
    ).body;

    // --- load: contacts, then 1M open tickets with a running first-response clock each (COPY) ---
    const t0 = performance.now();
    await sql.query(
      `INSERT INTO contacts (id, name) SELECT gen_random_uuid(), 'Customer ' || i FROM generate_series(1, 1000) i`,
    );
    const contacts = (await sql.query(`SELECT id FROM contacts`)).map((r) => r.id);
    const now = Date.now();
    const ticketsCsv = join(dir, 'tickets.csv');
    const ledgerCsv = join(dir, 'ledger.csv');
    const tickets = createWriteStream(ticketsCsv);
    const ledger = createWriteStream(ledgerCsv);
    const scheduleCsv = join(dir, 'schedule.csv');
    const schedule = createWriteStream(scheduleCsv);
    const write = (stream, line) => (stream.write(line) ? null : new Promise((r) => stream.once('drain', r)));
    for (let i = 0; i < TICKETS; i++) {
      // Most tickets are due 10–60 minutes from now; the first DUE_ROUNDS batches are already overdue
      // but hidden from the sweeper (no next check) until their round marks them due.
      const overdue = i < DUE_ROUNDS * DUE_BATCH;
      const created = overdue ? now - 2 * 3600_000 - i : now - Math.floor(Math.random() * 50 * 60_000);
      const due = new Date(created + 3600_000).toISOString();
      const id = randomUUID();
      const c = new Date(created).toISOString();
      const p1 = write(
        tickets,
        `${id},${1_000_000 + i},Order question ${i},open,api,${account.id},${contacts[i % contacts.length]},${policy.id},${due},${due},${c},${c}\n`,
      );
      const p3 = overdue ? null : write(schedule, `${id},${due}\n`);
      if (p3) await p3;
      const p2 = write(
        ledger,
        `${id},first_response,start,ticket created: waiting for a first reply,${c},${policy.id}\n`,
      );
      if (p1) await p1;
      if (p2) await p2;
    }
    await Promise.all([tickets, ledger, schedule].map((stream) => new Promise((r) => stream.end(r))));
    const copy = (table, columns, file) => {
      const res = spawnSync(
        'psql',
        [
          db.url,
          '-v',
          'ON_ERROR_STOP=1',
          '-qc',
          `\\copy ${table} (${columns}) FROM '${file}' WITH (FORMAT csv)`,
        ],
        { encoding: 'utf8' },
      );
      if (res.status !== 0) throw new Error(`COPY ${table} failed: ${res.stderr}`);
    };
    copy(
      'tickets',
      'id, number, subject, status, channel, channel_account_id, contact_id, sla_policy_id, first_response_due_at, sla_due_at, created_at, updated_at',
      ticketsCsv,
    );
    copy('sla_clock_entries', 'ticket_id, metric, action, reason, at, policy_id', ledgerCsv);
    copy('ticket_sla_state', 'ticket_id, next_check_at', scheduleCsv);
    await sql.query(`ANALYZE tickets; ANALYZE sla_clock_entries; ANALYZE ticket_sla_state`);
    loadSeconds = (performance.now() - t0) / 1000;
    if (REUSE) {
      // Keep the loaded state as a template: clones start from exactly here, at this clock.
      await sql.query(`CREATE TABLE bench_sla_meta AS SELECT $1::timestamptz AS loaded_at`, [new Date(now)]);
      await sql.query(`CHECKPOINT`);
      await app.close();
      const name = new URL(db.url).pathname.slice(1);
      await adminQuery(`CREATE DATABASE ${TEMPLATE} TEMPLATE ${name}`);
      console.log(`saved the loaded database as ${TEMPLATE} (drop it with: DROP DATABASE ${TEMPLATE})`);
      app = await startApp(db.url);
      sql = app.get(Db);
      clocks = app.get(SlaClockService);
      sweeper = app.get(SlaSweeper);
      clocks.now = () => new Date(benchNow());
      url = urlOf(app);
      token = (await postJson(`${url}/api/auth/login`, ADMIN)).body.token;
    }
  }
  const [{ open }] = await sql.query(
    `SELECT count(*)::int AS open FROM tickets WHERE status NOT IN ('solved', 'closed')`,
  );

  // A supervisor socket receives every breach, as on a real dashboard.
  const socket = io(`${url}/agents`, { auth: { token }, transports: ['websocket'] });
  await new Promise((ok, fail) => (socket.once('connect', ok), socket.once('connect_error', fail)));
  const breachedAt = new Map();
  socket.on('sla.breached', (e) =>
    breachedAt.set(e.ticketId, { at: benchNow(), dueAt: Date.parse(e.dueAt) }),
  );

  // --- a sweep that finds nothing due ---
  const idle = [];
  for (let i = 0; i < 50; i++) {
    const s = performance.now();
    const r = await clocks.sweep(sql, DUE_BATCH);
    idle.push(performance.now() - s);
    if (r.claimed !== 0) throw new Error(`expected nothing due, claimed ${r.claimed}`);
  }

  // --- sweeps that find 1,000 due ---
  const busy = [];
  const cpu = { node: 0, pg: 0 };
  const wal = [];
  let breaches = 0;
  await sql.query(`CREATE EXTENSION IF NOT EXISTS pg_walinspect`);
  if (PREWARM) {
    await sql.query(`CREATE EXTENSION IF NOT EXISTS pg_prewarm`);
    const [{ pages }] = await sql.query(
      `SELECT sum(pg_prewarm(c.oid))::bigint AS pages FROM pg_class c
        WHERE c.relname IN ('tickets', 'tickets_pkey', 'ticket_sla_state', 'ticket_sla_state_pkey',
                            'ix_ticket_sla_state_next_check', 'sla_clock_entries', 'ix_sla_clock_entries_ticket')`,
    );
    const [{ setting }] = await sql.query(`SELECT setting FROM pg_settings WHERE name = 'shared_buffers'`);
    console.log(
      `prewarmed ${fmt((pages * 8) / 1024)} MB into shared_buffers of ${fmt((setting * 8) / 1024)} MB`,
    );
  }
  for (let round = 0; round < DUE_ROUNDS; round++) {
    await sql.query(
      `INSERT INTO ticket_sla_state (ticket_id, next_check_at) SELECT id, sla_due_at FROM tickets WHERE number >= $1 AND number < $2`,
      [1_000_000 + round * DUE_BATCH, 1_000_000 + (round + 1) * DUE_BATCH],
    );
    if (CHECKPOINT) await sql.query(`CHECKPOINT`);
    const [{ lsn: from }] = await sql.query(`SELECT pg_current_wal_insert_lsn()::text AS lsn`);
    const pgCpu = await backendsCpuMs(sql);
    const jsCpu = nodeCpuMs();
    const s = performance.now();
    const r = await clocks.sweep(PROFILE ? profiled(sql) : sql, DUE_BATCH);
    busy.push(performance.now() - s);
    cpu.node += nodeCpuMs() - jsCpu;
    const pgCpuAfter = await backendsCpuMs(sql);
    cpu.pg = pgCpu === null || pgCpuAfter === null || cpu.pg === null ? null : cpu.pg + pgCpuAfter - pgCpu;
    if (PROFILE)
      addProfile('(after the commit: publishing to sockets and listeners)', performance.now() - committedAt);
    const [{ lsn: to }] = await sql.query(`SELECT pg_current_wal_insert_lsn()::text AS lsn`);
    // Other databases of the server write WAL too: the range holds theirs as well (an upper bound).
    const [w] = await sql.query(
      `SELECT pg_wal_lsn_diff($2::pg_lsn, $1::pg_lsn)::bigint AS bytes,
              count(*) FILTER (WHERE fpi_length > 0)::int AS fpi, COALESCE(sum(fpi_length), 0)::bigint AS fpi_bytes
         FROM pg_get_wal_records_info($1::pg_lsn, least($2::pg_lsn, pg_current_wal_flush_lsn()))`,
      [from, to],
    );
    wal.push(w);
    breaches += r.breaches;
    if (r.claimed !== DUE_BATCH) throw new Error(`expected ${DUE_BATCH} due, claimed ${r.claimed}`);
  }

  // --- due time → socket event, with the sweeper running as in production ---
  await new Promise((r) => setTimeout(r, 2_000)); // let the rounds' socket deliveries drain
  breachedAt.clear();
  const firstDue = benchNow() + 2_000;
  const latencyFrom = 1_000_000 + DUE_ROUNDS * DUE_BATCH;
  await sql.query(
    `WITH picked AS (
       SELECT id, to_timestamp(($3::float8 + (number - $1) * $4::float8) / 1000) AS due FROM tickets WHERE number >= $1 AND number < $2),
     l AS (UPDATE sla_clock_entries e SET at = p.due - interval '1 hour' FROM picked p WHERE e.ticket_id = p.id),
     s AS (UPDATE ticket_sla_state s SET next_check_at = p.due FROM picked p WHERE s.ticket_id = p.id)
     UPDATE tickets t SET created_at = p.due - interval '1 hour', first_response_due_at = p.due, sla_due_at = p.due
       FROM picked p WHERE t.id = p.id`,
    [latencyFrom, latencyFrom + LATENCY_TICKETS, firstDue, LATENCY_SPREAD_MS / LATENCY_TICKETS],
  );
  sweeper.start(1_000);
  const deadline = Date.now() + LATENCY_SPREAD_MS + 15_000;
  const phaseEvents = () => [...breachedAt.values()].filter((e) => e.dueAt >= firstDue - 1).length;
  while (phaseEvents() < LATENCY_TICKETS && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  await sweeper.stop();
  // Only the tickets of this phase (late socket deliveries of the previous rounds are left out).
  const delays = [...breachedAt.values()].filter((e) => e.dueAt >= firstDue - 1).map((e) => e.at - e.dueAt);
  socket.disconnect();

  if (PROFILE) {
    console.log(`  profile of the ${DUE_ROUNDS} sweeps that found 1,000 due (ms per sweep):`);
    for (const [statement, ms] of [...profile].sort((x, y) => y[1] - x[1]))
      console.log(`    ${fmt(ms / DUE_ROUNDS, 2).padStart(7)}  ${statement}`);
    const accounted = [...profile.values()].reduce((a, b) => a + b, 0) / DUE_ROUNDS;
    const mean = busy.reduce((a, b) => a + b, 0) / busy.length;
    console.log(
      `    ${fmt(mean - accounted, 2).padStart(7)}  (the rest: JavaScript before the commit; mean sweep ${fmt(mean, 1)} ms)`,
    );
  }
  console.log(
    `bench/sla  open tickets=${open}  (${loadSeconds === null ? 'cloned from the template' : `loaded by COPY in ${fmt(loadSeconds)} s`})`,
  );
  console.log(
    `  sweep, nothing due : p50 ${fmt(percentile(idle, 50), 2)} ms  max ${fmt(Math.max(...idle), 2)} ms  (${idle.length} sweeps; target < 10 ms)`,
  );
  console.log(
    `  sweep, 1,000 due   : p50 ${fmt(percentile(busy, 50))} ms  max ${fmt(Math.max(...busy))} ms  (${busy.length} sweeps, ${breaches} breaches recorded; target < 100 ms)`,
  );
  console.log(
    `  CPU per such sweep : this process ${fmt(cpu.node / DUE_ROUNDS, 1)} ms, the database's backends ${cpu.pg === null ? 'n/a (not on this machine)' : `${fmt(cpu.pg / DUE_ROUNDS, 1)} ms`}  (load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')})`,
  );
  console.log(
    `  WAL per such sweep : ${wal.map((w) => `${fmt(w.bytes / 1048576, 1)} MB (${w.fpi} records with full-page images, ${fmt(w.fpi_bytes / 1048576, 1)} MB of them)`).join(' / ')}  (checkpoint before each: ${CHECKPOINT ? 'yes' : 'no'}; prewarmed: ${PREWARM ? 'yes' : 'no'}; wal_compression ${WAL_COMPRESSION ?? 'off'}; synchronous_commit ${ASYNC_COMMIT ? 'off' : 'on'})`,
  );
  console.log(
    `  due → sla.breached : p50 ${fmt(percentile(delays, 50))} ms  p99 ${fmt(percentile(delays, 99))} ms  max ${fmt(Math.max(...delays))} ms  (${delays.length}/${LATENCY_TICKETS} events, due over ${LATENCY_SPREAD_MS / 1000} s)`,
  );
} finally {
  await app.close();
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
}
