import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const API_MAIN = resolve(here, '../../dist/main.js');

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

/** The built API as a real child process, so tests can SIGKILL it like a crash would. */
export class ApiProcess {
  private child: ChildProcess | null = null;
  readonly port: number;
  readonly env: NodeJS.ProcessEnv;
  output = '';

  constructor(port: number, env: Record<string, string | undefined>) {
    this.port = port;
    this.env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      HOST: '127.0.0.1',
      SWITCHBOARD_SECRETS_KEY: randomBytes(32).toString('base64'),
      SWITCHBOARD_SEED_DEMO: 'false',
      SWITCHBOARD_ADMIN_EMAIL: 'admin@test.local',
      SWITCHBOARD_ADMIN_PASSWORD: 'admin-password-123',
      LOG_LEVEL: 'silent',
      ...env,
    };
  }

  /** The child's process id while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Why the child ended, or null while it still runs. */
  get exit(): string | null {
    const child = this.child;
    if (!child || (child.exitCode === null && child.signalCode === null)) return null;
    return child.signalCode ? `killed by ${child.signalCode}` : `exited with code ${child.exitCode}`;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /**
   * Starts the child and waits until `started` says so (default: GET /api/health answers 200; a
   * worker, which serves no HTTP, passes its own check).
   */
  async start(timeoutMs = 60_000, started: () => Promise<boolean> = () => this.healthy()): Promise<void> {
    this.child = spawn(process.execPath, [API_MAIN], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    this.child.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null)
        throw new Error(`API exited with ${this.child.exitCode}:\n${this.output}`);
      if (await started()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`API did not become healthy in ${timeoutMs} ms:\n${this.output}`);
  }

  private async healthy(): Promise<boolean> {
    try {
      return (await fetch(`${this.url}/api/health`)).ok;
    } catch {
      return false; // Not listening yet.
    }
  }

  /** A crash: no shutdown hooks, no flushing, connections cut. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}
