import { jest } from '@jest/globals';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../database/embedded-postgres.js';
import { ApiProcess, freePort } from '../../test-support/api-process.js';
import { DatabaseOutage, freezeCluster } from '../../test-support/database-outage.js';
import { DovecotServer, type MailUser } from '../../test-support/dovecot.js';
import { mail } from '../../test-support/email-harness.js';
import { SmtpSink } from '../../test-support/smtp-sink.js';
import { createTestDatabase } from '../../test-support/test-database.js';
import { waitFor } from '../../test-support/test-app.js';

jest.setTimeout(180_000);

const UNAVAILABLE = {
  statusCode: 503,
  error: 'Service Unavailable',
  message: 'database unavailable, try again',
};
const BOX: MailUser = { user: 'restart@support.test', password: 'restart-pw' };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The API as a client sees it: a real HTTP call with a deadline, 0 when nothing answered. */
async function call(
  api: ApiProcess,
  method: string,
  path: string,
  opts: { body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<{ status: number; body: any }> {
  try {
    const res = await fetch(api.url + path, {
      method,
      headers: {
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...opts.headers,
      },
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  } catch {
    return { status: 0, body: null };
  }
}

const health = async (api: ApiProcess, timeoutMs = 5_000) =>
  (await call(api, 'GET', '/api/health', { timeoutMs })).status;

async function adminToken(api: ApiProcess): Promise<string> {
  const res = await call(api, 'POST', '/api/auth/login', {
    body: { email: 'admin@test.local', password: 'admin-password-123' },
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  return res.body.token;
}

async function createAccount(
  api: ApiProcess,
  token: string,
  body: unknown,
): Promise<{ id: string; apiKey: string }> {
  const res = await call(api, 'POST', '/api/admin/channel-accounts', {
    headers: { authorization: `Bearer ${token}` },
    body,
  });
  if (res.status !== 201)
    throw new Error(`creating a channel account failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Fails the test with the API's last words when the process has died. */
function expectAlive(api: ApiProcess): void {
  if (api.exit) throw new Error(`the API process ${api.exit}; its output ends:\n${api.output.slice(-3000)}`);
}

describe('the API rides out PostgreSQL cutting and refusing its connections', () => {
  let database: { url: string; drop(): Promise<void> };
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  let dataDir: string;
  let api: ApiProcess;
  let outage: DatabaseOutage;
  let checks: pg.Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    dovecot = await DovecotServer.start([BOX]);
    sink = await new SmtpSink().start();
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-db-restart-'));
    api = new ApiProcess(await freePort(), {
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      EMAIL_ACCOUNT_SCAN_MS: '300',
      EMAIL_LEASE_SECONDS: '10',
      EMAIL_POLL_INTERVAL_MS: '1000',
    });
    await api.start();
    outage = await DatabaseOutage.open(database.url);
    checks = new pg.Pool({ connectionString: database.url, max: 2 });
    checks.on('error', () => undefined);
  });

  afterAll(async () => {
    await outage?.close();
    await api?.stop();
    await checks?.end();
    await sink?.stop();
    await dovecot?.stop();
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const stored = async (externalId: string) =>
    (
      await checks.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM messages WHERE external_id = $1 AND direction = 'in'`,
        [externalId],
      )
    ).rows[0].n;

  it('inbound traffic through cut connections and a refusing database: no crash, 503s not 500s, each acknowledged message stored once, the mailbox watcher resumes', async () => {
    const token = await adminToken(api);
    const account = await createAccount(api, token, { kind: 'api', name: 'restart', config: {} });
    await createAccount(api, token, {
      kind: 'email',
      name: 'restart mail',
      config: { address: BOX.user, imap: dovecot.imapConfig(BOX), smtp: sink.smtpConfig() },
    });
    await dovecot.append(
      BOX,
      mail({
        from: 'pat@customer.test',
        to: BOX.user,
        subject: 'before',
        messageId: '<before@customer.test>',
      }),
    );
    await waitFor(
      async () => (await stored('<before@customer.test>')) === 1,
      30_000,
      'the mailbox watcher to store the first mail',
    );

    // Providers that retry until they get a 2xx, the way crash.spec.ts sends.
    const acknowledged = new Set<string>();
    const refusals: Array<{ status: number; body: unknown }> = [];
    let next = 0;
    let stopSending = false;
    let outageOver = false;
    const deliver = async (externalId: string) => {
      while (!stopSending && !api.exit) {
        const res = await call(api, 'POST', `/api/channels/api/${account.id}/inbound`, {
          headers: { 'x-api-key': account.apiKey },
          body: {
            externalId,
            from: { handle: `customer-${externalId.length % 40}@example.com` },
            text: `message ${externalId}`,
          },
        });
        if (res.status >= 200 && res.status < 300) {
          acknowledged.add(externalId);
          return;
        }
        if (res.status !== 0) refusals.push(res);
        await sleep(100);
      }
    };
    const sender = async () => {
      while (!stopSending && !api.exit && (!outageOver || next < 300)) await deliver(`db-${next++}`);
    };
    const traffic = Promise.all(Array.from({ length: 8 }, sender));

    try {
      // A restart's first act: every session is terminated (57P01), mid-transaction for some.
      await waitFor(() => acknowledged.size >= 40, 30_000, '40 acknowledged messages');
      for (let round = 0; round < 5; round++) {
        await outage.terminateConnections();
        await sleep(150);
      }
      await waitFor(() => acknowledged.size >= 120 || api.exit, 30_000, 'traffic after the cut');
      expectAlive(api);

      // Then the database turns connections away for a while: health must say so at once.
      await outage.refuseConnections();
      const downAt = Date.now();
      await waitFor(
        async () => (await health(api)) === 503 || api.exit,
        1_000,
        'health to answer 503 within a second',
      );
      expectAlive(api);
      await dovecot.append(
        BOX,
        mail({
          from: 'pat@customer.test',
          to: BOX.user,
          subject: 'during',
          messageId: '<during@customer.test>',
        }),
      );
      await sleep(Math.max(0, 2_000 - (Date.now() - downAt)));
      expect(await health(api)).toBe(503);

      await outage.allowConnections();
      await waitFor(async () => (await health(api)) === 200, 10_000, 'health to answer 200 after recovery');
      outageOver = true;
      await traffic;
    } finally {
      stopSending = true;
      await traffic;
    }
    expectAlive(api);

    // The mailbox watcher stores what arrived during the outage and what arrives after it.
    await dovecot.append(
      BOX,
      mail({ from: 'pat@customer.test', to: BOX.user, subject: 'after', messageId: '<after@customer.test>' }),
    );
    await waitFor(
      async () =>
        (await stored('<after@customer.test>')) === 1 && (await stored('<during@customer.test>')) === 1,
      60_000,
      'the mailbox watcher to resume',
    );

    expect(refusals.filter((r) => r.status !== 503)).toEqual([]);
    expect(refusals.length).toBeGreaterThan(0);
    for (const refusal of refusals) expect(refusal.body).toEqual(UNAVAILABLE);
    const { rows } = await checks.query(
      `SELECT count(*)::int AS total, count(DISTINCT external_id)::int AS distinct_ids FROM messages WHERE channel_account_id = $1`,
      [account.id],
    );
    expect(rows[0]).toEqual({ total: acknowledged.size, distinct_ids: acknowledged.size });
    expectAlive(api);
  });
});

/**
 * A private embedded cluster, never the machine's PostgreSQL: other test files share that one,
 * and this suite stops, restarts and freezes its server.
 */
describe('the API rides out a restart and a freeze of its PostgreSQL server', () => {
  let baseDir: string;
  let cluster: EmbeddedDatabase;
  let api: ApiProcess;
  let account: { id: string; apiKey: string };
  let thaw: (() => void) | null = null;
  let stopped = false;

  beforeAll(async () => {
    baseDir = mkdtempSync(join(tmpdir(), 'switchboard-private-pg-'));
    chmodSync(baseDir, 0o755);
    cluster = await startEmbeddedPostgres(baseDir);
    api = new ApiProcess(await freePort(), { DATABASE_URL: cluster.url });
    await api.start();
    account = await createAccount(api, await adminToken(api), { kind: 'api', name: 'restart', config: {} });
  });

  afterAll(async () => {
    thaw?.();
    await api?.stop();
    await cluster?.stop();
    if (baseDir) rmSync(baseDir, { recursive: true, force: true });
  });

  /** Starts the cluster again on its port, so each test begins with a running server. */
  async function restartCluster(): Promise<void> {
    cluster = await startEmbeddedPostgres(baseDir, undefined, undefined, { port: cluster.port });
    stopped = false;
  }

  const inbound = (externalId: string) =>
    call(api, 'POST', `/api/channels/api/${account.id}/inbound`, {
      headers: { 'x-api-key': account.apiKey },
      body: { externalId, from: { handle: 'restart@example.com' }, text: externalId },
    });

  it('a fast shutdown: health 503 within a second, writes 503 not 500, and all is well once PostgreSQL is back on its port', async () => {
    expect((await inbound('restart-1')).status).toBe(200);

    await cluster.stop();
    stopped = true;
    await waitFor(
      async () => (await health(api)) === 503 || api.exit,
      1_000,
      'health to answer 503 within a second',
    );
    expectAlive(api);
    expect(await inbound('restart-2')).toEqual({ status: 503, body: UNAVAILABLE });

    await restartCluster();
    await waitFor(async () => (await health(api)) === 200, 15_000, 'health to answer 200 after the restart');
    expect((await inbound('restart-2')).status).toBe(200);
    expectAlive(api);
  });

  it('a frozen server: health answers 503 within 2 s instead of hanging, and 200 once it thaws', async () => {
    if (stopped) await restartCluster();
    await waitFor(async () => (await health(api)) === 200, 15_000, 'a healthy API before the freeze');
    expect((await inbound('freeze-1')).status).toBe(200);

    thaw = freezeCluster(cluster.dataDir);
    for (let check = 0; check < 2; check++) {
      const startedAt = Date.now();
      const status = await health(api, 10_000);
      const took = Date.now() - startedAt;
      expect({ status, fast: took < 2_000 }).toEqual({ status: 503, fast: true });
    }
    thaw();
    thaw = null;

    await waitFor(async () => (await health(api)) === 200, 15_000, 'health to answer 200 after the thaw');
    expect((await inbound('freeze-2')).status).toBe(200);
    expectAlive(api);
  });
});

describe('the zero-setup embedded PostgreSQL is started again when it dies', () => {
  let root: string;
  let api: ApiProcess;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'switchboard-embedded-restart-'));
    chmodSync(root, 0o755);
    api = new ApiProcess(await freePort(), { DATA_DIR: join(root, 'data'), DATABASE_URL: undefined });
    await api.start(120_000);
  });

  afterAll(async () => {
    await api?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('a killed postmaster: health 503, then 200 again on its own, and SIGTERM still shuts the API down', async () => {
    const pidFile = join(root, 'data', 'pg', 'postmaster.pid');
    const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    process.kill(postmaster, 'SIGKILL');

    await waitFor(async () => (await health(api)) === 503 || api.exit, 5_000, 'health to answer 503');
    expectAlive(api);
    await waitFor(
      async () => (await health(api)) === 200 || api.exit,
      30_000,
      'the embedded PostgreSQL to be started again',
    );
    expectAlive(api);
    expect(Number(readFileSync(pidFile, 'utf8').split('\n')[0])).not.toBe(postmaster);

    const stoppedAt = Date.now();
    await api.stop();
    expect({ exit: api.exit, took: Date.now() - stoppedAt < 10_000 }).toEqual({
      exit: 'exited with code 0',
      took: true,
    });
  });
});
