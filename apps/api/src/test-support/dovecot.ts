import { spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  chownSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { childrenOf } from './database-outage.js';
import { freePort } from './api-process.js';

/** Dovecot's uid/gid for mail: root is refused as a mail user (notes/real-mail-server-in-tests.md). */
const NOBODY = 65534;
const NOGROUP = 65534;
export const DOVECOT = '/usr/sbin/dovecot';

export interface MailUser {
  user: string;
  password: string;
}

/**
 * A real Dovecot (IMAP + LMTP) on loopback from its own config: free ports, a 0755 temp
 * root, mail owned by nobody, no TLS, stopped by the PID of its master. Install it with
 * scripts/ensure-system-deps.sh.
 */
export class DovecotServer {
  readonly dir: string;
  imapPort = 0;
  lmtpPort = 0;
  private child: ChildProcess | null = null;
  private stderr = '';

  constructor(readonly users: MailUser[]) {
    this.dir = mkdtempSync(join(tmpdir(), 'switchboard-dovecot-'));
    chmodSync(this.dir, 0o755);
  }

  static async start(users: MailUser[]): Promise<DovecotServer> {
    if (!existsSync(DOVECOT)) throw new Error(`${DOVECOT} is missing: run scripts/ensure-system-deps.sh`);
    const server = new DovecotServer(users);
    await server.boot();
    return server;
  }

  get log(): string {
    const path = join(this.dir, 'dovecot.log');
    return existsSync(path) ? readFileSync(path, 'utf8') : '';
  }

  private async boot(): Promise<void> {
    this.imapPort = await freePort();
    this.lmtpPort = await freePort();
    const mail = join(this.dir, 'mail');
    mkdirSync(mail);
    chownSync(mail, NOBODY, NOGROUP);
    writeFileSync(
      join(this.dir, 'users'),
      this.users.map((u) => `${u.user}:{PLAIN}${u.password}::::::\n`).join(''),
    );
    writeFileSync(
      join(this.dir, 'dovecot.conf'),
      `protocols = imap lmtp
listen = 127.0.0.1
base_dir = ${this.dir}/run
state_dir = ${this.dir}/state
log_path = ${this.dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${this.dir}/users
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=${mail}/%u
}
service imap-login {
  inet_listener imap {
    port = ${this.imapPort}
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    port = ${this.lmtpPort}
  }
}
`,
    );
    await this.spawnMaster();
  }

  private async spawnMaster(): Promise<void> {
    this.child = spawn(DOVECOT, ['-F', '-c', join(this.dir, 'dovecot.conf')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    const deadline = Date.now() + 20_000;
    while (!(await canConnect(this.imapPort))) {
      if (this.child.exitCode !== null)
        throw new Error(`dovecot exited with ${this.child.exitCode}: ${this.stderr}`);
      if (Date.now() > deadline)
        throw new Error(`dovecot did not listen in 20 s: ${this.stderr}\n${this.log}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Stops the master by its PID and waits for it (SIGKILL after 10 s); removes the temp root. */
  async stop(): Promise<void> {
    await this.stopMaster();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /**
   * The server goes away for `downMs` with every session cut, then comes back on the same port
   * with the same mail store. A SIGTERM to the master alone would not do: Dovecot lets running
   * imap processes keep serving their clients, so a watcher would never notice. Master and
   * children are SIGKILLed together, as a crash or a host restart ends them.
   */
  async restart(downMs: number): Promise<void> {
    const child = this.child;
    if (child?.pid && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      const pids = [child.pid, ...childrenOf(child.pid)];
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Exited meanwhile.
        }
      }
      await exited;
    }
    this.child = null;
    await new Promise((r) => setTimeout(r, downMs));
    await this.spawnMaster();
  }

  private async stopMaster(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  }

  imapConfig(user: MailUser, mailbox?: string) {
    return {
      host: '127.0.0.1',
      port: this.imapPort,
      secure: false,
      user: user.user,
      password: user.password,
      ...(mailbox ? { mailbox } : {}),
    };
  }

  /** A logged-in client for the test's own APPENDs and checks; close it with `logout()`. */
  async client(user: MailUser): Promise<ImapFlow> {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: this.imapPort,
      secure: false,
      auth: { user: user.user, pass: user.password },
      logger: false,
      emitLogs: false,
      disableAutoIdle: true,
    });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }

  /** APPENDs raw mail to a user's mailbox, as delivery would. */
  async append(user: MailUser, raw: string | Buffer, mailbox = 'INBOX'): Promise<number> {
    const client = await this.client(user);
    try {
      const res = await client.append(mailbox, raw);
      if (!res) throw new Error('APPEND failed');
      return res.uid ?? 0;
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  /** APPENDs many mails over one connection, in order (a login per mail is slow for hundreds). */
  async appendMany(user: MailUser, raws: (string | Buffer)[], mailbox = 'INBOX'): Promise<void> {
    const client = await this.client(user);
    try {
      for (const raw of raws) if (!(await client.append(mailbox, raw))) throw new Error('APPEND failed');
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  /** Flags of every message in the mailbox by UID. */
  async flags(user: MailUser, mailbox = 'INBOX'): Promise<Map<number, Set<string>>> {
    const client = await this.client(user);
    try {
      await client.mailboxOpen(mailbox);
      const out = new Map<number, Set<string>>();
      for (const msg of await client.fetchAll('1:*', { uid: true, flags: true }))
        out.set(msg.uid, msg.flags ?? new Set());
      return out;
    } catch (err) {
      if (/empty|Invalid messageset|nonexistent/i.test((err as Error).message)) return new Map();
      throw err;
    } finally {
      await client.logout().catch(() => client.close());
    }
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
