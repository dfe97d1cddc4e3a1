// bench/routing: ingest through the HTTP API channel into a team with balanced auto-assignment
// over 50 online agents, against a team that assigns by hand (no engine work), on the same
// database in the same run. Every message opens a new ticket, the engine's worst case.
// Usage: npx nx run api:build && node bench/routing/run.mjs [total] [concurrency] [agents]
import pg from 'pg';
import { createDatabase, fmt, percentile, postJson, runConcurrent, startApi } from '../lib/harness.mjs';

const TOTAL = Number(process.argv[2] ?? 5_000);
const CONCURRENCY = Number(process.argv[3] ?? 32);
const AGENTS = Number(process.argv[4] ?? 50);

const db = await createDatabase();
const api = await startApi(db.url);
const admin = { authorization: `Bearer ${api.token}` };
const client = new pg.Client({ connectionString: db.url });
await client.connect();

async function call(method, path, body, headers = admin) {
  const res = await fetch(`${api.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function teamWithAccount(name) {
  const team = await call('POST', '/api/admin/teams', { name });
  const account = await call('POST', '/api/admin/channel-accounts', {
    kind: 'api',
    name,
    teamId: team.id,
    config: {},
  });
  return { team, account };
}

/** Messages from `TOTAL` distinct senders: each one a new ticket. */
async function ingest(account, prefix, total) {
  const url = `${api.url}/api/channels/api/${account.id}/inbound`;
  let failures = 0;
  const run = await runConcurrent(total, CONCURRENCY, async (i) => {
    const res = await postJson(
      url,
      { externalId: `${prefix}-${i}`, from: { handle: `${prefix}-${i}@bench.test` }, text: `Message ${i}` },
      { 'x-api-key': account.apiKey },
    );
    if (res.status !== 200) failures++;
  });
  return { rate: total / run.seconds, seconds: run.seconds, latencies: run.latencies, failures };
}

try {
  const plain = await teamWithAccount('By hand');
  const routed = await teamWithAccount('Balanced');
  for (let i = 0; i < AGENTS; i++) {
    const email = `agent-${i}@bench.test`;
    const password = `bench-agent-password-${i}`;
    const user = await call('POST', '/api/admin/users', {
      email,
      name: `Agent ${i}`,
      password,
      role: 'agent',
      teamIds: [routed.team.id],
    });
    await call('PATCH', `/api/admin/users/${user.id}`, {
      capacity: { total: 10_000, perChannel: { api: 10_000 } },
    });
    const { token } = await call('POST', '/api/auth/login', { email, password }, {});
    await call('PUT', '/api/me/availability', { status: 'online' }, { authorization: `Bearer ${token}` });
  }
  await call('PATCH', `/api/admin/teams/${routed.team.id}`, {
    assignment: { mode: 'balanced', onlyOnline: true },
  });

  await ingest(plain.account, 'warm-plain', 300);
  await ingest(routed.account, 'warm-routed', 300);

  // Alternating rounds (A B B A …), so a load spike on a shared machine hits both sides alike.
  const ROUNDS = 4;
  const per = Math.ceil(TOTAL / ROUNDS);
  const rounds = { none: [], withRouting: [] };
  let routedEnded = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? ['none', 'withRouting'] : ['withRouting', 'none'];
    for (const side of order) {
      const account = side === 'none' ? plain.account : routed.account;
      rounds[side].push(await ingest(account, `${side}-${r}`, per));
      if (side === 'withRouting') routedEnded = performance.now();
    }
  }
  const combine = (list) => ({
    rate: (per * list.length) / list.reduce((sum, x) => sum + x.seconds, 0),
    latencies: list.flatMap((x) => x.latencies),
    failures: list.reduce((sum, x) => sum + x.failures, 0),
  });
  const none = combine(rounds.none);
  const withRouting = combine(rounds.withRouting);
  // The engine runs after commit: wait for it to catch up, and count what it did.
  let assigned = 0;
  for (let i = 0; i < 1200; i++) {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM tickets WHERE channel_account_id = $1 AND assignee_id IS NOT NULL`,
      [routed.account.id],
    );
    assigned = rows[0].n;
    if (assigned >= per * ROUNDS + 300) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const lagSeconds = (performance.now() - routedEnded) / 1000;
  const { rows: spread } = await client.query(
    `SELECT min(n)::int AS min, max(n)::int AS max FROM (
       SELECT count(*) AS n FROM tickets WHERE channel_account_id = $1 AND assignee_id IS NOT NULL GROUP BY assignee_id) c`,
    [routed.account.id],
  );

  const line = (label, r) =>
    `  ${label}: ${fmt(r.rate, 0)} messages/s  p50 ${fmt(percentile(r.latencies, 50))} ms  p99 ${fmt(percentile(r.latencies, 99))} ms  failures ${r.failures}`;
  console.log(
    `bench/routing  total=${TOTAL} concurrency=${CONCURRENCY} agents=${AGENTS} (one new ticket per message)`,
  );
  console.log(line('no auto-assignment     ', none));
  console.log(line('balanced over agents   ', withRouting));
  console.log(
    `  assigned               : ${assigned} of ${per * ROUNDS + 300} tickets, the last ${fmt(lagSeconds)} s after the last routed message was accepted; per agent ${spread[0].min}–${spread[0].max}`,
  );
  console.log(`  share of the plain rate: ${fmt((100 * withRouting.rate) / none.rate)}%   (target: ≥ 80%)`);
} finally {
  await client.end();
  await api.stop();
  await db.drop();
}
