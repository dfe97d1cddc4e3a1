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

jest.setTimeout(180_000);

const BOX: MailUser = { user: 'crash@support.test', password: 'crash-pw' };

/** The built API as real processes killed with SIGKILL at chosen points of the mail pipeline. */
describe('email ingest survives crashes and node deaths', () => {
  let database: { url: string; drop(): Promise<void> };
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  let client: pg.Client;
  let dataDir: string;
  const secretsKey = randomBytes(32).toString('base64');
  const running: ApiProcess[] = [];
  let accountId: string;

  async function startApi(extra: Record<string, string> = {}): Promise<ApiProcess> {
    const api = new ApiProcess(await freePort(), {
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      SWITCHBOARD_SECRETS_KEY: secretsKey,
      EMAIL_ACCOUNT_SCAN_MS: '300',
      EMAIL_LEASE_SECONDS: '3',
      EMAIL_POLL_INTERVAL_MS: '1000',
      ...extra,
    });
    await api.start();
    running.push(api);
    return api;
  }

  async function dead(api: ApiProcess): Promise<void> {
    await waitFor(
      async () => {
        try {
          await fetch(`${api.url}/api/health`);
          return false;
        } catch {
          return true;
        }
      },
      60_000,
      'the API to crash',
    );
  }

  const count = async (externalId: string) =>
    (
      await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM messages WHERE external_id = $1 AND direction = 'in'`,
        [externalId],
      )
    ).rows[0].n;
  const flagged = async () => [...(await dovecot.flags(BOX)).values()].map((f) => f.has(PROCESSED_KEYWORD));

  beforeAll(async () => {
    database = await createTestDatabase();
    dovecot = await DovecotServer.start([BOX]);
    sink = await new SmtpSink().start();
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-email-crash-'));
    client = new pg.Client({ connectionString: database.url });
  });

  afterAll(async () => {
    for (const api of running) await api.stop();
    await client.end().catch(() => undefined);
    await sink.stop();
    await dovecot.stop();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('killed between fetch and commit, then between commit and flag: exactly one message, flagged only after the commit', async () => {
    // Node 1: create the mailbox, then die right after fetching the first mail.
    const first = await startApi({ SWITCHBOARD_TEST_EMAIL_CRASH: 'after-fetch' });
    await client.connect();
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
        name: 'crash',
        config: { address: BOX.user, imap: dovecot.imapConfig(BOX), smtp: sink.smtpConfig() },
      }),
    });
    accountId = ((await created.json()) as { id: string }).id;
    await dovecot.append(
      BOX,
      mail({
        from: 'pat@customer.test',
        to: BOX.user,
        subject: 'crash me',
        messageId: '<crash-1@customer.test>',
      }),
    );
    await dead(first);
    expect(await count('<crash-1@customer.test>')).toBe(0);
    expect(await flagged()).toEqual([false]);

    // Node 2: stores the mail, then dies before moving the checkpoint and flagging it.
    const second = await startApi({ SWITCHBOARD_TEST_EMAIL_CRASH: 'after-commit' });
    await dead(second);
    expect(await count('<crash-1@customer.test>')).toBe(1);
    expect(await flagged()).toEqual([false]);

    // Node 3: takes the expired lease over, fetches the mail again, finds it stored, flags it.
    await startApi();
    await waitFor(async () => (await flagged()).every(Boolean), 60_000, 'the mail to be flagged');
    expect(await count('<crash-1@customer.test>')).toBe(1);
    const checkpoint = await client.query(
      `SELECT last_uid FROM email_mailbox_checkpoints WHERE channel_account_id = $1`,
      [accountId],
    );
    expect(Number(checkpoint.rows[0].last_uid)).toBe(1);
  });

  it('only one node watches a mailbox, and another takes over when it dies', async () => {
    const other = await startApi();
    const holderOf = async () =>
      (
        await client.query<{ holder: string }>(
          `SELECT holder FROM email_mailbox_leases WHERE channel_account_id = $1 AND expires_at > now()`,
          [accountId],
        )
      ).rows[0]?.holder;
    const holder = await waitFor(holderOf, 20_000, 'a lease holder');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await holderOf()).toBe(holder);
    await dovecot.append(
      BOX,
      mail({
        from: 'pat@customer.test',
        to: BOX.user,
        subject: 'two nodes',
        messageId: '<crash-2@customer.test>',
      }),
    );
    await waitFor(async () => (await count('<crash-2@customer.test>')) === 1, 30_000, 'mail 2');

    // Kill whichever node holds the lease; the survivor must take the mailbox over.
    const pid = Number(holder.split(':')[1]);
    const victim = running.find((api) => api.pid === pid);
    expect(victim).toBeDefined();
    await victim!.kill();
    await dovecot.append(
      BOX,
      mail({
        from: 'pat@customer.test',
        to: BOX.user,
        subject: 'after the death',
        messageId: '<crash-3@customer.test>',
      }),
    );
    await waitFor(
      async () => (await count('<crash-3@customer.test>')) === 1,
      60_000,
      'mail 3 after the takeover',
    );
    const newHolder = await holderOf();
    expect(newHolder).not.toBe(holder);
    expect(other).toBeDefined();
    expect(await count('<crash-2@customer.test>')).toBe(1);
  });
});
