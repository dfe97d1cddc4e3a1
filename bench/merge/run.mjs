// bench/merge: merging two tickets of 1,000 messages each (target < 500 ms), through the HTTP API
// of the built app, with an SLA policy so the target's clocks are recomputed from the joined
// ledger as in production. Each pair is merged and then undone; both are timed.
// Usage: npx nx run api:build && node bench/merge/run.mjs [pairs] [messages per ticket]
import pg from 'pg';
import { createDatabase, fmt, percentile, postJson, startApi } from '../lib/harness.mjs';

const PAIRS = Number(process.argv[2] ?? 10);
const MESSAGES = Number(process.argv[3] ?? 1_000);

const db = await createDatabase();
const api = await startApi(db.url);
const admin = { authorization: `Bearer ${api.token}` };
const client = new pg.Client({ connectionString: db.url });
await client.connect();

async function call(method, path, body) {
  const res = await fetch(`${api.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...admin },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** A ticket opened by the API channel, then filled to MESSAGES messages (half the customer's) and timeline events. */
async function ticketWithHistory(account, name) {
  const opened = await postJson(
    `${api.url}/api/channels/api/${account.id}/inbound`,
    { externalId: `${name}-0`, from: { handle: `${name}@bench.test` }, text: 'first', threadKey: name },
    { 'x-api-key': account.apiKey },
  );
  if (opened.status !== 200) throw new Error(`inbound: ${opened.status}`);
  const { ticketId } = opened.body;
  await client.query(
    `INSERT INTO messages (ticket_id, direction, kind, channel, channel_account_id, text, external_id, created_at)
     SELECT $1, CASE WHEN i % 2 = 0 THEN 'in' ELSE 'out' END::message_direction, 'message', 'api', $2,
            'message ' || i, $3 || '-' || i, now() - make_interval(secs => $4 - i)
       FROM generate_series(1, $4 - 1) AS i`,
    [ticketId, account.id, name, MESSAGES],
  );
  await client.query(
    `INSERT INTO ticket_events (ticket_id, seq, type, data, created_at)
     SELECT $1, 1, 'updated', '{}'::jsonb, now() - make_interval(secs => i) FROM generate_series(1, 100) AS i`,
    [ticketId],
  );
  return ticketId;
}

try {
  const team = await call('POST', '/api/admin/teams', { name: 'Merges' });
  const account = await call('POST', '/api/admin/channel-accounts', {
    kind: 'api',
    name: 'Merges',
    teamId: team.id,
    config: {},
  });
  await call('POST', '/api/admin/sla-policies', {
    name: 'Merges',
    order: 1,
    conditions: { teamIds: [team.id] },
    targets: { firstResponseSeconds: 3600, nextResponseSeconds: 1800, resolutionSeconds: 86_400 },
    atRiskShare: 0.8,
  });
  const merges = [];
  const undos = [];
  const reads = [];
  for (let p = 0; p < PAIRS; p++) {
    const source = await ticketWithHistory(account, `source-${p}`);
    const target = await ticketWithHistory(account, `target-${p}`);
    let t0 = performance.now();
    await call('GET', `/api/tickets/${target}`);
    reads.push(performance.now() - t0);
    t0 = performance.now();
    const merged = await call('POST', `/api/tickets/${source}/merge`, { intoTicketId: target });
    merges.push(performance.now() - t0);
    if (merged.source.status !== 'closed') throw new Error('the source was not closed');
    t0 = performance.now();
    await call('POST', `/api/tickets/${source}/merge/undo`, {});
    undos.push(performance.now() - t0);
  }
  const { rows } = await client.query(`SELECT count(*)::int AS n FROM messages`);
  console.log(
    `merge of two tickets of ${MESSAGES} messages each (${PAIRS} pairs, ${rows[0].n} messages stored):`,
  );
  console.log(
    `  merge: median ${fmt(percentile(merges, 50))} ms, p95 ${fmt(percentile(merges, 95))} ms, max ${fmt(Math.max(...merges))} ms (target < 500 ms)`,
  );
  console.log(
    `  undo:  median ${fmt(percentile(undos, 50))} ms, p95 ${fmt(percentile(undos, 95))} ms, max ${fmt(Math.max(...undos))} ms`,
  );
  // A shared machine's load moves every figure: a plain ticket read shows how much.
  console.log(`  (a ticket read in the same run: median ${fmt(percentile(reads, 50))} ms)`);
} finally {
  await client.end();
  await api.stop();
  await db.drop();
}
