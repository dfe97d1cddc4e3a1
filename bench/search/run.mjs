// bench/search: full-text search of tickets on a generated workspace. Loads, by generate_series,
// tickets over two years with messages of realistic length in English and German (the search
// vectors come from the production triggers), contacts with an email address and a phone number,
// 20 teams; then, over HTTP against the built API (sequential requests, warm), 200 realistic
// queries as an admin and 200 as an agent of one team, and prints p50/p95 per kind of query and
// over all (target p95 < 100 ms at 1M tickets / 10M messages).
// Usage: npx nx run api:build && node bench/search/run.mjs [tickets=100000] [messagesPerTicket=3] [--keep]
//   BENCH_DATABASE_URL=<url of a kept database>  measure again without loading
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import { createDatabase, fmt, percentile, postJson, startApi } from '../lib/harness.mjs';

const args = process.argv.slice(2);
const numbers = args.filter((a) => !a.startsWith('--')).map(Number);
const TICKETS = numbers[0] ?? 100_000;
const MESSAGES_PER_TICKET = numbers[1] ?? 3;
const CONTACTS = Math.max(1000, Math.floor(TICKETS / 2));
const TEAMS = 20;
const ROUNDS = 200;
const KEEP = args.includes('--keep');

const WORDS = (
  'order invoice refund delivery parcel account password login error payment charged twice ' +
  'subscription cancel upgrade printer broken screen battery warranty replacement address change ' +
  'shipping tracking number delayed damaged missing item return label thanks please help urgent ' +
  'Bestellung Rechnung Rückerstattung Lieferung Paket Konto Passwort Fehler Zahlung doppelt ' +
  'Abonnement kündigen Drucker kaputt Bildschirm Akku Garantie Ersatz Adresse Versand Sendung ' +
  'verspätet beschädigt fehlt Rücksendung danke bitte dringend Kundennummer Termin Techniker ' +
  'the a and is not my your we you it was for with on at from this that have has ' +
  'Kranichfeld Walrossbart quokka zebrafinch Gabelstapler Fernwärme Wasserschaden Lieferschein'
).split(' ');
const RARE = [
  'Kranichfeld',
  'Walrossbart',
  'quokka',
  'zebrafinch',
  'Gabelstapler',
  'Fernwärme',
  'Wasserschaden',
  'Lieferschein',
];
const sqlWords = `(ARRAY[${WORDS.map((w) => `'${w}'`).join(',')}])`;
// Rare words appear in about one message in a thousand: the common ones fill the rest.
const COMMON = WORDS.length - RARE.length;
const word = `CASE WHEN random() < 0.001 THEN ${sqlWords}[${COMMON + 1} + floor(random() * ${RARE.length})::int]
                   ELSE ${sqlWords}[1 + floor(random() * ${COMMON})::int] END`;

const reuse = process.env.BENCH_DATABASE_URL;
const db = reuse ? { url: reuse, drop: async () => undefined } : await createDatabase();
const api = await startApi(db.url); // runs the migrations
const client = new pg.Client({ connectionString: db.url });
await client.connect();
const q = (text, params) => client.query(text, params);
const step = async (label, work) => {
  const t0 = performance.now();
  await work();
  console.log(`  ${label.padEnd(52)} ${fmt((performance.now() - t0) / 1000)} s`);
};
const agentEmail = 'agent@bench.local';

async function load() {
  // The search indexes are built once after the load, as a restore would: the vectors themselves
  // are still written row by row by the triggers.
  const INDEXES = [
    'ix_messages_search_week',
    'ix_tickets_search',
    'ix_contacts_name_fold_trgm',
    'ix_contacts_name_trgm',
    'ix_contact_identities_address_trgm',
    'ix_contact_identities_digits_trgm',
  ];
  const definitions = (
    await q(`SELECT indexdef FROM pg_indexes WHERE indexname = ANY($1)`, [INDEXES])
  ).rows.map((r) => r.indexdef);
  await q(`DROP INDEX ${INDEXES.join(', ')}`);
  await q(
    `INSERT INTO teams (name) SELECT 'Team ' || lpad(i::text, 2, '0') FROM generate_series(1, ${TEAMS}) i`,
  );
  const team = (await q(`SELECT id FROM teams ORDER BY name LIMIT 1`)).rows[0].id;
  await postJson(
    `${api.url}/api/admin/users`,
    { email: agentEmail, name: 'Agent', password: 'bench-password-123', role: 'agent', teamIds: [team] },
    { authorization: `Bearer ${api.token}` },
  );
  const account = (
    await q(`INSERT INTO channel_accounts (kind, name) VALUES ('email', 'Bench mail') RETURNING id`)
  ).rows[0].id;
  await step(`${CONTACTS} contacts, an email and a phone each`, async () => {
    await q(`INSERT INTO contacts (id, name)
             SELECT md5('c' || i)::uuid, 'Kunde ' || i || ' ' || (ARRAY['Müller','Schmidt','Smith','Jones','Weber'])[1 + i % 5]
               FROM generate_series(1, ${CONTACTS}) i`);
    await q(`INSERT INTO contact_identities (contact_id, kind, address)
             SELECT md5('c' || i)::uuid, k.kind,
                    CASE k.kind WHEN 'email' THEN 'customer' || i || '@example' || (i % 100) || '.test'
                                ELSE '+49170' || lpad(i::text, 7, '0') END
               FROM generate_series(1, ${CONTACTS}) i, (VALUES ('email'), ('phone')) k(kind)`);
  });
  await step(`${TICKETS} tickets over two years`, () =>
    q(`WITH teams_n AS (SELECT array_agg(id ORDER BY name) AS ids FROM teams)
       INSERT INTO tickets (subject, status, channel, channel_account_id, contact_id, team_id, created_at, updated_at)
       SELECT ${sqlWords}[1 + (i * 7) % ${COMMON}] || ' ' || ${sqlWords}[1 + (i * 13) % ${COMMON}],
              (ARRAY['open','pending','solved','solved','closed'])[1 + i % 5]::ticket_status, 'email', '${account}',
              md5('c' || (1 + i % ${CONTACTS}))::uuid, teams_n.ids[1 + i % ${TEAMS}],
              now() - i * interval '10 minutes', now() - i * interval '10 minutes'
         FROM generate_series(1, ${TICKETS}) i, teams_n`),
  );
  await step(`${TICKETS * MESSAGES_PER_TICKET} messages, 10-120 words`, () =>
    q(`INSERT INTO messages (ticket_id, direction, channel, channel_account_id, text, meta, created_at)
       SELECT t.id, CASE WHEN m % 2 = 1 THEN 'in' ELSE 'out' END::message_direction, 'email', t.channel_account_id,
              (SELECT string_agg(${word}, ' ') FROM generate_series(1, 10 + (t.number * 7 + m) % 110)),
              CASE WHEN m > 1 THEN jsonb_build_object('elidedText',
                (SELECT '> ' || string_agg(${word}, ' ') FROM generate_series(1, 30 + m * 0))) ELSE '{}' END,
              t.created_at + m * interval '1 minute'
         FROM tickets t, generate_series(1, ${MESSAGES_PER_TICKET}) m`),
  );
  await step('search indexes (GIN and trigram)', async () => {
    for (const definition of definitions) await q(definition);
  });
  await step('ANALYZE', () => q('ANALYZE'));
}

const busyness = () =>
  `load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')} on ${cpus().length} cores`;
console.log(
  `bench/search  tickets=${TICKETS} messages=${TICKETS * MESSAGES_PER_TICKET} contacts=${CONTACTS}  (${busyness()})`,
);
try {
  if (!reuse) await load();
  const agentToken = (
    await postJson(`${api.url}/api/auth/login`, { email: agentEmail, password: 'bench-password-123' })
  ).body.token;
  const [range] = (await q(`SELECT min(number)::int AS low, max(number)::int AS high FROM tickets`)).rows;
  const pick = (k) => 1 + ((k * 104_729 + 12_345) % CONTACTS);
  const kinds = {
    'one common word': (k) => WORDS[k % 40],
    'two common words': (k) => `${WORDS[k % 40]} ${WORDS[(k * 7 + 3) % 40]}`,
    'a rare word': (k) => RARE[k % RARE.length],
    'German word without umlaut': (k) =>
      ['Ruckerstattung', 'kundigen', 'Rucksendung', 'verspatet', 'beschadigt'][k % 5],
    'a quoted phrase': (k) => `"${WORDS[k % 40]} ${WORDS[(k + 1) % 40]}"`,
    'phone number with spaces': (k) =>
      `0170 ${String(pick(k))
        .padStart(7, '0')
        .replace(/(\d{3})(\d{4})/, '$1 $2')}`,
    'part of an address': (k) => `customer${pick(k)}@`,
    'part of a name': (k) => `Kunde ${pick(k)} ${['Mull', 'Schmi', 'Smit', 'Jone', 'Webe'][pick(k) % 5]}`,
    'a ticket number': (k) => `#${range.low + ((k * 7919) % (range.high - range.low + 1))}`,
  };
  const names = Object.keys(kinds);
  const queryOf = (k) => kinds[names[k % names.length]](Math.floor(k / names.length));
  const time = async (token, texts) => {
    const latencies = [];
    for (const text of texts) {
      const t0 = performance.now();
      const res = await fetch(`${api.url}/api/search?q=${encodeURIComponent(text)}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = await res.json();
      latencies.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`${text}: ${res.status} ${JSON.stringify(body)}`);
    }
    return latencies;
  };
  const report = (label, latencies, target) =>
    console.log(
      `  ${label.padEnd(44)} p50 ${fmt(percentile(latencies, 50))} ms  p95 ${fmt(percentile(latencies, 95))} ms${target ? `  (target < ${target} ms)` : ''}`,
    );

  // Warm the caches and the pool, as a running helpdesk is.
  await time(
    api.token,
    Array.from({ length: 40 }, (_, k) => queryOf(k + 500)),
  );
  for (const [who, token] of [
    ['admin', api.token],
    ['agent (1 of 20 teams)', agentToken],
  ]) {
    const all = [];
    const byKind = Object.fromEntries(names.map((n) => [n, []]));
    for (let k = 0; k < ROUNDS; k++) {
      const [latency] = await time(token, [queryOf(k)]);
      all.push(latency);
      byKind[names[k % names.length]].push(latency);
    }
    console.log(`search as ${who} (${ROUNDS} queries, sequential; ${busyness()})`);
    for (const name of names) report(name, byKind[name]);
    report('all queries', all, 100);
  }
} finally {
  await client.end();
  await api.stop();
  if (KEEP) console.log(`database kept: ${db.url}`);
  else await db.drop();
}
