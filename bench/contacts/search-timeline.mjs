// bench/contacts: contact search and the cross-channel contact timeline on a large directory.
// Loads 1,000,000 contacts with 3,000,000 identities (email, phone, Telegram handle each) by
// generate_series, plus 100,000 background tickets, and one contact with 500 messages across 20
// tickets on three channels. Then, over HTTP against the built API (sequential requests, warm):
//   - search by partial name and by partial address (email, phone digits) p95  (target < 30 ms)
//   - the same search as an agent, whose results are limited to their teams' tickets
//   - the contact timeline, first and last page of the 500 messages p95        (target < 50 ms)
// Usage: npx tsc -p apps/api/tsconfig.app.json && node bench/contacts/search-timeline.mjs [contacts] [--keep]
//   --keep  leave the database in place and print its URL (for EXPLAIN sessions)
//   BENCH_DATABASE_URL=<url of a kept database>  measure again without loading (~10 min saved)
import { createDatabase, fmt, percentile, startApi, postJson } from '../lib/harness.mjs';
import { cpus, loadavg } from 'node:os';
import pg from 'pg';

const args = process.argv.slice(2);
const CONTACTS = Number(args.find((a) => !a.startsWith('--')) ?? 1_000_000);
const KEEP = args.includes('--keep');
const ROUNDS = 200;
const TIMELINE_TICKETS = 20;
const TIMELINE_MESSAGES = 500;
const BACKGROUND_TICKETS = Math.min(100_000, CONTACTS / 10);

const FIRST = [
  'Ada',
  'Alan',
  'Grace',
  'Linus',
  'Barbara',
  'Ken',
  'Margaret',
  'Dennis',
  'Frances',
  'Edsger',
  'Radia',
  'John',
  'Hedy',
  'Tim',
  'Katherine',
  'Donald',
  'Sophie',
  'Niklaus',
  'Karen',
  'Bjarne',
];
const LAST = [
  'Lovelace',
  'Turing',
  'Hopper',
  'Torvalds',
  'Liskov',
  'Thompson',
  'Hamilton',
  'Ritchie',
  'Allen',
  'Dijkstra',
  'Perlman',
  'Backus',
  'Lamarr',
  'Berners',
  'Johnson',
  'Knuth',
  'Wilson',
  'Wirth',
  'Jones',
  'Stroustrup',
  'Shannon',
  'Church',
  'Kay',
  'Cerf',
  'Kahn',
  'Engelbart',
  'Hoare',
  'Milner',
  'Lamport',
  'Goldwasser',
];
const sqlArray = (xs) => `(ARRAY[${xs.map((x) => `'${x}'`).join(',')}])`;
const firstOf = (i) => FIRST[i % FIRST.length];
const lastOf = (i) => LAST[Math.floor(i / FIRST.length) % LAST.length];

const reuse = process.env.BENCH_DATABASE_URL;
const db = reuse ? { url: reuse, drop: async () => undefined } : await createDatabase();
const api = await startApi(db.url); // runs the migrations
const client = new pg.Client({ connectionString: db.url });
await client.connect();
const q = (text, params) => client.query(text, params);
const step = async (label, work) => {
  const t0 = performance.now();
  await work();
  console.log(`  ${label.padEnd(44)} ${fmt((performance.now() - t0) / 1000)} s`);
};

const agentEmail = 'agent@bench.local';
// The contact with the long history, in the middle of the directory.
const busy = Math.floor(CONTACTS / 2);
const busyId = (await q(`SELECT md5('c' || $1::int)::uuid AS id`, [busy])).rows[0].id;

async function load() {
  // Bulk load without the per-row work of indexes and the organization trigger; indexes are
  // built once afterwards, as a restore would.
  const INDEXES = [
    'ix_contacts_name_trgm',
    'ix_contact_identities_address_trgm',
    'ix_contacts_tags',
    'ix_contacts_created',
    'ix_contact_identities_email_domain',
    'ux_contact_identities_kind_address',
    'ix_contact_identities_contact',
  ];
  const definitions = (
    await q(`SELECT indexdef FROM pg_indexes WHERE indexname = ANY($1)`, [INDEXES])
  ).rows.map((r) => r.indexdef);
  await q(`ALTER TABLE contact_identities DISABLE TRIGGER tr_contact_identity_joins_organization`);
  await q(`DROP INDEX ${INDEXES.join(', ')}`);
  const name = `${sqlArray(FIRST)}[1 + i % ${FIRST.length}] || ' ' || ${sqlArray(LAST)}[1 + (i / ${FIRST.length}) % ${LAST.length}]`;
  await step('contacts (generate_series)', () =>
    q(`INSERT INTO contacts (id, name, tags, created_at, updated_at)
       SELECT md5('c' || i)::uuid, ${name} || ' ' || i, CASE WHEN i % 10 = 0 THEN '{vip}'::text[] ELSE '{}' END,
              now() - i * interval '1 second', now()
         FROM generate_series(1, ${CONTACTS}) i`),
  );
  await step('identities: email, phone, handle', () =>
    q(`INSERT INTO contact_identities (contact_id, kind, address, created_at)
       SELECT md5('c' || i)::uuid, k.kind,
              CASE k.kind
                WHEN 'email' THEN lower(replace(${name}, ' ', '.')) || '.' || i || '@' || ${sqlArray(['example.com', 'mail.example', 'corp.example'])}[1 + i % 3]
                WHEN 'phone' THEN '+1' || (2000000000 + i)::text
                ELSE 'tg_' || i END,
              now() - i * interval '1 second'
         FROM generate_series(1, ${CONTACTS}) i, (VALUES ('email'), ('phone'), ('telegram')) k(kind)`),
  );
  await step('indexes (trigram GIN and b-tree)', async () => {
    for (const def of definitions) await q(def);
  });
  await q(`ALTER TABLE contact_identities ENABLE TRIGGER tr_contact_identity_joins_organization`);

  // Channels, a team with an agent, background tickets, and the contact with a long history.
  const team = (
    await postJson(`${api.url}/api/admin/teams`, { name: 'Bench' }, { authorization: `Bearer ${api.token}` })
  ).body.id;
  await postJson(
    `${api.url}/api/admin/users`,
    { email: agentEmail, name: 'Agent', password: 'bench-password-123', role: 'agent', teamIds: [team] },
    { authorization: `Bearer ${api.token}` },
  );
  const accounts = [];
  for (const kind of ['email', 'twilio_sms', 'web_chat'])
    accounts.push(
      (
        await q(`INSERT INTO channel_accounts (kind, name, team_id) VALUES ($1, $1, $2) RETURNING id`, [
          kind,
          team,
        ])
      ).rows[0].id,
    );
  await step(`${BACKGROUND_TICKETS} background tickets, 4 messages each`, async () => {
    await q(
      `INSERT INTO tickets (subject, status, channel, channel_account_id, contact_id, team_id, created_at, updated_at)
       SELECT 'Background ' || n, 'open', 'email', $1, md5('c' || (1 + (n * 7919) % ${CONTACTS}))::uuid,
              CASE WHEN n % 2 = 0 THEN $2::uuid END, now() - n * interval '1 minute', now() - n * interval '1 minute'
         FROM generate_series(1, ${BACKGROUND_TICKETS}) n`,
      [accounts[0], team],
    );
    await q(
      `INSERT INTO messages (ticket_id, direction, channel, channel_account_id, text, created_at)
       SELECT t.id, CASE WHEN k % 2 = 0 THEN 'in' ELSE 'out' END::message_direction, 'email', t.channel_account_id,
              'Background message ' || k, t.created_at + k * interval '1 minute'
         FROM tickets t, generate_series(1, 4) k`,
    );
  });
  await step(`timeline contact: ${TIMELINE_MESSAGES} messages, ${TIMELINE_TICKETS} tickets`, async () => {
    const kinds = ['email', 'twilio_sms', 'web_chat'];
    for (let n = 0; n < TIMELINE_TICKETS; n++) {
      const [ticket] = (
        await q(
          `INSERT INTO tickets (subject, status, channel, channel_account_id, contact_id, team_id, created_at)
           VALUES ($1, 'open', $2, $3, $4, $5, now() - interval '30 days') RETURNING id`,
          [`Order question ${n}`, kinds[n % 3], accounts[n % 3], busyId, team],
        )
      ).rows;
      // Messages of the 20 tickets interleave in time, as a customer's conversations do.
      await q(
        `INSERT INTO messages (ticket_id, direction, channel, channel_account_id, text, created_at)
         SELECT $1, CASE WHEN k % 2 = 0 THEN 'in' ELSE 'out' END::message_direction, $2, $3,
                repeat('Message ' || k || ' of ticket ' || $4::int || '. ', 8),
                now() - interval '30 days' + (k * ${TIMELINE_TICKETS} + $4::int) * interval '1 minute'
           FROM generate_series(1, ${TIMELINE_MESSAGES / TIMELINE_TICKETS}) k`,
        [ticket.id, kinds[n % 3], accounts[n % 3], n],
      );
    }
  });
  await step('ANALYZE', () => q('ANALYZE'));
}

// Latencies are wall-clock: on a shared machine they include waiting for a core, so say how busy it was.
const busyness = () =>
  `load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')} on ${cpus().length} cores`;
console.log(`bench/contacts  contacts=${CONTACTS} identities=${CONTACTS * 3}  (${busyness()})`);
try {
  if (!reuse) await load();
  const agentToken = (
    await postJson(`${api.url}/api/auth/login`, { email: agentEmail, password: 'bench-password-123' })
  ).body.token;
  const time = async (token, paths) => {
    const latencies = [];
    for (const path of paths) {
      const t0 = performance.now();
      const res = await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      const body = await res.json();
      latencies.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
    }
    return latencies;
  };
  const pick = (k) => 1 + ((k * 104_729 + 12_345) % CONTACTS);
  const search = (text) => `/api/contacts?q=${encodeURIComponent(text)}`;
  const queries = {
    'partial name ("Turing 4242")': (k) => search(`${lastOf(pick(k))} ${pick(k)}`.slice(0, -1)),
    'partial email ("ada.lovelace.4242@")': (k) =>
      search(`${firstOf(pick(k))}.${lastOf(pick(k))}.${pick(k)}@`.toLowerCase()),
    'partial phone ("0004242", 7 digits)': (k) => search(String(2_000_000_000 + pick(k)).slice(3)),
  };
  const report = (label, latencies, target) =>
    console.log(
      `  ${label.padEnd(44)} p50 ${fmt(percentile(latencies, 50))} ms  p95 ${fmt(percentile(latencies, 95))} ms${target ? `  (target < ${target} ms)` : ''}`,
    );

  // Warm the caches and the connection pool first, as a running helpdesk is.
  await time(
    api.token,
    Array.from({ length: 30 }, (_, k) => queries['partial name ("Turing 4242")'](k + 1000)),
  );
  console.log(`search (${ROUNDS} requests each, sequential)`);
  for (const [label, make] of Object.entries(queries))
    report(
      label,
      await time(
        api.token,
        Array.from({ length: ROUNDS }, (_, k) => make(k)),
      ),
      30,
    );
  // The agent's visible contacts are those of their team's tickets: search the busy contact by name part.
  const busyName = `${lastOf(busy)} ${busy}`;
  report(
    'as an agent: partial name of a visible contact',
    await time(
      agentToken,
      Array.from({ length: ROUNDS }, () => search(busyName)),
    ),
    30,
  );
  report(
    'common word alone ("Hopper", ~33k matches)',
    await time(
      api.token,
      Array.from({ length: 50 }, () => search('Hopper')),
    ),
  );
  report(
    'first page, no search (newest contacts)',
    await time(
      api.token,
      Array.from({ length: 50 }, () => '/api/contacts'),
    ),
  );

  console.log(`timeline (${TIMELINE_MESSAGES} messages across ${TIMELINE_TICKETS} tickets, 3 channels)`);
  const first = await time(
    api.token,
    Array.from({ length: ROUNDS }, () => `/api/contacts/${busyId}/timeline`),
  );
  report('first page (50 newest)', first, 50);
  let cursor = null;
  let pages = 0;
  for (;;) {
    const res = await (
      await fetch(`${api.url}/api/contacts/${busyId}/timeline?limit=50${cursor ? `&cursor=${cursor}` : ''}`, {
        headers: { authorization: `Bearer ${api.token}` },
      })
    ).json();
    pages++;
    if (!res.nextCursor) break;
    if (pages === TIMELINE_MESSAGES / 50 - 1) break; // the cursor of the last page
    cursor = res.nextCursor;
  }
  report(
    'last page (after 450 messages)',
    await time(
      api.token,
      Array.from({ length: ROUNDS }, () => `/api/contacts/${busyId}/timeline?limit=50&cursor=${cursor}`),
    ),
    50,
  );
  report(
    'as an agent of the team, first page',
    await time(
      agentToken,
      Array.from({ length: ROUNDS }, () => `/api/contacts/${busyId}/timeline`),
    ),
    50,
  );
  report(
    'all 500 at once (limit=200, 3 pages)',
    await (async () => {
      const latencies = [];
      for (let r = 0; r < 50; r++) {
        const t0 = performance.now();
        let c = null;
        do {
          const res = await (
            await fetch(`${api.url}/api/contacts/${busyId}/timeline?limit=200${c ? `&cursor=${c}` : ''}`, {
              headers: { authorization: `Bearer ${api.token}` },
            })
          ).json();
          c = res.nextCursor;
        } while (c);
        latencies.push(performance.now() - t0);
      }
      return latencies;
    })(),
  );
} finally {
  await client.end();
  await api.stop();
  if (KEEP) console.log(`database kept: ${db.url}`);
  else await db.drop();
}
console.log(`done  (${busyness()})`);
