import { Inject, Injectable, Logger } from '@nestjs/common';
import { signCallback } from '@switchboard/channel-api';
import { backoffDelayMs } from '@switchboard/domain';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Db } from '../common/db.js';
import { SecretBox } from '../channel-accounts/secret-box.js';
import { SlaClockService } from '../sla/sla-clock.service.js';
import { TicketWriter } from '../tickets/ticket-writer.js';
import { handOffToTeam } from './bot-handoff.js';
import type { BotRow } from './bots.service.js';
import { LeasedWorkLoop } from './leased-work-loop.js';

const TIMEOUT_MS = 10_000;
/** Attempts before the bot counts as unreachable and a person takes the ticket. */
export const MAX_WEBHOOK_ATTEMPTS = 6;
const BATCH = 20;

interface DeliveryRow {
  id: string;
  bot_id: string;
  ticket_id: string;
  message_id: string;
  body: unknown;
  attempts: number;
  webhook_url: string | null;
  signing_secret_sealed: string | null;
}

/**
 * Posts customer messages to external bots, signed like the API channel's callbacks
 * (`X-Switchboard-Signature` over `${timestamp}.${body}`), with an `Idempotency-Key` that is the
 * same on every retry. Deliveries are rows (queued with the message's handling), claimed with a
 * lease (the leased work loop) so any worker node may send them, and sent in order. A bot that stays unreachable must
 * not leave the customer waiting: after the last attempt the ticket goes to the team.
 */
@Injectable()
export class BotWebhookDispatcher extends LeasedWorkLoop {
  protected readonly logger = new Logger('BotWebhooks');

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly db: Db,
    private readonly box: SecretBox,
    private readonly writer: TicketWriter,
    private readonly sla: SlaClockService,
  ) {
    super(config);
  }

  protected async runDue(): Promise<boolean> {
    return (await this.sendDue()) === BATCH;
  }

  /** Claims and sends the due deliveries, oldest first; how many it claimed. */
  async sendDue(): Promise<number> {
    const rows = await this.db.query<DeliveryRow>(
      `WITH due AS (
         SELECT id FROM bot_webhook_deliveries
          WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now()
            AND (locked_until IS NULL OR locked_until < now())
          ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED),
       claimed AS (
         UPDATE bot_webhook_deliveries d SET locked_until = now() + interval '60 seconds', attempts = attempts + 1
           FROM due WHERE d.id = due.id RETURNING d.*)
       SELECT c.id, c.bot_id, c.ticket_id, c.message_id, c.body, c.attempts, b.webhook_url, b.signing_secret_sealed
         FROM claimed c JOIN bots b ON b.id = c.bot_id ORDER BY c.id`,
      [BATCH],
    );
    const failedTickets = new Set<string>();
    for (const row of rows) {
      // A message after one that failed waits for it: the bot reads a conversation in order.
      if (failedTickets.has(row.ticket_id)) {
        await this.db.query(
          `UPDATE bot_webhook_deliveries SET locked_until = NULL, attempts = attempts - 1 WHERE id = $1`,
          [row.id],
        );
        continue;
      }
      const error = await this.post(row);
      if (!error) {
        await this.db.query(
          `UPDATE bot_webhook_deliveries SET delivered_at = now(), locked_until = NULL WHERE id = $1`,
          [row.id],
        );
        continue;
      }
      failedTickets.add(row.ticket_id);
      if (row.attempts >= MAX_WEBHOOK_ATTEMPTS) await this.giveUp(row, error);
      else
        await this.db.query(
          `UPDATE bot_webhook_deliveries SET locked_until = NULL, last_error = $2,
                  next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1`,
          [row.id, error, backoffDelayMs(row.attempts) / 1000],
        );
    }
    return rows.length;
  }

  /** The error, or null when the bot took the message. */
  private async post(row: DeliveryRow): Promise<string | null> {
    if (!row.webhook_url || !row.signing_secret_sealed) return 'the bot has no webhook URL or signing secret';
    const secret = this.box.open<string>(row.signing_secret_sealed);
    const body = JSON.stringify(row.body);
    const timestamp = String(Math.floor(Date.now() / 1000));
    try {
      const response = await fetch(row.webhook_url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': `${row.bot_id}:${row.message_id}`,
          'x-switchboard-timestamp': timestamp,
          'x-switchboard-signature': signCallback(secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (response.ok) return null;
      return `the bot answered ${response.status}`;
    } catch (err) {
      return `the bot is unreachable: ${(err as Error).message}`;
    }
  }

  /** The last attempt failed: the delivery is given up and the customer goes to a person. */
  private async giveUp(row: DeliveryRow, error: string): Promise<void> {
    this.logger.warn(`bot ${row.bot_id} did not take message ${row.message_id}: ${error}`);
    await this.writer.transaction(async (tx) => {
      await tx.sql.query(
        `UPDATE bot_webhook_deliveries SET failed_at = now(), locked_until = NULL, last_error = $2 WHERE id = $1`,
        [row.id, error],
      );
      const ticket = await tx.lock(row.ticket_id);
      if (ticket?.bot_id !== row.bot_id) return;
      const [bot] = await tx.sql.query<BotRow>(`SELECT * FROM bots WHERE id = $1`, [row.bot_id]);
      await handOffToTeam(tx, this.sla, ticket, bot, { teamId: null, reason: 'bot_unreachable' });
    });
  }
}
