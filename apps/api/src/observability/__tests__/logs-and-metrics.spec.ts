import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { ApiProcess, freePort } from '../../test-support/api-process.js';
import { CallbackReceiver } from '../../test-support/callback-receiver.js';
import { createTestDatabase } from '../../test-support/test-database.js';

const secret = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;

/** The value of one series in Prometheus text format, or undefined when it is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[3] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[4]);
  }
  return undefined;
}

describe('an API node an operator can watch: JSON logs without secrets, request ids, metrics', () => {
  let database: { url: string; drop(): Promise<void> };
  let api: ApiProcess;
  let receiver: CallbackReceiver;
  const adminPassword = secret('admin-pw');
  const metricsToken = secret('metrics-token');
  let dbPassword: string | null = null;
  let databaseUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await new CallbackReceiver().start();
    const url = new URL(database.url);
    // The machine's PostgreSQL trusts loopback, so a password in the URL is never checked: it only has to stay out of the log.
    if (!url.password) {
      dbPassword = secret('db-pw');
      url.username ||= 'postgres';
      url.password = dbPassword;
    }
    databaseUrl = url.toString();
    api = new ApiProcess(await freePort(), {
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'info',
      SWITCHBOARD_ADMIN_PASSWORD: adminPassword,
      METRICS_TOKEN: metricsToken,
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    });
    await api.start();
  });
  afterAll(async () => {
    await api.stop();
    await receiver.stop();
    await database.drop();
  });

  async function call(
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(api.url + path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    const text = await res.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Prometheus text.
    }
    return { status: res.status, body, headers: res.headers };
  }

  it('serves traffic, scrapes moved metrics, and leaves a JSON log with request ids and no secret', async () => {
    // A wrong password someone typed must not reach the log either.
    const typo = secret('typed-pw');
    expect(
      (await call('POST', '/api/auth/login', { body: { email: 'admin@test.local', password: typo } })).status,
    ).toBe(401);
    const login = await call('POST', '/api/auth/login', {
      body: { email: 'admin@test.local', password: adminPassword },
    });
    expect(login.status).toBe(200);
    const token: string = login.body.token;
    const account = await call('POST', '/api/admin/channel-accounts', {
      token,
      body: { kind: 'api', name: 'Shop', teamId: null, config: { callbackUrl: receiver.url } },
    });
    expect(account.status).toBe(201);
    const { id: accountId, apiKey, signingSecret } = account.body;

    const inbound = (externalId: string) =>
      call('POST', `/api/channels/api/${accountId}/inbound`, {
        headers: { 'x-api-key': apiKey },
        body: { externalId, from: { handle: 'ada@example.com', name: 'Ada' }, text: 'My order is late' },
      });
    const first = await inbound('m-1');
    expect(first.status).toBe(200);
    expect(first.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await inbound('m-2')).status).toBe(200);
    expect((await inbound('m-1')).body.duplicate).toBe(true);

    // An agent online on /agents, then a reply queued by a request whose id the caller chose.
    const socket: Socket = io(`${api.url}/agents`, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const replyRequestId = `reply-${randomBytes(6).toString('hex')}`;
    const reply = await call('POST', `/api/tickets/${first.body.ticketId}/messages`, {
      token,
      headers: { 'x-request-id': replyRequestId },
      body: { kind: 'reply', body: 'It ships today' },
    });
    expect(reply.status).toBe(201);
    expect(reply.headers.get('x-request-id')).toBe(replyRequestId);
    const deadline = Date.now() + 10_000;
    while (!receiver.received.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(receiver.received).toHaveLength(1);

    // Not public: no token, a wrong token → 401; the configured token → the series.
    expect((await call('GET', '/metrics')).status).toBe(401);
    expect((await call('GET', '/metrics', { token: 'wrong-token' })).status).toBe(401);
    let scrape = await call('GET', '/metrics', { token: metricsToken });
    // The worker's SLA sweep runs every second, and the send is recorded just after the receiver got it: wait for both.
    while (
      Date.now() < deadline &&
      !(
        sample(scrape.body, 'switchboard_sla_sweep_duration_seconds_count')! > 0 &&
        sample(scrape.body, 'switchboard_dispatch_attempts_total', { channel: 'api' })! > 0 &&
        sample(scrape.body, 'switchboard_outbox_backlog', { queue: 'outbound' }) === 0
      )
    ) {
      await new Promise((r) => setTimeout(r, 200));
      scrape = await call('GET', '/metrics', { token: metricsToken });
    }
    socket.disconnect();
    expect(scrape.status).toBe(200);
    const m: string = scrape.body;
    expect(
      sample(m, 'switchboard_http_request_duration_seconds_count', {
        route: '/api/channels/api/:accountId/inbound',
        method: 'POST',
        status_code: '200',
      }),
    ).toBe(3);
    expect(sample(m, 'switchboard_inbound_messages_total', { channel: 'api', result: 'stored' })).toBe(2);
    expect(sample(m, 'switchboard_inbound_messages_total', { channel: 'api', result: 'duplicate' })).toBe(1);
    expect(sample(m, 'switchboard_dispatch_attempts_total', { channel: 'api' })).toBe(1);
    expect(sample(m, 'switchboard_dispatch_failures_total', { channel: 'api' }) ?? 0).toBe(0);
    expect(sample(m, 'switchboard_sla_sweep_duration_seconds_count')).toBeGreaterThan(0);
    expect(sample(m, 'switchboard_socket_connections', { namespace: '/agents' })).toBe(1);
    expect(sample(m, 'switchboard_outbox_backlog', { queue: 'outbound' })).toBe(0);
    expect(sample(m, 'switchboard_outbox_oldest_age_seconds', { queue: 'events' })).toBeGreaterThanOrEqual(0);
    expect(sample(m, 'switchboard_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
    expect(sample(m, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(m).toContain('# TYPE switchboard_mailbox_watcher_connected gauge');

    // Health: the old check, liveness and readiness (database, migrations, Redis).
    expect((await call('GET', '/api/health')).body).toEqual({ status: 'ok', db: 'up' });
    expect((await call('GET', '/api/health/live')).body).toEqual({ status: 'ok' });
    const ready = await call('GET', '/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({
      status: 'ready',
      db: 'up',
      migrations: 'applied',
      redis: 'up',
      shuttingDown: false,
    });

    // SIGTERM: a clean exit that says so.
    await api.stop();
    expect(api.exit).toBe('exited with code 0');
    const lines = api.output.split('\n').filter((l) => l.trim());
    const entries = lines.map((line) => {
      try {
        return JSON.parse(line) as Record<string, any>;
      } catch {
        throw new Error(`a log line is not JSON: ${line}`);
      }
    });
    expect(entries.some((e) => e.msg === 'shutdown complete')).toBe(true);
    // Every request line has its id; the reply's id follows it to the worker's send.
    const requestLines = entries.filter((e) => e.msg === 'request completed');
    expect(requestLines.length).toBeGreaterThan(5);
    for (const e of requestLines) expect(typeof e.reqId).toBe('string');
    expect(entries.find((e) => e.reqId === replyRequestId && e.msg === 'request completed')).toBeDefined();
    expect(
      entries.find((e) => e.reqId === replyRequestId && /^sent message .* through api/.test(String(e.msg))),
    ).toBeDefined();

    const secrets = {
      adminPassword,
      metricsToken,
      typo,
      token,
      apiKey,
      signingSecret,
      ...(dbPassword ? { dbPassword } : {}),
    };
    const secretsKey = api.env.SWITCHBOARD_SECRETS_KEY!;
    for (const [name, value] of Object.entries({ ...secrets, secretsKey })) {
      expect({ name, found: api.output.includes(value) }).toEqual({ name, found: false });
    }
  }, 60_000);
});
