// bench/ingest: 20,000 inbound messages through the HTTP API channel at concurrency 32, against
// the ceiling of the same rows written by plain `pg` transactions on the same database.
// Usage: npx nx run api:build && node bench/ingest/run.mjs [total] [concurrency]
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { io } from 'socket.io-client';
import {
  createApiAccount,
  createDatabase,
  fmt,
  percentile,
  postJson,
  runConcurrent,
  startApi,
} from '../lib/harness.mjs';

const TOTAL = Number(process.argv[2] ?? 20_000);
const CONCURRENCY = Number(process.argv[3] ?? 32);
const SENDERS = Math.max(1, Math.floor(TOTAL / 10));

const db = await createDatabase();
const api = await startApi(db.url);
try {
  const account = await createApiAccount(api, 'bench');

  // An agent socket measures HTTP accept → live event.
  const socket = io(`${api.url}/agents`, { auth: { token: api.token }, transports: ['websocket'] });
  await new Promise((ok, fail) => (socket.once('connect', ok), socket.once('connect_error', fail)));
  const sentAt = new Map();
  const eventDelays = [];
  socket.on('message.created', (e) => {
    const t0 = sentAt.get(e.message.externalId);
    if (t0 !== undefined) eventDelays.push(performance.now() - t0);
  });

  const url = `${api.url}/api/channels/api/${account.id}/inbound`;
  const headers = { 'x-api-key': account.apiKey };
  await runConcurrent(200, CONCURRENCY, (i) =>
    postJson(
      url,
      { externalId: `warm-${i}`, from: { handle: `warm-${i % 20}@bench.test` }, text: 'warm up' },
      headers,
    ),
  );
  let failures = 0;
  const ours = await runConcurrent(TOTAL, CONCURRENCY, async (i) => {
    const externalId = `m-${i}`;
    sentAt.set(externalId, performance.now());
    const res = await postJson(
      url,
      {
        externalId,
        from: { handle: `c${i % SENDERS}@bench.test`, name: `Customer ${i % SENDERS}` },
        text: `Message ${i}: where is my order?`,
      },
      headers,
    );
    if (res.status !== 200) failures++;
  });
  const deadline = Date.now() + 30_000;
  while (eventDelays.length < TOTAL && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  socket.disconnect();

  const ceiling = await plainPgCeiling(db.url, TOTAL, CONCURRENCY);
  const oursRate = TOTAL / ours.seconds;
  const stored = new pg.Client({ connectionString: db.url });
  await stored.connect();
  const { rows } = await stored.query(
    `SELECT count(*)::int AS n FROM messages WHERE channel_account_id = $1 AND external_id LIKE 'm-%'`,
    [account.id],
  );
  await stored.end();

  console.log(`bench/ingest  total=${TOTAL} concurrency=${CONCURRENCY} senders=${SENDERS}`);
  console.log(
    `  HTTP API channel : ${fmt(oursRate, 0)} messages/s  p50 ${fmt(percentile(ours.latencies, 50))} ms  p99 ${fmt(percentile(ours.latencies, 99))} ms  failures ${failures}  stored ${rows[0].n}`,
  );
  console.log(
    `  accept → socket  : p50 ${fmt(percentile(eventDelays, 50))} ms  p99 ${fmt(percentile(eventDelays, 99))} ms  (${eventDelays.length} events)`,
  );
  console.log(
    `  plain pg ceiling : ${fmt(ceiling, 0)} messages/s (same rows, transactions, pool of ${CONCURRENCY})`,
  );
  console.log(
    `  share of ceiling : ${fmt((100 * oursRate) / ceiling)}%   (targets: ≥ 1000 messages/s, ≥ 35%)`,
  );
} finally {
  await api.stop();
  await db.drop();
}

/** The same rows as one ingest — receipt, contact + identity, ticket, message, event, outbox — in plain pg. */
async function plainPgCeiling(url, total, concurrency) {
  const pool = new pg.Pool({ connectionString: url, max: concurrency });
  const [{ id: accountId }] = (
    await pool.query(`INSERT INTO channel_accounts (kind, name) VALUES ('api', 'ceiling') RETURNING id`)
  ).rows;
  const run = await runConcurrent(total, concurrency, async (i) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const messageId = randomUUID();
      await client.query(
        `INSERT INTO inbound_receipts (channel_account_id, external_id, message_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [accountId, `p-${i}`, messageId],
      );
      const address = `p${i % SENDERS}@bench.test`;
      let contact = (
        await client.query(
          `SELECT contact_id FROM contact_identities WHERE kind = 'ceiling' AND address = $1`,
          [address],
        )
      ).rows[0]?.contact_id;
      if (!contact) {
        contact = (await client.query(`INSERT INTO contacts (name) VALUES ($1) RETURNING id`, [address]))
          .rows[0].id;
        const ins = await client.query(
          `INSERT INTO contact_identities (contact_id, kind, address) VALUES ($1, 'ceiling', $2) ON CONFLICT DO NOTHING RETURNING id`,
          [contact, address],
        );
        if (!ins.rows.length)
          contact = (
            await client.query(
              `SELECT contact_id FROM contact_identities WHERE kind = 'ceiling' AND address = $1`,
              [address],
            )
          ).rows[0].contact_id;
      }
      let ticket = (
        await client.query(
          `SELECT id FROM tickets WHERE contact_id = $1 AND channel_account_id = $2 AND status <> 'closed' LIMIT 1 FOR UPDATE`,
          [contact, accountId],
        )
      ).rows[0]?.id;
      if (!ticket) {
        ticket = (
          await client.query(
            `INSERT INTO tickets (subject, channel, channel_account_id, contact_id) VALUES ('x', 'api', $1, $2) RETURNING id`,
            [accountId, contact],
          )
        ).rows[0].id;
        await client.query(`INSERT INTO ticket_events (ticket_id, seq, type) VALUES ($1, 1, 'created')`, [
          ticket,
        ]);
      } else {
        await client.query(
          `UPDATE tickets SET seq = seq + 1, updated_at = now(), last_message_at = now() WHERE id = $1`,
          [ticket],
        );
      }
      await client.query(
        `INSERT INTO messages (id, ticket_id, direction, channel, channel_account_id, text, external_id) VALUES ($1, $2, 'in', 'api', $3, 'x', $4)`,
        [messageId, ticket, accountId, `p-${i}`],
      );
      await client.query(
        `INSERT INTO outbox_events (topic, ticket_id, payload) VALUES ('ticket.updated', $1, '{}'), ('message.created', $1, '{}')`,
        [ticket],
      );
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    } finally {
      client.release();
    }
  });
  await pool.end();
  return total / run.seconds;
}
