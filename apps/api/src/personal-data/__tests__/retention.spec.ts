import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAIL_FILE_STORE, type MailFileStore } from '@switchboard/channel-email';
import { startTestApp, type TestApp } from '../../test-support/test-app.js';
import { RetentionSweeper } from '../retention-sweeper.js';

describe('the retention policy deletes what is old enough and logs it (real PostgreSQL)', () => {
  let t: TestApp;
  let dataDir: string;
  let admin: string;
  let agent: string;
  let account: { id: string; apiKey: string };
  let n = 0;

  /** A customer's ticket through the API channel, closed `closedDaysAgo` days ago (null: left as `status`). */
  async function ticket(
    status: 'closed' | 'solved' | 'open',
    closedDaysAgo: number,
  ): Promise<{ id: string; number: number }> {
    n += 1;
    const res = await t.inbound(account, {
      externalId: `ret-${n}`,
      from: { handle: `customer-${n}` },
      text: `message ${n}`,
    });
    expect(res.status).toBe(200);
    const { ticketId } = res.body;
    const patched = await t.request('PATCH', `/api/tickets/${ticketId}`, { token: admin, body: { status } });
    expect(patched.status).toBe(200);
    // The status changed that long ago (the clock of the test cannot wait days).
    await t.db.query(
      `UPDATE tickets SET status_changed_at = now() - make_interval(days => $2) WHERE id = $1`,
      [ticketId, closedDaysAgo],
    );
    return { id: ticketId, number: patched.body.number };
  }

  /** Quarantined mail that arrived `daysAgo` days ago, its raw bytes stored as the email channel stores them. */
  async function quarantined(daysAgo: number): Promise<{ id: string; path: string }> {
    const store = t.app.get<MailFileStore>(MAIL_FILE_STORE);
    const raw = Buffer.from(`Subject: too big\r\n\r\n${randomBytes(2000).toString('hex')}\r\n`);
    const { key, sha256 } = await store.putRaw(raw);
    const [row] = await t.db.query<{ id: string }>(
      `INSERT INTO email_quarantine (channel_account_id, raw_sha256, raw_key, raw_size, reason, error, created_at)
       VALUES ($1, $2, $3, $4, 'too_large', 'over the limit', now() - make_interval(days => $5)) RETURNING id`,
      [account.id, sha256, key, raw.length, daysAgo],
    );
    return { id: row.id, path: join(dataDir, key) };
  }

  const exists = async (table: string, id: string) =>
    (await t.db.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])).length === 1;
  const sweep = () => t.app.get(RetentionSweeper).sweep();
  const auditOf = async (action: string) =>
    (await t.request('GET', `/api/admin/audit-log?action=${action}`, { token: admin })).body.items as Array<{
      actorKind: string;
      details: Record<string, unknown>;
    }>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-retention-'));
    t = await startTestApp({ dataDir });
    admin = await t.adminToken();
    const teamId = await t.createTeam('Retention');
    agent = (await t.createUser({ email: 'ret-agent@agents.test', teamIds: [teamId] })).token;
    account = await t.createApiAccount({ teamId });
  });

  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps everything until an admin sets limits; PUT /api/admin/settings sets them, audited, and refuses bad values', async () => {
    const initial = await t.request('GET', '/api/admin/settings', { token: admin });
    expect(initial.body.retention).toEqual({
      deleteClosedTicketsAfterDays: null,
      deleteQuarantineAfterDays: null,
    });
    const old = await ticket('closed', 400);
    expect(await sweep()).toEqual({ tickets: 0, quarantinedMails: 0, files: 0 });
    expect(await exists('tickets', old.id)).toBe(true);

    for (const [value, reason] of [
      [0, /deleteClosedTicketsAfterDays.*at least 1/],
      [-3, /at least 1/],
      [2.5, /whole number/],
      ['30', /number of days/],
    ] as const) {
      const res = await t.request('PUT', '/api/admin/settings', {
        token: admin,
        body: { retention: { deleteClosedTicketsAfterDays: value } },
      });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(reason);
    }
    const unknown = await t.request('PUT', '/api/admin/settings', {
      token: admin,
      body: { retention: { forever: 1 } },
    });
    expect(unknown.status).toBe(400);
    const byAgent = await t.request('PUT', '/api/admin/settings', {
      token: agent,
      body: { retention: { deleteClosedTicketsAfterDays: 30 } },
    });
    expect(byAgent.status).toBe(403);

    const saved = await t.request('PUT', '/api/admin/settings', {
      token: admin,
      body: { retention: { deleteClosedTicketsAfterDays: 30, deleteQuarantineAfterDays: 14 } },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.retention).toEqual({ deleteClosedTicketsAfterDays: 30, deleteQuarantineAfterDays: 14 });
    expect(saved.body.threading).toBeDefined();
    const audit = await auditOf('settings.updated');
    expect(audit).toHaveLength(1);
    expect(audit[0].details.retention).toEqual({
      deleteClosedTicketsAfterDays: 30,
      deleteQuarantineAfterDays: 14,
    });

    // One field alone leaves the other as it was; null keeps forever again.
    const one = await t.request('PUT', '/api/admin/settings', {
      token: admin,
      body: { retention: { deleteQuarantineAfterDays: null } },
    });
    expect(one.body.retention).toEqual({ deleteClosedTicketsAfterDays: 30, deleteQuarantineAfterDays: null });
    await t.request('PUT', '/api/admin/settings', {
      token: admin,
      body: { retention: { deleteQuarantineAfterDays: 14 } },
    });
  });

  it('deletes closed tickets and quarantined mail past their limits, nothing younger or still open, and logs each batch', async () => {
    const oldClosed = await ticket('closed', 45);
    const recentClosed = await ticket('closed', 5);
    const oldSolved = await ticket('solved', 45);
    const oldOpen = await ticket('open', 45);
    const oldMail = await quarantined(20);
    const recentMail = await quarantined(3);
    expect(existsSync(oldMail.path)).toBe(true);

    const run = await sweep();
    // The 400-day-old ticket of the first test goes too, now that there is a limit.
    expect(run).toEqual({ tickets: 2, quarantinedMails: 1, files: 1 });
    expect(await exists('tickets', oldClosed.id)).toBe(false);
    expect((await t.db.query(`SELECT 1 FROM messages WHERE ticket_id = $1`, [oldClosed.id])).length).toBe(0);
    expect((await t.request('GET', `/api/tickets/${oldClosed.id}`, { token: admin })).status).toBe(404);
    for (const kept of [recentClosed, oldSolved, oldOpen])
      expect(await exists('tickets', kept.id)).toBe(true);
    expect(await exists('email_quarantine', oldMail.id)).toBe(false);
    expect(existsSync(oldMail.path)).toBe(false);
    expect(await exists('email_quarantine', recentMail.id)).toBe(true);
    expect(existsSync(recentMail.path)).toBe(true);

    const tickets = await auditOf('retention.tickets_deleted');
    expect(tickets).toHaveLength(1);
    expect(tickets[0].actorKind).toBe('system');
    expect(tickets[0].details).toMatchObject({ olderThanDays: 30, count: 2 });
    expect((tickets[0].details.ticketNumbers as number[]).sort()).toContain(oldClosed.number);
    const mails = await auditOf('retention.quarantine_deleted');
    expect(mails).toHaveLength(1);
    expect(mails[0].details).toMatchObject({ olderThanDays: 14, count: 1, ids: [oldMail.id] });

    // A second sweep finds nothing due and writes nothing.
    expect(await sweep()).toEqual({ tickets: 0, quarantinedMails: 0, files: 0 });
    expect(await auditOf('retention.')).toHaveLength(2);
  });
  it('files queued by an erasure that stopped before removing them go with the next sweep, unless a row still names them', async () => {
    const store = t.app.get<MailFileStore>(MAIL_FILE_STORE);
    const orphan = await store.putRaw(
      Buffer.from(`Subject: erased\r\n\r\n${randomBytes(64).toString('hex')}\r\n`),
    );
    const stillUsed = await quarantined(1);
    const [usedKey] = await t.db.query<{ raw_key: string }>(
      `SELECT raw_key FROM email_quarantine WHERE id = $1`,
      [stillUsed.id],
    );
    // What the erasure's transaction committed: the files to remove, after the rows that named them.
    await t.db.query(`INSERT INTO pending_file_deletions (storage_key) VALUES ($1), ($2)`, [
      orphan.key,
      usedKey.raw_key,
    ]);

    const run = await sweep();
    expect(run.files).toBe(1);
    expect(existsSync(join(dataDir, orphan.key))).toBe(false);
    expect(existsSync(stillUsed.path)).toBe(true);
    expect(await t.db.query(`SELECT storage_key FROM pending_file_deletions`)).toEqual([]);
  });
});
