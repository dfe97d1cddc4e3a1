import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

/**
 * Ways a test takes PostgreSQL away from the API, as production sees it: connections cut by an
 * administrator or a restart (57P01), a database that refuses new connections, a server that
 * stops answering. Only ever aimed at a test's own database or a private embedded cluster.
 */
export class DatabaseOutage {
  private constructor(
    private readonly admin: pg.Client,
    readonly database: string,
  ) {}

  /** `databaseUrl` names the test's database; the admin connection goes to the server's `postgres` database. */
  static async open(databaseUrl: string): Promise<DatabaseOutage> {
    const url = new URL(databaseUrl);
    const database = decodeURIComponent(url.pathname.slice(1));
    url.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: url.toString() });
    admin.on('error', () => undefined);
    await admin.connect();
    return new DatabaseOutage(admin, database);
  }

  /** `pg_terminate_backend` on every connection to the database; returns how many were cut. */
  async terminateConnections(): Promise<number> {
    const { rows } = await this.admin.query<{ n: number }>(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [this.database],
    );
    return rows[0].n;
  }

  /** Turns new connections away (as a database being shut down does) and cuts the existing ones. */
  async refuseConnections(): Promise<void> {
    await this.admin.query(
      `ALTER DATABASE ${pg.escapeIdentifier(this.database)} WITH ALLOW_CONNECTIONS false`,
    );
    await this.terminateConnections();
  }

  async allowConnections(): Promise<void> {
    await this.admin.query(
      `ALTER DATABASE ${pg.escapeIdentifier(this.database)} WITH ALLOW_CONNECTIONS true`,
    );
  }

  async close(): Promise<void> {
    await this.allowConnections().catch(() => undefined);
    await this.admin.end().catch(() => undefined);
  }
}

function postmasterOf(dataDir: string): number {
  return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

/** The processes a server's master started (PostgreSQL backends, Dovecot's imap processes, ...). */
export function childrenOf(postmaster: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        // Field 4 of /proc/PID/stat is the parent pid; the command name (field 2) may hold spaces.
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
      } catch {
        return false; // exited meanwhile
      }
    })
    .map(Number);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // The process exited meanwhile.
  }
}

/**
 * Freezes a private cluster with SIGSTOP: its port still accepts connections (the kernel
 * completes the handshake) but nothing ever answers, like a hung server. Returns the thaw.
 */
export function freezeCluster(dataDir: string): () => void {
  // The postmaster stops first so it forks no backend after the children are listed; a
  // backend forked just before would otherwise keep answering a "frozen" server's queries.
  const postmaster = postmasterOf(dataDir);
  process.kill(postmaster, 'SIGSTOP');
  const pids = [postmaster, ...childrenOf(postmaster)];
  for (const pid of pids.slice(1)) signal(pid, 'SIGSTOP');
  return () => pids.forEach((pid) => signal(pid, 'SIGCONT'));
}
