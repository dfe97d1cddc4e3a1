import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { io, type Socket } from 'socket.io-client';
import { createApp } from '../bootstrap.js';
import { loadConfig, type AppConfig } from '../config/app-config.js';
import { Db } from '../common/db.js';
import { createTestDatabase } from './test-database.js';

export const ADMIN = { email: 'admin@test.local', password: 'admin-password-123' };

export interface HttpResult<T = any> {
  status: number;
  body: T;
}

export interface TestApp {
  app: NestFastifyApplication;
  url: string;
  config: AppConfig;
  db: Db;
  request<T = any>(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<HttpResult<T>>;
  login(email: string, password: string): Promise<string>;
  adminToken(): Promise<string>;
  createTeam(name: string): Promise<string>;
  createUser(opts: {
    email: string;
    role?: 'agent' | 'supervisor' | 'admin';
    teamIds?: string[];
    password?: string;
  }): Promise<{ id: string; token: string }>;
  createApiAccount(opts?: {
    teamId?: string | null;
    callbackUrl?: string;
  }): Promise<{ id: string; apiKey: string; signingSecret: string }>;
  inbound(account: { id: string; apiKey: string }, body: Record<string, unknown>): Promise<HttpResult>;
  socket(token: string): Promise<Socket>;
  close(opts?: { keepDatabase?: boolean }): Promise<void>;
}

/** The real app on a real, fresh PostgreSQL database, listening on a free port. */
export async function startTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  // A second node of the same deployment passes the first one's databaseUrl.
  const database = overrides.databaseUrl
    ? { url: overrides.databaseUrl, drop: async () => undefined }
    : await createTestDatabase();
  const config: AppConfig = {
    ...loadConfig({}),
    databaseUrl: database.url,
    port: 0,
    host: '127.0.0.1',
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
    seedDemo: false,
    secretsKey: randomBytes(32).toString('base64'),
    logLevel: 'silent',
    ...overrides,
  };
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const sockets: Socket[] = [];
  let cachedAdmin: string | null = null;

  const request: TestApp['request'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined = opts.raw;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(url + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: keep the text.
    }
    return { status: res.status, body: parsed as any };
  };

  const login = async (email: string, password: string) => {
    const res = await request('POST', '/api/auth/login', { body: { email, password } });
    if (res.status !== 200)
      throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.token as string;
  };

  const adminToken = async () => (cachedAdmin ??= await login(ADMIN.email, ADMIN.password));

  const t: TestApp = {
    app,
    url,
    config,
    db: app.get(Db),
    request,
    login,
    adminToken,
    async createTeam(name) {
      const res = await request('POST', '/api/admin/teams', { token: await adminToken(), body: { name } });
      if (res.status !== 201) throw new Error(`createTeam: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id;
    },
    async createUser({ email, role = 'agent', teamIds = [], password = 'agent-password-123' }) {
      const res = await request('POST', '/api/admin/users', {
        token: await adminToken(),
        body: { email, name: email.split('@')[0], password, role, teamIds },
      });
      if (res.status !== 201) throw new Error(`createUser: ${res.status} ${JSON.stringify(res.body)}`);
      return { id: res.body.id, token: await login(email, password) };
    },
    async createApiAccount({ teamId = null, callbackUrl } = {}) {
      const res = await request('POST', '/api/admin/channel-accounts', {
        token: await adminToken(),
        body: { kind: 'api', name: 'Test API', teamId, config: callbackUrl ? { callbackUrl } : {} },
      });
      if (res.status !== 201) throw new Error(`createApiAccount: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    inbound(account, body) {
      return request('POST', `/api/channels/api/${account.id}/inbound`, {
        headers: { 'x-api-key': account.apiKey },
        body,
      });
    },
    async socket(token) {
      const socket = io(`${url}/agents`, { auth: { token }, transports: ['websocket'], reconnection: false });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', (err) => reject(err));
      });
      return socket;
    },
    async close({ keepDatabase = false } = {}) {
      for (const s of sockets) s.disconnect();
      await app.close();
      if (!keepDatabase) await database.drop();
    },
  };
  return t;
}

/** Collects socket events by name for assertions. */
export function recordEvents(socket: Socket): Array<{ name: string; payload: any }> {
  const seen: Array<{ name: string; payload: any }> = [];
  socket.onAny((name: string, payload: unknown) => seen.push({ name, payload }));
  return seen;
}

export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 5000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
