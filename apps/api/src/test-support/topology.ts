import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ApiProcess, freePort } from './api-process.js';
import { createTestDatabase } from './test-database.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The proxy configuration the deployment uses: the same file, not a copy made for tests. */
export const HAPROXY_CONFIG = resolve(here, '../../../../deploy/haproxy.cfg');
export const HAPROXY = '/usr/sbin/haproxy';
export const REDIS_SERVER = '/usr/bin/redis-server';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function portAnswers(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

async function until(
  probe: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

/** A foreground child whose output is kept for a failing test's message. */
class Daemon {
  private child: ChildProcess | null = null;
  output = '';

  constructor(
    private readonly command: string,
    private readonly args: string[],
    private readonly env: NodeJS.ProcessEnv = { PATH: process.env.PATH },
  ) {}

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  spawn(): void {
    this.child = spawn(this.command, this.args, { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    this.child.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * A Redis of the suite's own on a free port: other test files share the machine's Redis (and
 * socket.io's pub/sub channels ignore the database index), and this one gets restarted.
 */
export class PrivateRedis {
  private daemon: Daemon | null = null;
  private constructor(readonly port: number) {}

  static available(): boolean {
    return existsSync(REDIS_SERVER);
  }

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.startAgain();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts the server (again) on the same port, empty: nothing of the old one survives. */
  async startAgain(): Promise<void> {
    this.daemon = new Daemon(REDIS_SERVER, [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
    ]);
    this.daemon.spawn();
    await until(() => portAnswers(this.port), 10_000, `redis-server on port ${this.port}`);
  }

  /** A crash: SIGKILL, every client connection cut. */
  async kill(): Promise<void> {
    await this.daemon?.stop('SIGKILL');
  }

  async stop(): Promise<void> {
    await this.daemon?.stop();
  }
}

/** HAProxy from Debian's package, run in the foreground on deploy/haproxy.cfg. */
export class Proxy {
  private readonly daemon: Daemon;

  constructor(
    readonly port: number,
    backends: number[],
  ) {
    this.daemon = new Daemon(HAPROXY, ['-db', '-f', HAPROXY_CONFIG], {
      PATH: process.env.PATH,
      SWITCHBOARD_LISTEN: `127.0.0.1:${port}`,
      SWITCHBOARD_WEB1: `127.0.0.1:${backends[0]}`,
      SWITCHBOARD_WEB2: `127.0.0.1:${backends[1]}`,
      SWITCHBOARD_WEB3: `127.0.0.1:${backends[2]}`,
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** What HAProxy logged: one line per request, and each server's UP/DOWN transitions. */
  get log(): string {
    return this.daemon.output;
  }

  async start(): Promise<void> {
    this.daemon.spawn();
    await until(
      () => {
        if (!this.daemon.running) throw new Error(`haproxy exited:\n${this.daemon.output}`);
        return portAnswers(this.port);
      },
      10_000,
      'haproxy to listen',
    );
  }

  async stop(): Promise<void> {
    await this.daemon.stop();
  }
}

export interface TopologyOptions {
  /** Extra environment for every node (e.g. shorter leases for the fault scenarios). */
  env?: Record<string, string>;
  workers?: number;
}

/**
 * The deployment of docker-compose.yml on loopback: HAProxy with deploy/haproxy.cfg in front of
 * three ROLE=web nodes, ROLE=worker nodes apart, a fresh database on the machine's PostgreSQL
 * and a private Redis. Nodes are real child processes of the built app, so a test can SIGKILL one.
 */
export class Topology {
  private constructor(
    readonly database: { url: string; drop(): Promise<void> },
    readonly redis: PrivateRedis,
    readonly proxy: Proxy,
    readonly web: ApiProcess[],
    readonly workers: ApiProcess[],
    /** Reads what was committed, whatever the nodes answered. */
    readonly db: pg.Pool,
    private readonly nodeEnv: Record<string, string | undefined>,
    private readonly dataDir: string,
  ) {}

  static async start(options: TopologyOptions = {}): Promise<Topology> {
    for (const binary of [HAPROXY, REDIS_SERVER]) {
      if (!existsSync(binary)) throw new Error(`${binary} is missing: run scripts/ensure-system-deps.sh`);
    }
    const database = await createTestDatabase();
    const redis = await PrivateRedis.start();
    const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-topology-'));
    // One deployment: every node shares the secrets key, database, Redis and data directory.
    const nodeEnv: Record<string, string | undefined> = {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      DATA_DIR: dataDir,
      SWITCHBOARD_SECRETS_KEY: randomBytes(32).toString('base64'),
      // The proxy is on loopback: only it may name the client's address.
      TRUST_PROXY: '127.0.0.1',
      ...options.env,
    };
    const webPorts = [await freePort(), await freePort(), await freePort()];
    const web = webPorts.map((port) => new ApiProcess(port, { ...nodeEnv, ROLE: 'web' }));
    const workers = Array.from(
      { length: options.workers ?? 1 },
      () => new ApiProcess(0, { ...nodeEnv, ROLE: 'worker' }),
    );
    const db = new pg.Pool({ connectionString: database.url, max: 3 });
    db.on('error', () => undefined);
    const proxy = new Proxy(await freePort(), webPorts);
    const topology = new Topology(database, redis, proxy, web, workers, db, nodeEnv, dataDir);
    // Started together, as `docker compose up` does: they race for the migrations.
    await Promise.all(web.map((node) => node.start(120_000)));
    await Promise.all(workers.map((worker) => topology.startWorker(worker)));
    await proxy.start();
    await Promise.all(web.map((node) => topology.waitReady(node)));
    return topology;
  }

  /** A worker serves no HTTP: it has started once it registered itself in `api_nodes`. */
  async startWorker(worker: ApiProcess): Promise<void> {
    await worker.start(120_000, async () => {
      const { rows } = await this.db
        .query(`SELECT 1 FROM api_nodes WHERE pid = $1 AND role = 'worker'`, [worker.pid])
        .catch(() => ({ rows: [] }));
      return rows.length > 0;
    });
  }

  /** Another worker of the same deployment, started now. */
  async addWorker(): Promise<ApiProcess> {
    const worker = new ApiProcess(0, { ...this.nodeEnv, ROLE: 'worker' });
    this.workers.push(worker);
    await this.startWorker(worker);
    return worker;
  }

  async waitReady(node: ApiProcess, timeoutMs = 30_000): Promise<void> {
    await until(async () => (await readiness(node.url)) === 200, timeoutMs, `${node.url} to be ready`);
  }

  async stop(): Promise<void> {
    await this.proxy.stop();
    await Promise.all([...this.web, ...this.workers].map((node) => node.stop()));
    await this.db.end();
    await this.redis.stop();
    await this.database.drop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** GET /api/health/ready's status, 0 when nothing answered in time. */
export async function readiness(baseUrl: string, timeoutMs = 3_000): Promise<number> {
  try {
    return (await fetch(`${baseUrl}/api/health/ready`, { signal: AbortSignal.timeout(timeoutMs) })).status;
  } catch {
    return 0;
  }
}
