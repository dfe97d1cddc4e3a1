import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import nodemailer from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Db, type Sql } from '../common/db.js';
import { NotificationMailSettings, type NotificationMailServer } from './notification-mail-settings.js';

const POLL_MS = 250;
const MAX_BATCH = 20;
const TIMEOUT_MS = 15_000;
/** Back-off of a digest whose send failed: 5 s, 10 s, 20 s … up to 10 minutes. */
const retryDelaySeconds = (attempts: number) => Math.min(600, 5 * 2 ** Math.min(attempts, 10));

interface DueDigest {
  user_id: string;
  attempts: number;
  email: string;
  name: string;
}

interface PendingItem {
  id: string;
  text: string;
}

/**
 * Sends agents' notification emails on worker nodes. A digest falls due once its window has
 * passed; one email then lists every notification that joined it. A failing server is logged and
 * the digest retried with back-off; nothing waits on it (notifications are already stored).
 * Digests are taken with `FOR UPDATE SKIP LOCKED`, so two nodes never send the same one.
 */
@Injectable()
export class NotificationMailer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('NotificationMailer');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly settings: NotificationMailSettings,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.role === 'web') return;
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sendDue()
        .then(
          () => undefined,
          (err: Error) => this.logger.warn(`notification emails: ${err.message}`),
        )
        .finally(() => {
          this.running = null;
          this.schedule();
        });
    }, POLL_MS);
  }

  /** Sends the digests that are due; how many went out. */
  async sendDue(): Promise<number> {
    return this.db.tx(async (sql) => {
      const due = await sql.query<DueDigest>(
        `SELECT d.user_id, d.attempts, u.email, u.name FROM notification_digests d JOIN users u ON u.id = d.user_id
          WHERE d.due_at <= now() ORDER BY d.due_at LIMIT $1 FOR UPDATE OF d SKIP LOCKED`,
        [MAX_BATCH],
      );
      if (due.length === 0) return 0;
      const server = await this.settings.server(sql);
      let sent = 0;
      for (const digest of due) if (await this.sendOne(sql, server, digest)) sent++;
      return sent;
    });
  }

  private async sendOne(
    sql: Sql,
    server: NotificationMailServer | null,
    digest: DueDigest,
  ): Promise<boolean> {
    const items = await sql.query<PendingItem>(
      `SELECT id, text FROM notifications WHERE user_id = $1 AND email_pending ORDER BY created_at, id`,
      [digest.user_id],
    );
    if (items.length === 0 || !server) {
      // Nothing left to say (or the admin removed the server): the digest closes without a send.
      await closeDigest(sql, digest.user_id, items);
      return false;
    }
    try {
      await send(server, digest, items);
    } catch (err) {
      const delay = retryDelaySeconds(digest.attempts);
      const reason = (err as Error).message;
      this.logger.warn(
        `notification email to user ${digest.user_id} failed (attempt ${digest.attempts + 1}), retrying in ${delay} s: ${reason}`,
      );
      await sql.query(
        `UPDATE notification_digests SET attempts = attempts + 1, last_error = $2,
                due_at = now() + make_interval(secs => $3) WHERE user_id = $1`,
        [digest.user_id, reason.slice(0, 500), delay],
      );
      return false;
    }
    await closeDigest(sql, digest.user_id, items);
    return true;
  }
}

async function closeDigest(sql: Sql, userId: string, items: PendingItem[]): Promise<void> {
  await sql.query(
    `UPDATE notifications SET email_pending = false, emailed_at = now() WHERE id = ANY($1::uuid[])`,
    [items.map((i) => i.id)],
  );
  await sql.query(`DELETE FROM notification_digests WHERE user_id = $1`, [userId]);
}

/** One email listing the digest's notifications, oldest first. */
async function send(server: NotificationMailServer, digest: DueDigest, items: PendingItem[]): Promise<void> {
  const transport = nodemailer.createTransport({
    host: server.host,
    port: server.port,
    secure: server.secure,
    ...(server.user ? { auth: { user: server.user, pass: server.password ?? '' } } : {}),
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  try {
    const subject = items.length === 1 ? items[0].text : `${items.length} new notifications on Switchboard`;
    const text = [`Hi ${digest.name},`, '', ...items.map((i) => `- ${i.text}`), ''].join('\n');
    await transport.sendMail({ from: server.from, to: digest.email, subject: subject.slice(0, 200), text });
  } finally {
    transport.close();
  }
}
