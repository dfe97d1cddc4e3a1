import { jest } from '@jest/globals';
import { startTestApp, type TestApp } from '../../test-support/test-app.js';

jest.setTimeout(240_000);

const TICKETS = 100_000;
const MESSAGES_PER_TICKET = 1;
const CONTACTS = 20_000;
const TEAMS = 20;
const AGENTS = 200;

/** Words of realistic support mail, English and German, to build subjects and bodies from. */
const WORDS = (
  'order invoice refund delivery parcel account password login error payment charged twice ' +
  'subscription cancel upgrade printer broken screen battery warranty replacement address change ' +
  'shipping tracking number delayed damaged missing item return label thanks please help urgent ' +
  'Bestellung Rechnung Rückerstattung Lieferung Paket Konto Passwort Fehler Zahlung doppelt ' +
  'Abonnement kündigen Drucker kaputt Bildschirm Akku Garantie Ersatz Adresse Versand Sendung ' +
  'verspätet beschädigt fehlt Rücksendung danke bitte dringend Kundennummer Termin Techniker ' +
  'the a and is not my your we you it was for with on at from this that have has'
).split(' ');

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

/**
 * The plans of the queries agents run all day (and of a personal-data export and erasure), on 100,000 tickets, 100,000 messages and 20,000 contacts generated
 * here: each must reach tickets and messages through an index, never by reading the whole table.
 * The SQL is what the API itself sends for a request (recorded from the app's Db), explained with
 * the same parameters after ANALYZE.
 */
describe('query plans at 100,000 tickets', () => {
  let t: TestApp;
  let admin: string;
  let agent: { id: string; token: string };
  let teamId: string;
  let recorded: Array<{ sql: string; params: unknown[] }> = [];
  let query: TestApp['db']['query'];
  let numberOfSomeTicket: number;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    const started = Date.now();
    query = t.db.query.bind(t.db);
    await generateWorkspace(t);
    teamId = (await query<{ id: string }>(`SELECT id FROM teams ORDER BY name LIMIT 1`))[0].id;
    agent = await t.createUser({ email: 'plans@agent.test', teamIds: [teamId] });
    // The agent has open tickets of their own, as agents do.
    await query(
      `UPDATE tickets SET assignee_id = $1 WHERE id IN (SELECT id FROM tickets WHERE team_id = $2 ORDER BY id LIMIT 300)`,
      [agent.id, teamId],
    );
    await query('ANALYZE');
    numberOfSomeTicket = Number(
      (await query<{ number: string }>(`SELECT number FROM tickets ORDER BY id LIMIT 1 OFFSET 777`))[0]
        .number,
    );
    console.log(`generated ${TICKETS} tickets in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    t.db.query = (async (sql: string, params: unknown[] = []) => {
      recorded.push({ sql, params });
      return query(sql, params);
    }) as TestApp['db']['query'];
    // Statements inside a transaction are recorded too (the sidebar's mention count runs in one).
    const tx = t.db.tx.bind(t.db);
    t.db.tx = ((work: (sql: { query: TestApp['db']['query'] }) => Promise<unknown>) =>
      tx((inner) =>
        work({
          query: (async (sql: string, params: unknown[] = []) => {
            recorded.push({ sql, params });
            return inner.query(sql, params);
          }) as TestApp['db']['query'],
        }),
      )) as TestApp['db']['tx'];
  });

  afterAll(async () => {
    await t?.close();
  });

  /** The plans of the SELECTs on tickets or messages that one API request ran. */
  async function plansOf(
    token: string,
    path: string,
    method: 'GET' | 'DELETE' = 'GET',
  ): Promise<PlanNode[][]> {
    recorded = [];
    const res = await t.request(method, path, { token });
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
    const reads = recorded.filter(
      (r) => /^\s*(WITH|SELECT)\b/i.test(r.sql) && /\b(tickets|messages)\b/.test(r.sql),
    );
    expect(reads.length).toBeGreaterThan(0);
    const plans: PlanNode[][] = [];
    for (const read of reads) {
      const [row] = await query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
        `EXPLAIN (FORMAT JSON) ${read.sql}`,
        read.params,
      );
      plans.push(nodesOf(row['QUERY PLAN'][0].Plan));
    }
    return plans;
  }

  const seqScans = (nodes: PlanNode[]) =>
    nodes
      .filter((n) => n['Node Type'] === 'Seq Scan' && /^(tickets|messages)$/.test(n['Relation Name'] ?? ''))
      .map((n) => n['Relation Name']);
  /** The sequential scans of a plan; when there are any, the whole plan's shape, to see why. */
  const planCheck = (url: string, nodes: PlanNode[]) => {
    const scans = seqScans(nodes);
    if (!scans.length) return { url, seqScans: scans };
    const plan = nodes.map((n) =>
      [n['Node Type'], n['Relation Name'], n['Index Name']].filter(Boolean).join(' '),
    );
    return { url, seqScans: scans, plan };
  };
  const indexesUsed = (nodes: PlanNode[]) =>
    nodes.filter((n) => n['Index Name']).map((n) => n['Index Name'] as string);

  const queues: Array<[string, 'agent' | 'admin', string]> = [
    ['Mine', 'agent', '/api/tickets?assigneeId=me&status=active&limit=50'],
    ['Unassigned', 'agent', '/api/tickets?assigneeId=none&status=active&limit=50'],
    ['a team', 'agent', 'TEAM'],
    ['everything the agent sees', 'agent', '/api/tickets?status=active&limit=50'],
    ['All (admin)', 'admin', '/api/tickets?status=active&limit=50'],
    ['any status (admin)', 'admin', '/api/tickets?limit=50'],
    ['Pending', 'agent', '/api/tickets?status=pending&limit=50'],
    ['team + channel + priority', 'admin', 'TEAM&channel=email&priority=high'],
    [
      'status + channel + priority + tag',
      'admin',
      '/api/tickets?status=open&channel=sms&priority=urgent&tag=vip&limit=50',
    ],
  ];

  // Each queue in both orders: by last activity and by SLA due time.
  const bothSorts = queues.flatMap(([name, who, path]): Array<[string, 'agent' | 'admin', string]> => [
    [name, who, path],
    [`${name}, by SLA due`, who, `${path}&sort=due`],
  ]);

  it.each(bothSorts)('queue list "%s" (%s) reads tickets by index', async (_name, who, path) => {
    const url = path.replace(/^TEAM/, `/api/tickets?teamId=${teamId}&status=active&limit=50`);
    const token = who === 'agent' ? agent.token : admin;
    for (const nodes of await plansOf(token, url)) {
      expect(planCheck(url, nodes)).toEqual({ url, seqScans: [] });
      expect(indexesUsed(nodes).length).toBeGreaterThan(0);
    }
  });

  it.each(['updated', 'due'])(
    'the second page of a queue sorted by %s (keyset cursor) reads tickets by index',
    async (sort) => {
      for (const [token, queue] of [
        [agent.token, `/api/tickets?status=active&sort=${sort}&limit=50`],
        [admin, `/api/tickets?sort=${sort}&limit=50`],
        [admin, `/api/tickets?assigneeId=none&status=active&sort=${sort}&limit=50`],
      ]) {
        const first = await t.request('GET', queue, { token });
        expect(first.body.nextCursor).toEqual(expect.any(String));
        const url = `${queue}&cursor=${first.body.nextCursor}`;
        for (const nodes of await plansOf(token, url)) {
          expect(planCheck(url, nodes)).toEqual({ url, seqScans: [] });
          expect(indexesUsed(nodes).length).toBeGreaterThan(0);
        }
      }
    },
  );

  it('the sidebar counts read no ticket, only the counters and the notes that mention the agent', async () => {
    for (const token of [agent.token, admin]) {
      const plans = await plansOf(token, '/api/queues/counts');
      for (const nodes of plans)
        expect(planCheck('/api/queues/counts', nodes)).toEqual({ url: '/api/queues/counts', seqScans: [] });
    }
  });

  it('a contact’s personal data is exported and erased without reading every message', async () => {
    const [one, other] = await query<{ contact_id: string }>(
      `SELECT DISTINCT contact_id FROM tickets ORDER BY contact_id LIMIT 2 OFFSET 555`,
    );
    const exportUrl = `/api/contacts/${one.contact_id}/export`;
    for (const nodes of await plansOf(admin, exportUrl))
      expect(planCheck(exportUrl, nodes)).toEqual({ url: exportUrl, seqScans: [] });
    const eraseUrl = `/api/contacts/${other.contact_id}?erase=true`;
    for (const nodes of await plansOf(admin, eraseUrl, 'DELETE'))
      expect(planCheck(eraseUrl, nodes)).toEqual({ url: eraseUrl, seqScans: [] });
    // Before an identity row goes, PostgreSQL checks that no message still names it, with this query.
    const [identity] = await query<{ id: string }>(
      `SELECT id FROM contact_identities WHERE contact_id = $1 LIMIT 1`,
      [one.contact_id],
    );
    const [row] = await query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
      `EXPLAIN (FORMAT JSON) SELECT 1 FROM ONLY messages x WHERE identity_id OPERATOR(pg_catalog.=) $1 FOR KEY SHARE OF x`,
      [identity.id],
    );
    expect(seqScans(nodesOf(row['QUERY PLAN'][0].Plan))).toEqual([]);
  });

  const searches: Array<[string, () => string]> = [
    ['a common word', () => 'refund'],
    ['two words', () => 'Drucker kaputt'],
    ['a German word without its umlaut', () => 'Ruckerstattung'],
    ['a phone number with spaces', () => '+49 170 0000 123'],
    ['part of an address', () => 'customer123@'],
    ['part of a name', () => 'Kunde 4217'],
    ['a ticket number', () => `#${numberOfSomeTicket}`],
  ];

  it.each(searches)(
    'search for %s reads tickets and messages by index, for agents and admins',
    async (_name, q) => {
      for (const token of [agent.token, admin]) {
        const url = `/api/search?q=${encodeURIComponent(q())}`;
        const plans = await plansOf(token, url);
        for (const nodes of plans) {
          expect(planCheck(url, nodes)).toEqual({ url, seqScans: [] });
          expect(indexesUsed(nodes).length).toBeGreaterThan(0);
        }
      }
    },
  );

  it('search finds what the generated data holds, only in the agent’s team', async () => {
    const res = await t.request('GET', '/api/search?q=refund&limit=50', { token: agent.token });
    expect(res.body.items.length).toBe(50);
    for (const item of res.body.items)
      expect(item.ticket.teamId === teamId || item.ticket.assigneeId === agent.id).toBe(true);
    const phone = await t.request('GET', `/api/search?q=${encodeURIComponent('+49 170 0000 123')}`, {
      token: admin,
    });
    expect(phone.body.items.length).toBeGreaterThan(0);
    expect(phone.body.items[0].matchedIn).toBe('contact');
  });
});

/**
 * A workspace of TEAMS teams, AGENTS agents, CONTACTS contacts (an email address and a phone
 * number each), TICKETS tickets over two years in every status, channel and priority, and
 * MESSAGES_PER_TICKET messages each, with text drawn from WORDS. Inserted with generate_series, so
 * the search vectors come from the same triggers as in production.
 */
async function generateWorkspace(t: TestApp): Promise<void> {
  const sql = t.db.query.bind(t.db);
  await sql(
    `INSERT INTO teams (name) SELECT 'Team ' || lpad(i::text, 2, '0') FROM generate_series(1, ${TEAMS}) i`,
  );
  await sql(
    `INSERT INTO users (email, name, password_hash, role)
     SELECT 'agent' || i || '@scale.test', 'Agent ' || i, 'not-a-login', 'agent' FROM generate_series(1, ${AGENTS}) i`,
  );
  await sql(
    `INSERT INTO team_memberships (team_id, user_id)
     SELECT (SELECT id FROM teams ORDER BY name OFFSET (u.n % ${TEAMS}) LIMIT 1), u.id
       FROM (SELECT id, row_number() OVER (ORDER BY email) AS n FROM users WHERE email LIKE '%@scale.test') u`,
  );
  const [{ id: accountId }] = await sql<{ id: string }>(
    `INSERT INTO channel_accounts (kind, name) VALUES ('email', 'Scale mail') RETURNING id`,
  );
  await sql(
    `INSERT INTO contacts (name) SELECT 'Kunde ' || i || ' ' || (ARRAY['Müller','Schmidt','Smith','Jones','Weber'])[1 + i % 5]
       FROM generate_series(1, ${CONTACTS}) i`,
  );
  await sql(
    `INSERT INTO contact_identities (contact_id, kind, address)
     SELECT id, 'email', 'customer' || n || '@example' || (n % 100) || '.test'
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM contacts) c
     UNION ALL
     SELECT id, 'phone', '+49170' || lpad(n::text, 7, '0')
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM contacts) c`,
  );
  const words = `ARRAY[${WORDS.map((w) => `'${w}'`).join(',')}]`;
  await sql(
    `WITH teams_n AS (SELECT array_agg(id ORDER BY name) AS ids FROM teams),
          agents_n AS (SELECT array_agg(id ORDER BY email) AS ids FROM users WHERE email LIKE '%@scale.test'),
          contacts_n AS (SELECT array_agg(id ORDER BY id) AS ids FROM contacts),
          rows AS (
            SELECT i, now() - (random() * interval '730 days') AS created FROM generate_series(1, ${TICKETS}) i)
     INSERT INTO tickets (subject, status, priority, channel, channel_account_id, contact_id, assignee_id,
                          team_id, tags, created_at, updated_at, last_message_at, sla_due_at)
     SELECT (${words})[1 + (i * 7) % ${WORDS.length}] || ' ' || (${words})[1 + (i * 13) % ${WORDS.length}],
            s.status::ticket_status,
            (ARRAY['low','normal','normal','normal','high','urgent'])[1 + i % 6]::ticket_priority,
            (ARRAY['email','sms','whatsapp','chat','api','telegram','messenger'])[1 + i % 7],
            '${accountId}',
            contacts_n.ids[1 + i % ${CONTACTS}],
            CASE WHEN i % 10 < 3 THEN NULL ELSE agents_n.ids[1 + i % ${AGENTS}] END,
            teams_n.ids[1 + i % ${TEAMS}],
            CASE WHEN i % 100 = 0 THEN ARRAY['vip'] WHEN i % 10 = 0 THEN ARRAY['billing'] ELSE '{}' END,
            rows.created,
            rows.created + random() * (now() - rows.created),
            rows.created,
            CASE WHEN s.status IN ('new', 'open') THEN now() + random() * interval '3 days' END
       FROM rows, teams_n, agents_n, contacts_n,
            LATERAL (SELECT (ARRAY['new','open','open','open','pending','pending','on_hold','solved','solved',
                                   'solved','solved','solved','solved','closed','closed','closed','closed',
                                   'closed','closed','closed'])[1 + (i * 31) % 20] AS status) s`,
  );
  // One CREATE INDEX sorts all entries at once, many times faster than 100,000 inserts into the
  // search index one by one; the index it builds is the same (same definition, read back here).
  const [{ definition }] = await sql<{ definition: string }>(
    `SELECT pg_get_indexdef('ix_messages_search_week'::regclass) AS definition`,
  );
  await sql(`DROP INDEX ix_messages_search_week`);
  // A customer's message names the identity it came from, as ingest stores it.
  await sql(
    `INSERT INTO messages (ticket_id, direction, kind, channel, channel_account_id, identity_id, text, created_at)
     SELECT t.id, CASE WHEN t.number % 3 = 0 THEN 'out' ELSE 'in' END::message_direction,
            CASE WHEN t.number % 10 = 0 THEN 'note' ELSE 'message' END::message_kind,
            t.channel, t.channel_account_id,
            CASE WHEN t.number % 3 <> 0 THEN (SELECT i.id FROM contact_identities i
                                               WHERE i.contact_id = t.contact_id AND i.kind = 'email') END,
            (SELECT string_agg((${words})[1 + floor(random() * ${WORDS.length})::int], ' ')
               FROM generate_series(1, 8 + (t.number % 25)::int + m * 0)),
            t.created_at + m * interval '1 hour'
       FROM tickets t, generate_series(1, ${MESSAGES_PER_TICKET}) m`,
  );
  await sql(definition);
}
