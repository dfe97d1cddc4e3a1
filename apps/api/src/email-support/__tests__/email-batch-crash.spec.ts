import { jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PROCESSED_KEYWORD } from '@switchboard/channel-email';
import { ApiProcess, freePort } from '../../test-support/api-process.js';
import { DovecotServer, type MailUser } from '../../test-support/dovecot.js';
import { mail } from '../../test-support/email-harness.js';
import { SmtpSink } from '../../test-support/smtp-sink.js';
import { createTestDatabase } from '../../test-support/test-database.js';
import { waitFor } from '../../test-support/test-app.js';

jest.setTimeout(300_000);

const BOX: MailUser = { user: 'batch-crash@support.test', password: 'batch-crash-pw' };
const TOTAL = 400;

/** The built API as a real process, killed with SIGKILL while it stores a backlog batch by batch. */
describe('email ingest killed mid-backlog', () => {
  let database: { url: string; drop(): Promise<void> };
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  let client: pg.Client;
  let dataDir: string;
  const secretsKey = randomBytes(32).toString('base64');
  const running: ApiProcess[] = [];

  async function startApi(): Promise<ApiProcess> {
    const api = new ApiProcess(await freePort(), {
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      SWITCHBOARD_SECRETS_KEY: secretsKey,
      EMAIL_LEASE_SECONDS: '3',
      EMAIL_ACCOUNT_SCAN_MS: '500',
    });
    await api.start();
    running.push(api);
    return api;
  }

  const storedCount = async () =>
    (
      await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM messages WHERE direction = 'in' AND external_id LIKE '<backlog-%'`,
      )
    ).rows[0].n;

  beforeAll(async () => {
    database = await createTestDatabase();
    dovecot = await DovecotServer.start([BOX]);
    sink = await new SmtpSink().start();
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-email-batch-crash-'));
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });

  afterAll(async () => {
    for (const api of running) await api.stop();
    await client.end().catch(() => undefined);
    await sink.stop();
    await dovecot.stop();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a kill -9 while batches are being stored, then a restart: every mail is stored exactly once and flagged', async () => {
    // Every tenth mail answers the one before it, so threads span the batches the kill cuts.
    const idOf = (i: number) => `<backlog-${i}@customer.test>`;
    await dovecot.appendMany(
      BOX,
      Array.from({ length: TOTAL }, (_, i) =>
        mail({
          from: `customer-${Math.floor(i / 10) % 37}@customer.test`,
          to: BOX.user,
          subject: `Backlog ${i}`,
          messageId: idOf(i),
          ...(i % 10 === 9 ? { inReplyTo: idOf(i - 1), references: idOf(i - 1) } : {}),
        }),
      ),
    );

    const first = await startApi();
    const login = (await (
      await fetch(`${first.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@test.local', password: 'admin-password-123' }),
      })
    ).json()) as { token: string };
    const created = await fetch(`${first.url}/api/admin/channel-accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` },
      body: JSON.stringify({
        kind: 'email',
        name: 'backlog',
        config: { address: BOX.user, imap: dovecot.imapConfig(BOX), smtp: sink.smtpConfig() },
      }),
    });
    expect(created.status).toBe(201);

    // Killed once some batches are committed and before the last one is.
    const atKill = await waitFor(
      async () => {
        const n = await storedCount();
        return n > 0 ? n : null;
      },
      120_000,
      'the first batch to be stored',
    );
    await first.kill();
    expect(atKill).toBeLessThan(TOTAL);
    const afterKill = await storedCount();
    expect(afterKill).toBeLessThan(TOTAL);

    // A new node takes the expired lease over and finishes the backlog.
    await startApi();
    await waitFor(
      async () => {
        const flags = [...(await dovecot.flags(BOX)).values()];
        return flags.length === TOTAL && flags.every((f) => f.has(PROCESSED_KEYWORD));
      },
      240_000,
      'every mail to be flagged',
    );
    const perMail = await client.query<{ external_id: string; n: number }>(
      `SELECT external_id, count(*)::int AS n FROM messages
        WHERE direction = 'in' AND external_id LIKE '<backlog-%' GROUP BY external_id`,
    );
    expect(perMail.rows).toHaveLength(TOTAL);
    expect(perMail.rows.filter((r) => r.n !== 1)).toEqual([]);

    // Replies joined their parent's ticket, also across the cut.
    const ticketOf = new Map(
      (
        await client.query<{ external_id: string; ticket_id: string }>(
          `SELECT external_id, ticket_id FROM messages WHERE direction = 'in' AND external_id LIKE '<backlog-%'`,
        )
      ).rows.map((r) => [r.external_id, r.ticket_id]),
    );
    for (let i = 9; i < TOTAL; i += 10) expect(ticketOf.get(idOf(i))).toBe(ticketOf.get(idOf(i - 1)));
  });
});
