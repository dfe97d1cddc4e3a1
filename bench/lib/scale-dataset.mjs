// The scale data set: a realistic workspace of 1,000,000 tickets over two years, ~10,000,000
// messages (emails with quoted history, chat and SMS lines; English and German), 1,500,000 contacts
// with an email address each and a phone number for half, 200 agents in 20 teams, tags, SLA state
// and events. SCALE=0.1 gives a tenth of every table, for developing queries.
//
// Loaded set-wise in SQL (INSERT … SELECT generate_series), which needs no COPY client: the rows
// are made inside the server. What makes it minutes rather than hours on two cores:
//  - the session runs with session_replication_role = replica, so no per-row trigger runs (search
//    vectors, rollups, foreign-key checks): the search vectors are written in the same INSERT, from
//    a pool of bodies whose vectors are parsed once (`message_search_vector` gives the same vector;
//    checked at the end), and the rows are made consistent by construction;
//  - secondary indexes are dropped before the load and built after it, each by one sort;
//  - message ids grow with the ticket number, so the primary key is appended to, not scattered;
//  - two connections load disjoint ranges of tickets at once.
// The database is created by the built API's migrations (apps/api/dist), and reused while a
// marker row says the load completed; DROP DATABASE switchboard_scale to generate it again.
import pg from 'pg';
import { ADMIN, startApi } from './harness.mjs';
import { DOMAINS, FIRST_NAMES, LAST_NAMES, SUBJECTS, TAGS, bodies } from './scale-texts.mjs';

const LONG_BODIES = 3000;
const SHORT_BODIES = 1000;
const TEAMS = 20;
const AGENTS = 200;
const TABLES = ['tickets', 'messages', 'contacts', 'contact_identities', 'ticket_events'];

export function scaleSizes(scale) {
  return {
    tickets: Math.round(1_000_000 * scale),
    contacts: Math.round(1_500_000 * scale),
    teams: TEAMS,
    agents: AGENTS,
  };
}

const adminUrl = () => process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function adminQuery(text, params) {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    return (await c.query(text, params)).rows;
  } finally {
    await c.end();
  }
}

/** Steps and how long each took, printed as they finish. */
function stepTimer(log) {
  const steps = {};
  return {
    steps,
    async run(name, work) {
      const t0 = performance.now();
      const out = await work();
      const seconds = (performance.now() - t0) / 1000;
      steps[name] = Math.round(seconds * 10) / 10;
      log(`  ${name}: ${seconds.toFixed(1)} s`);
      return out;
    },
  };
}

/**
 * The data set for `scale` (1 = one million tickets): its database URL, created and loaded when
 * missing or incomplete. `log` receives progress lines.
 */
export async function scaleDataset({ scale = 1, log = console.log } = {}) {
  const name = scale === 1 ? 'switchboard_scale' : `switchboard_scale_${String(scale).replace('.', '_')}`;
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  const dbUrl = url.toString();
  const sizes = scaleSizes(scale);

  const exists = (await adminQuery(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).length > 0;
  if (exists) {
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    try {
      const [meta] = (await c.query(`SELECT to_regclass('bench_scale_meta') IS NOT NULL AS present`)).rows;
      if (meta.present) {
        const [row] = (await c.query(`SELECT * FROM bench_scale_meta WHERE complete`)).rows;
        if (row) {
          log(`reusing ${name} (loaded ${row.loaded_at.toISOString()}, ${JSON.stringify(row.steps)})`);
          return { url: dbUrl, name, sizes, loadedAt: row.loaded_at, reused: true };
        }
      }
    } finally {
      await c.end();
    }
    log(`${name} is incomplete: dropping it`);
    await adminQuery(`DROP DATABASE ${name} WITH (FORCE)`);
  }

  log(
    `generating ${name}: ${sizes.tickets} tickets, ~${sizes.tickets * 10} messages, ${sizes.contacts} contacts`,
  );
  const timer = stepTimer(log);
  const started = performance.now();
  await adminQuery(`CREATE DATABASE ${name}`);
  await timer.run('schema (the API migrations)', async () => {
    const api = await startApi(dbUrl);
    await api.stop();
  });

  const open = async () => {
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    await c.query(`SET session_replication_role = replica`);
    await c.query(`SET maintenance_work_mem = '1GB'`);
    await c.query(`SET work_mem = '256MB'`);
    await c.query(`SET synchronous_commit = off`);
    // Ids that grow with a counter: kind (2 hex digits) + the counter, laid out like a v4 uuid.
    await c.query(`CREATE FUNCTION pg_temp.scale_id(kind int, n bigint) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
      SELECT (lpad(to_hex(kind), 2, '0') || substr(lpad(to_hex(n), 13, '0'), 1, 6) || '-' ||
              substr(lpad(to_hex(n), 13, '0'), 7, 4) || '-4' || substr(lpad(to_hex(n), 13, '0'), 11, 3) ||
              '-8000-' || lpad(to_hex(kind * 7919 + n % 65536), 12, '0'))::uuid $$`);
    return c;
  };
  const [a, b] = [await open(), await open()];
  try {
    const [{ config }] = (await a.query(`SELECT search_config()::text AS config`)).rows;
    const indexes = await timer.run('drop secondary indexes', async () => {
      const rows = (
        await a.query(
          `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
             FROM pg_index i
            WHERE i.indrelid = ANY($1::regclass[])
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            ORDER BY pg_relation_size(i.indrelid) DESC`,
          [TABLES],
        )
      ).rows;
      for (const r of rows) await a.query(`DROP INDEX ${r.name}`);
      return rows;
    });

    await timer.run('teams, agents, channel accounts, SLA policy', async () => {
      await a.query(
        `INSERT INTO teams (id, name) SELECT pg_temp.scale_id(2, i), 'Team ' || lpad(i::text, 2, '0')
           FROM generate_series(1, ${TEAMS}) i`,
      );
      // Agents log in with the bench admin's password: the same hash.
      await a.query(
        `INSERT INTO users (id, email, name, password_hash, role)
         SELECT pg_temp.scale_id(4, i), 'agent' || i || '@scale.test', 'Agent ' || i,
                (SELECT password_hash FROM users WHERE email = $1), 'agent'
           FROM generate_series(1, ${AGENTS}) i`,
        [ADMIN.email],
      );
      // Agent i is in team ((i - 1) % 20) + 1; every tenth agent also in the next team.
      await a.query(
        `INSERT INTO team_memberships (team_id, user_id)
         SELECT pg_temp.scale_id(2, ((i - 1) % ${TEAMS}) + 1), pg_temp.scale_id(4, i) FROM generate_series(1, ${AGENTS}) i
         UNION ALL
         SELECT pg_temp.scale_id(2, (i % ${TEAMS}) + 1), pg_temp.scale_id(4, i) FROM generate_series(10, ${AGENTS}, 10) i`,
      );
      await a.query(
        `INSERT INTO channel_accounts (id, kind, name, team_id)
         SELECT pg_temp.scale_id(5, n), kind, 'Scale ' || kind, NULL
           FROM unnest(ARRAY['email','chat','whatsapp','sms','messenger','telegram','api']) WITH ORDINALITY AS k(kind, n)`,
      );
      await a.query(
        `INSERT INTO sla_policies (id, name, sort_order, first_response_seconds, next_response_seconds, resolution_seconds, at_risk_share)
         VALUES (pg_temp.scale_id(7, 1), 'Standard', 1, 28800, 28800, 432000, 0.75)`,
      );
    });

    await timer.run('message body pool (parsed once)', async () => {
      const texts = [...bodies(LONG_BODIES, true, 1), ...bodies(SHORT_BODIES, false, 2)];
      await a.query(
        `CREATE UNLOGGED TABLE scale_texts (n int PRIMARY KEY, body text NOT NULL, vec_a tsvector, vec_c tsvector)`,
      );
      await a.query(
        `INSERT INTO scale_texts (n, body, vec_a, vec_c)
         SELECT n - 1, body, setweight(to_tsvector($2::regconfig, body), 'A'), setweight(to_tsvector($2::regconfig, body), 'C')
           FROM unnest($1::text[]) WITH ORDINALITY AS b(body, n)`,
        [texts, config],
      );
    });

    const inRanges = async (total, chunk, label, work) => {
      const ranges = [];
      for (let from = 1; from <= total; from += chunk) ranges.push([from, Math.min(total, from + chunk - 1)]);
      let done = 0;
      const t0 = performance.now();
      await Promise.all(
        [a, b].map(async (client) => {
          for (let r = ranges.shift(); r; r = ranges.shift()) {
            await work(client, r[0], r[1]);
            done += r[1] - r[0] + 1;
            if (ranges.length % 5 === 0)
              log(`    ${label}: ${done}/${total} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
          }
        }),
      );
    };

    await timer.run(`contacts (${sizes.contacts}) and identities`, () =>
      inRanges(sizes.contacts, 250_000, 'contacts', async (c, from, to) => {
        const first = `ARRAY[${FIRST_NAMES.map((n) => `'${n}'`).join(',')}]`;
        const last = `ARRAY[${LAST_NAMES.map((n) => `'${n}'`).join(',')}]`;
        const domains = `ARRAY[${DOMAINS.map((n) => `'${n}'`).join(',')}]`;
        await c.query(
          `INSERT INTO contacts (id, name, created_at, updated_at, language)
           SELECT pg_temp.scale_id(3, i),
                  (${first})[1 + (i * 7) % ${FIRST_NAMES.length}] || ' ' || (${last})[1 + (i * 13) % ${LAST_NAMES.length}],
                  now() - interval '730 days' * (1 - i::float8 / ${sizes.contacts}),
                  now() - interval '730 days' * (1 - i::float8 / ${sizes.contacts}),
                  CASE WHEN i % 3 = 0 THEN 'de' ELSE 'en' END
             FROM generate_series(${from}, ${to}) i`,
        );
        await c.query(
          `INSERT INTO contact_identities (contact_id, kind, address, created_at)
           SELECT pg_temp.scale_id(3, i), 'email',
                  replace(replace(replace(lower((${first})[1 + (i * 7) % ${FIRST_NAMES.length}]), 'ü', 'ue'), 'ö', 'oe'), 'ä', 'ae')
                    || '.' || replace(replace(replace(lower((${last})[1 + (i * 13) % ${LAST_NAMES.length}]), 'ü', 'ue'), 'ö', 'oe'), 'ä', 'ae')
                    || i || '@' || (${domains})[1 + i % ${DOMAINS.length}],
                  now() - interval '2 years'
             FROM generate_series(${from}, ${to}) i
           UNION ALL
           SELECT pg_temp.scale_id(3, i), 'phone', '+49' || (151 + i % 29) || lpad(i::text, 8, '0'), now() - interval '2 years'
             FROM generate_series(${from}, ${to}) i WHERE i % 2 = 0`,
        );
      }),
    );

    const subjects = `ARRAY[${SUBJECTS.map((s) => `'${s.replace(/'/g, "''")}'`).join(',')}]`;
    const tags = `ARRAY[${TAGS.map((s) => `'${s}'`).join(',')}]`;
    await timer.run(`tickets (${sizes.tickets})`, () =>
      inRanges(sizes.tickets, 100_000, 'tickets', async (c, from, to) => {
        await c.query(
          `INSERT INTO tickets (id, number, subject, status, priority, channel, channel_account_id, contact_id,
                                assignee_id, team_id, tags, seq, created_at, updated_at, last_message_at,
                                last_customer_message_at, first_response_at, solved_at, status_changed_at,
                                sla_policy_id, first_response_due_at, next_response_due_at, sla_due_at, spam_at, search_vector)
           SELECT pg_temp.scale_id(1, i), i, s.subject, s.status::ticket_status, s.priority::ticket_priority,
                  s.channel, pg_temp.scale_id(5, s.channel_n), pg_temp.scale_id(3, s.contact_n),
                  CASE WHEN s.unassigned THEN NULL ELSE pg_temp.scale_id(4, s.team_n + ${TEAMS} * s.agent_k) END,
                  pg_temp.scale_id(2, s.team_n), s.tags, CASE WHEN s.status IN ('solved', 'closed') THEN 2 ELSE 1 END,
                  s.created, s.updated, s.updated, s.updated - interval '5 minutes',
                  CASE WHEN s.status <> 'new' THEN s.created + s.r9 * interval '8 hours' END,
                  CASE WHEN s.status IN ('solved', 'closed') THEN s.updated END,
                  s.updated, pg_temp.scale_id(7, 1),
                  s.created + interval '8 hours',
                  CASE WHEN s.status = 'open' THEN s.updated + interval '8 hours' - interval '5 minutes' END,
                  CASE WHEN s.status = 'new' THEN s.created + interval '8 hours'
                       WHEN s.status = 'open' THEN s.updated + interval '8 hours' - interval '5 minutes' END,
                  CASE WHEN s.spam THEN s.created END,
                  ticket_search_vector('${config}'::regconfig, s.subject, s.tags)
             FROM generate_series(${from}, ${to}) i,
             LATERAL (
               SELECT r.*, now() - r.age * interval '1 day' AS created,
                      now() - r.age * interval '1 day'
                        + (CASE WHEN r.status IN ('solved', 'closed') THEN least(r.age, 10) ELSE r.age END) * r.r8 * interval '1 day' AS updated
                 FROM (
                   SELECT q.*,
                          CASE WHEN q.age < 45 THEN
                                 CASE WHEN q.r1 < .10 THEN 'new' WHEN q.r1 < .40 THEN 'open' WHEN q.r1 < .55 THEN 'pending'
                                      WHEN q.r1 < .60 THEN 'on_hold' WHEN q.r1 < .85 THEN 'solved' ELSE 'closed' END
                               ELSE
                                 CASE WHEN q.r1 < .02 THEN 'open' WHEN q.r1 < .04 THEN 'pending'
                                      WHEN q.r1 < .05 THEN 'on_hold' WHEN q.r1 < .35 THEN 'solved' ELSE 'closed' END
                          END AS status,
                          CASE WHEN q.r2 < .45 THEN 1 WHEN q.r2 < .65 THEN 2 WHEN q.r2 < .77 THEN 3 WHEN q.r2 < .85 THEN 4
                               WHEN q.r2 < .91 THEN 5 WHEN q.r2 < .95 THEN 6 ELSE 7 END AS channel_n,
                          CASE WHEN q.r5 < .15 THEN 'low' WHEN q.r5 < .75 THEN 'normal' WHEN q.r5 < .93 THEN 'high' ELSE 'urgent' END AS priority,
                          CASE WHEN q.r6 < .05 THEN ARRAY[(${tags})[1 + (i * 7) % ${TAGS.length}], (${tags})[1 + (i * 11) % ${TAGS.length}]]
                               WHEN q.r6 < .30 THEN ARRAY[(${tags})[1 + (i * 7) % ${TAGS.length}]]
                               ELSE '{}'::text[] END AS tags,
                          (${subjects})[1 + floor(q.r7 * ${SUBJECTS.length})::int]
                            || CASE WHEN i % 10 < 3 THEN ' (order ' || (100000 + i % 900000) || ')' ELSE '' END AS subject,
                          1 + floor(q.r3 * ${TEAMS})::int AS team_n,
                          floor(q.r4 * 10)::int AS agent_k,
                          q.r11 < .2 AS unassigned,
                          1 + floor(q.r10 * ${sizes.contacts})::int AS contact_n,
                          q.r12 < .003 AS spam,
                          (ARRAY['email','chat','whatsapp','sms','messenger','telegram','api'])[
                            CASE WHEN q.r2 < .45 THEN 1 WHEN q.r2 < .65 THEN 2 WHEN q.r2 < .77 THEN 3 WHEN q.r2 < .85 THEN 4
                                 WHEN q.r2 < .91 THEN 5 WHEN q.r2 < .95 THEN 6 ELSE 7 END] AS channel
                     FROM (SELECT 730 * random() + i * 0 AS age, random() AS r1, random() AS r2, random() AS r3,
                                  random() AS r4, random() AS r5, random() AS r6, random() AS r7, random() AS r8,
                                  random() AS r9, random() AS r10, random() AS r11, random() AS r12) q
                 ) r
             ) s`,
        );
      }),
    );
    await a.query(`SELECT setval('ticket_number_seq', (SELECT max(number) FROM tickets))`);

    await timer.run('messages (2–18 per ticket)', () =>
      inRanges(sizes.tickets, 20_000, 'tickets with messages', async (c, from, to) => {
        // Message k of n: customer and agent take turns, every eleventh agent turn is a note; an email
        // quotes the message before it (the vector's weight C, as message_search_vector writes it).
        await c.query(
          `INSERT INTO messages (id, ticket_id, direction, kind, channel, channel_account_id, author_id, text, meta,
                                 delivery_state, created_at, sent_at, search_vector)
           SELECT pg_temp.scale_id(6, t.number * 32 + m.k), t.id,
                  m.direction::message_direction, m.kind::message_kind, t.channel, t.channel_account_id,
                  CASE WHEN m.direction = 'out' THEN COALESCE(t.assignee_id, pg_temp.scale_id(4, 1 + t.number % ${AGENTS})) END,
                  b.body,
                  CASE WHEN q.body IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('elidedText', q.body) END,
                  CASE WHEN m.direction = 'out' AND m.kind = 'message' THEN 'delivered'::delivery_state END,
                  m.at, CASE WHEN m.direction = 'out' THEN m.at END,
                  CASE WHEN q.body IS NULL THEN b.vec_a ELSE b.vec_a || q.vec_c END
             FROM tickets t
             CROSS JOIN LATERAL (
               SELECT k, CASE WHEN k % 2 = 0 THEN 'in' ELSE 'out' END AS direction,
                      CASE WHEN k % 2 = 1 AND (t.number + k) % 11 = 0 THEN 'note' ELSE 'message' END AS kind,
                      t.created_at + (t.updated_at - t.created_at) * k / (2 + t.number * 7919 % 17) AS at,
                      CASE WHEN t.channel = 'email' THEN (t.number * 31 + k * 7) % ${LONG_BODIES}
                           ELSE ${LONG_BODIES} + (t.number * 31 + k * 7) % ${SHORT_BODIES} END AS body_n,
                      CASE WHEN t.channel = 'email' AND k > 0 AND (t.number + k) % 3 <> 0
                           THEN (t.number * 31 + (k - 1) * 7) % ${LONG_BODIES} END AS quoted_n
                 FROM generate_series(0, 1 + t.number * 7919 % 17) k
             ) m
             JOIN scale_texts b ON b.n = m.body_n
             LEFT JOIN scale_texts q ON q.n = m.quoted_n
            WHERE t.number BETWEEN ${from} AND ${to}`,
        );
      }),
    );

    await timer.run('events and SLA state', () =>
      inRanges(sizes.tickets, 250_000, 'events', async (c, from, to) => {
        await c.query(
          `INSERT INTO ticket_events (ticket_id, seq, type, actor_id, data, created_at)
           SELECT id, 1, 'created', NULL, jsonb_build_object('channel', channel, 'startedBy', 'customer'), created_at
             FROM tickets WHERE number BETWEEN ${from} AND ${to}
           UNION ALL
           SELECT id, 2, 'status_changed', assignee_id, jsonb_build_object('from', 'open', 'to', status), updated_at
             FROM tickets WHERE number BETWEEN ${from} AND ${to} AND status IN ('solved', 'closed')`,
        );
        // Running clocks: the first response of new tickets, the next response of open ones. A clock
        // due in the future is scheduled for the sweeper; an overdue one was breached already.
        await c.query(
          `INSERT INTO sla_clock_entries (ticket_id, metric, action, reason, at, policy_id)
           SELECT id, 'first_response'::sla_metric, 'start'::sla_clock_action, 'ticket created: waiting for a first reply', created_at, sla_policy_id
             FROM tickets WHERE number BETWEEN ${from} AND ${to}
           UNION ALL
           SELECT id, 'first_response'::sla_metric, 'stop'::sla_clock_action, 'first reply sent', first_response_at, sla_policy_id
             FROM tickets WHERE number BETWEEN ${from} AND ${to} AND first_response_at IS NOT NULL`,
        );
        await c.query(
          `INSERT INTO ticket_sla_state (ticket_id, next_check_at, first_response_breached_at, breached_at)
           SELECT id, CASE WHEN sla_due_at > now() THEN sla_due_at END,
                  CASE WHEN sla_due_at <= now() AND status = 'new' THEN sla_due_at END,
                  CASE WHEN sla_due_at <= now() THEN sla_due_at END
             FROM tickets WHERE number BETWEEN ${from} AND ${to} AND sla_due_at IS NOT NULL`,
        );
      }),
    );

    await timer.run(`build ${indexes.length} indexes`, async () => {
      const queue = [...indexes];
      await Promise.all(
        [a, b].map(async (client) => {
          for (let ix = queue.shift(); ix; ix = queue.shift()) {
            const t0 = performance.now();
            await client.query(ix.definition);
            const s = (performance.now() - t0) / 1000;
            if (s > 5) log(`    ${ix.name}: ${s.toFixed(0)} s`);
          }
        }),
      );
    });

    await timer.run('rollups, VACUUM ANALYZE, CHECKPOINT', async () => {
      const rebuilds = (
        await a.query(
          `SELECT p.proname FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
              AND p.proname LIKE 'report\\_%\\_rebuild' AND p.pronargs = 0`,
        )
      ).rows;
      for (const r of rebuilds) await a.query(`SELECT ${r.proname}()`);
      await a.query(`DROP TABLE scale_texts`);
      await Promise.all([
        a.query(`VACUUM (ANALYZE) messages`),
        (async () => {
          for (const t of [
            'tickets',
            'contacts',
            'contact_identities',
            'ticket_events',
            'sla_clock_entries',
            'ticket_sla_state',
          ])
            await b.query(`VACUUM (ANALYZE) ${t}`);
        })(),
      ]);
      await a.query(`ANALYZE`);
      await a.query(`CHECKPOINT`);
    });

    // The vectors written by the load are the ones the trigger would have written.
    const [check] = (
      await a.query(
        `SELECT count(*) FILTER (WHERE search_vector IS DISTINCT FROM message_search_vector(search_config(), text, meta))::int AS wrong,
                count(*)::int AS checked
           FROM (SELECT * FROM messages TABLESAMPLE SYSTEM (0.1) LIMIT 2000) m`,
      )
    ).rows;
    if (check.wrong)
      throw new Error(`${check.wrong} of ${check.checked} sampled message vectors differ from the trigger's`);

    const [counts] = (
      await a.query(
        `SELECT (SELECT count(*) FROM tickets)::int AS tickets, (SELECT count(*) FROM messages)::int AS messages,
                (SELECT count(*) FROM contacts)::int AS contacts, (SELECT count(*) FROM contact_identities)::int AS identities,
                (SELECT count(*) FROM ticket_events)::int AS events,
                (SELECT count(*) FROM tickets WHERE status NOT IN ('solved', 'closed'))::int AS active,
                pg_size_pretty(pg_database_size(current_database())) AS size`,
      )
    ).rows;
    const total = Math.round((performance.now() - started) / 100) / 10;
    await a.query(
      `CREATE TABLE bench_scale_meta (complete boolean NOT NULL, scale real NOT NULL, loaded_at timestamptz NOT NULL,
                                      steps jsonb NOT NULL, counts jsonb NOT NULL)`,
    );
    await a.query(`INSERT INTO bench_scale_meta VALUES (true, $1, now(), $2, $3)`, [
      scale,
      JSON.stringify({ ...timer.steps, total }),
      JSON.stringify(counts),
    ]);
    log(
      `generated ${name} in ${total} s: ${JSON.stringify(counts)} (vectors checked on ${check.checked} messages)`,
    );
    return { url: dbUrl, name, sizes, loadedAt: new Date(), reused: false };
  } finally {
    await a.end();
    await b.end();
  }
}

// `node bench/lib/scale-dataset.mjs` generates (or finds) the data set for SCALE (default 1).
if (import.meta.url === `file://${process.argv[1]}`) {
  await scaleDataset({ scale: Number(process.env.SCALE ?? 1) });
}
