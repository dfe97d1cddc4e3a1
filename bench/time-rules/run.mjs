// bench/time-rules: the time-rule sweep over many open tickets (default 1,000,000, made with
// generate_series in one statement), with 1,000 of them due and then with none due.
// Prints: the sweeper's claim statement (timed by EXPLAIN ANALYZE, targets < 200 ms with 1,000 due
// and < 10 ms with none), a whole sweep with none due (< 10 ms), and a whole sweep of the 1,000
// (the rule's actions through the ticket writer, for information), in calendar and business hours.
// Usage: npx nx run api:build && npm run bench:time-rules -- [open tickets] [--plan]
//   --plan  print the claim statement's plan (EXPLAIN ANALYZE) with the figures
import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, fmt } from '../lib/harness.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const TICKETS = Number(args.find((a) => !a.startsWith('--')) ?? 1_000_000);
const PLAN = args.includes('--plan');
const DUE = 1_000;

const { createApp } = await import(resolve(root, 'apps/api/dist/bootstrap.js'));
const { loadConfig } = await import(resolve(root, 'apps/api/dist/config/app-config.js'));
const { Db } = await import(resolve(root, 'apps/api/dist/common/db.js'));
const { TimeRules } = await import(resolve(root, 'apps/api/dist/rules/time-rules.js'));

const db = await createDatabase();
// Role "web": no background sweeper, so this script decides when sweeps run and times them.
const app = await createApp({
  ...loadConfig({}),
  databaseUrl: db.url,
  port: 0,
  host: '127.0.0.1',
  role: 'web',
  adminEmail: 'admin@bench.local',
  adminPassword: 'bench-password-123',
  seedDemo: false,
  secretsKey: randomBytes(32).toString('base64'),
  logLevel: 'silent',
});
const sql = app.get(Db);
const sweeper = app.get(TimeRules);
const ms = async (work) => {
  const t0 = performance.now();
  const result = await work();
  return { ms: performance.now() - t0, result };
};

try {
  const t0 = performance.now();
  const [contact] = await sql.query(`INSERT INTO contacts (name) VALUES ('Bench') RETURNING id`);
  const [account] = await sql.query(
    `INSERT INTO channel_accounts (kind, name, config) VALUES ('api', 'Bench', '{}') RETURNING id`,
  );
  const [calendar] = await sql.query(
    `INSERT INTO business_calendars (name, time_zone, hours) VALUES ('Office', 'Europe/Berlin', $1) RETURNING id`,
    [JSON.stringify([1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '17:00' })))],
  );
  const [policy] = await sql.query(
    `INSERT INTO sla_policies (name, sort_order, calendar_id, active) VALUES ('Office', 1, $1, false) RETURNING id`,
    [calendar.id],
  );
  // Open tickets, created over the last 30 days, a customer message on each; none solved. In
  // slices of 100,000, each its own transaction: one long transaction would hold back the outbox
  // consumers of every database on the server (their horizon is the oldest running transaction).
  const SLICE = 100_000;
  for (let from = 1; from <= TICKETS; from += SLICE)
    await sql.query(
      `INSERT INTO tickets (subject, status, channel, channel_account_id, contact_id, created_at, last_customer_message_at, sla_policy_id)
       SELECT 'bench ' || i, 'open', 'api', $1, $2, now() - (i % 43200) * interval '1 minute',
              now() - (i % 43200) * interval '1 minute', CASE WHEN i % 2 = 0 THEN $5::uuid END
         FROM generate_series($3::int, $4::int) AS i`,
      [account.id, contact.id, from, Math.min(TICKETS, from + SLICE - 1), policy.id],
    );
  // The due ones: solved two weeks ago (both in calendar and in business hours).
  await sql.query(
    `UPDATE tickets SET status = 'solved', solved_at = now() - interval '14 days' - (random() * interval '1 day')
      WHERE id IN (SELECT id FROM tickets ORDER BY id LIMIT $1)`,
    [DUE],
  );
  await sql.query('VACUUM ANALYZE tickets');
  console.log(
    `bench/time-rules  ${TICKETS} open tickets, ${DUE} solved two weeks ago (set up in ${fmt((performance.now() - t0) / 1000)} s)`,
  );

  const rule = async (name, time) => {
    const [row] = await sql.query(
      `INSERT INTO rules (name, trigger, time_condition, conditions, actions, active, webhook_secret)
       VALUES ($1, 'time', $2, '{}', '[{"type": "add_tags", "tags": ["swept"]}]', false, 'x') RETURNING id`,
      [name, JSON.stringify(time)],
    );
    return row.id;
  };
  // The sweeper's claim statement for a rule, timed by the server (no network, no parse).
  const claim = async (ruleId, time) => {
    const now = new Date();
    const cutoff = new Date(now.getTime() - time.hours * 3_600_000);
    const text = `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
      SELECT t.id FROM tickets t JOIN contacts c ON c.id = t.contact_id
       WHERE t.status = 'solved' AND t.solved_at IS NOT NULL AND t.solved_at <= $2::timestamptz
         AND t.solved_at <= coalesce((SELECT p.cutoff FROM unnest($4::uuid[], $5::timestamptz[]) AS p(policy_id, cutoff)
                                       WHERE p.policy_id = t.sla_policy_id), $2::timestamptz)
         AND NOT EXISTS (SELECT 1 FROM rule_runs r WHERE r.rule_id = $1
                          AND r.run_key = 'time:' || t.id || ':' || extract(epoch FROM t.solved_at)::text)
       ORDER BY t.solved_at LIMIT $3 FOR UPDATE OF t SKIP LOCKED`;
    const run = async () =>
      (await sql.query(text, [ruleId, cutoff, DUE, [policy.id], [cutoff]]))[0]['QUERY PLAN'][0];
    await run();
    const plan = await run();
    if (PLAN) console.log(JSON.stringify(plan.Plan, ['Node Type', 'Index Name', 'Actual Rows', 'Plans'], 1));
    return { ms: plan['Execution Time'], rows: plan.Plan['Actual Rows'] };
  };
  const activate = (id, active) => sql.query(`UPDATE rules SET active = $2 WHERE id = $1`, [id, active]);

  for (const [label, time] of [
    ['calendar hours', { since: 'solved', hours: 96 }],
    ['business hours', { since: 'solved', hours: 32, businessHours: true }],
  ]) {
    const id = await rule(`bench ${label}`, time);
    const due = await claim(id, time);
    await activate(id, true);
    // The whole sweep of the due tickets is timed once (calendar hours): it is the actions' cost.
    const whole =
      label === 'calendar hours'
        ? await ms(async () => {
            let total = 0;
            for (let n = await sweeper.sweep(); n > 0; n = await sweeper.sweep()) total += n;
            return total;
          })
        : null;
    // The run markers keep handled tickets from running again, but they are still read.
    const handled = await claim(id, time);
    // None due: every solved ticket solved just now.
    await sql.query(`UPDATE tickets SET solved_at = now() WHERE status = 'solved'`);
    const none = await claim(id, time);
    await sweeper.sweep();
    const idle = [];
    for (let i = 0; i < 5; i++) idle.push((await ms(() => sweeper.sweep())).ms);
    idle.sort((a, b) => a - b);
    console.log(`  ${label}:`);
    // The claim statement has the same shape in both (business hours only move the cutoffs).
    if (whole) {
      console.log(`    claim statement, ${due.rows} due     : ${fmt(due.ms)} ms   (target < 200 ms)`);
      console.log(`    claim statement, none due    : ${fmt(none.ms)} ms   (target < 10 ms)`);
      console.log(`    claim statement, ${DUE} already handled, none new: ${fmt(handled.ms)} ms`);
    }
    console.log(`    whole sweep, none due        : ${fmt(idle[2])} ms median of 5   (target < 10 ms)`);
    if (whole)
      console.log(
        `    whole sweep of the ${whole.result} due   : ${fmt(whole.ms)} ms, actions through the ticket writer (${fmt((1000 * whole.result) / whole.ms, 0)} tickets/s)`,
      );
    await activate(id, false);
    // The next rule finds the same tickets due again (its own run markers).
    await sql.query(
      `UPDATE tickets SET tags = '{}', solved_at = now() - interval '14 days' - (random() * interval '1 day')
        WHERE status = 'solved'`,
    );
  }
} finally {
  await app.close();
  await db.drop();
}
