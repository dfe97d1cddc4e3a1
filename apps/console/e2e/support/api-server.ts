import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, '../../../..');
export const API_MAIN = resolve(REPO_ROOT, 'apps/api/dist/main.js');
export const CONSOLE_DIST = resolve(REPO_ROOT, 'apps/console/dist/index.html');

export const ADMIN = { email: 'admin@e2e.local', password: 'admin-password-123' };

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolvePort(port));
    });
  });
}

/**
 * The built API (`node apps/api/dist/main.js`) as a child process on a free port. It keeps its
 * port and environment (same secrets key, same database) across `restart()`, as a deploy would.
 */
export class ApiServer {
  private child: ChildProcess | null = null;
  output = '';

  private constructor(
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** `env` adds to or overrides the defaults, e.g. `SWITCHBOARD_SEED_DEMO: 'true'` for the demo workspace. */
  static async create(databaseUrl: string, env: NodeJS.ProcessEnv = {}): Promise<ApiServer> {
    for (const file of [API_MAIN, CONSOLE_DIST]) {
      if (!existsSync(file))
        throw new Error(`${file} is missing: run \`npx nx run-many -t build --projects=api,console\` first`);
    }
    const port = await freePort();
    return new ApiServer(port, {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      SWITCHBOARD_SECRETS_KEY: randomBytes(32).toString('base64'),
      SWITCHBOARD_SEED_DEMO: 'false',
      SWITCHBOARD_ADMIN_EMAIL: ADMIN.email,
      SWITCHBOARD_ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'silent',
      ...env,
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(timeoutMs = 90_000): Promise<void> {
    const child = spawn(process.execPath, [API_MAIN], {
      cwd: REPO_ROOT,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout!.on('data', (d: Buffer) => (this.output = (this.output + d.toString()).slice(-20_000)));
    child.stderr!.on('data', (d: Buffer) => (this.output = (this.output + d.toString()).slice(-20_000)));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}:\n${this.output}`);
      try {
        const res = await fetch(`${this.url}/api/health`);
        if (res.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`the API did not answer /api/health within ${timeoutMs} ms:\n${this.output}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}
