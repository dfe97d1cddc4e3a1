// What the database alone takes to store the rows of N mails like bench/email's (400 senders,
// every mail a new ticket, one in ten with HTML): receipts, contacts and identities, tickets,
// thread keys, messages, timeline events and outbox rows, with the schema's indexes and triggers,
// each table written once per batch of 25 (`INSERT … SELECT FROM unnest`) in 4 transactions side
// by side. No threading, screening or SLA logic: a bound on what a batch ingest could reach on
// this machine, printed next to ours so the gap is the application's, not the schema's.
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';

const BATCH = 25;
const LANES = 4;

export async function setWiseRowsRate(url, total) {
  const pool = new pg.Pool({ connectionString: url, max: LANES });
  try {
    const run = randomBytes(3).toString('hex');
    const [{ id: account }] = (
      await pool.query(
        `INSERT INTO channel_accounts (kind, name) VALUES ('email', 'set-wise rows') RETURNING id`,
      )
    ).rows;
    const mails = Array.from({ length: total }, (_, i) => ({
      id: randomUUID(),
      externalId: `<rows-${run}-${i}@customer.test>`,
      address: `rows-${run}-${i % 400}@customer.test`,
      subject: `Order ${i} has not arrived`,
      text: `Hello,\n\nmy order ${i} has not arrived yet. Could you check?\n\nThanks\n-- \nCustomer ${i % 400}\n`,
      html: i % 10 === 0 ? `<p>Hello,</p><p>my order <b>${i}</b> has not arrived yet.</p>` : null,
      meta: JSON.stringify({
        rawStorageKey: randomBytes(32).toString('hex'),
        rawSha256: randomBytes(32).toString('hex'),
        to: ['bench@support.test'],
        threading: { candidateMessageIds: [] },
        attachments: [],
      }),
    }));
    const batches = [];
    for (let i = 0; i < total; i += BATCH) batches.push(mails.slice(i, i + BATCH));
    const known = new Set();
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: LANES }, async () => {
        while (next < batches.length) await storeBatch(pool, account, batches[next++], known);
      }),
    );
    return total / ((performance.now() - t0) / 1000);
  } finally {
    await pool.end();
  }
}

async function storeBatch(pool, account, batch, known) {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query(
      `INSERT INTO inbound_receipts (channel_account_id, external_id, message_id)
       SELECT $1, e, m FROM unnest($2::text[], $3::uuid[]) AS u(e, m) ON CONFLICT DO NOTHING`,
      [account, batch.map((m) => m.externalId), batch.map((m) => m.id)],
    );
    const fresh = [...new Set(batch.map((m) => m.address))].filter((a) => !known.has(a));
    fresh.forEach((a) => known.add(a));
    await c.query(
      `WITH c AS (INSERT INTO contacts (name) SELECT a FROM unnest($1::text[]) a RETURNING id, name)
       INSERT INTO contact_identities (contact_id, kind, address) SELECT id, 'email', name FROM c ON CONFLICT DO NOTHING`,
      [fresh],
    );
    const identities = await c.query(
      `SELECT address, contact_id FROM contact_identities WHERE kind = 'email' AND address = ANY($1)`,
      [batch.map((m) => m.address)],
    );
    const contactOf = new Map(identities.rows.map((r) => [r.address, r.contact_id]));
    const tickets = (
      await c.query(
        `INSERT INTO tickets (subject, channel, channel_account_id, contact_id, last_message_at, last_customer_message_at)
         SELECT s, 'email', $1, c, now(), now() FROM unnest($2::text[], $3::uuid[]) WITH ORDINALITY AS u(s, c, o)
          ORDER BY o RETURNING id`,
        [account, batch.map((m) => m.subject), batch.map((m) => contactOf.get(m.address))],
      )
    ).rows.map((r) => r.id);
    await c.query(
      `INSERT INTO ticket_thread_keys (channel_account_id, thread_key, ticket_id)
       SELECT $1, k, t FROM unnest($2::text[], $3::uuid[]) u(k, t) ON CONFLICT DO NOTHING`,
      [account, batch.map((m) => m.externalId), tickets],
    );
    await c.query(
      `INSERT INTO messages (id, ticket_id, direction, kind, channel, channel_account_id, text, html, external_id, meta, created_at)
       SELECT i, t, 'in', 'message', 'email', $1, x, h, e, m::jsonb, now()
         FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[]) u(i, t, x, h, e, m)`,
      [
        account,
        batch.map((m) => m.id),
        tickets,
        batch.map((m) => m.text),
        batch.map((m) => m.html),
        batch.map((m) => m.externalId),
        batch.map((m) => m.meta),
      ],
    );
    await c.query(
      `INSERT INTO ticket_events (ticket_id, seq, type, data)
       SELECT t, 1, 'created', '{"channel":"email"}' FROM unnest($1::uuid[]) t`,
      [tickets],
    );
    // Published already and on a topic nobody reads: the running API must not react to these.
    await c.query(
      `INSERT INTO outbox_events (topic, ticket_id, payload, published_at)
       SELECT 'bench.rows', t, '{}', now() FROM unnest($1::uuid[]) t, generate_series(1, 2)`,
      [tickets],
    );
    await c.query('COMMIT');
  } catch (err) {
    await c.query('ROLLBACK');
    throw err;
  } finally {
    c.release();
  }
}
