import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Sql } from '../common/db.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { TicketWriter } from '../tickets/ticket-writer.js';
import type { WebhookAttemptOutcome } from './webhook-sender.js';

/**
 * Counts events in a row that failed every attempt, per webhook. At the configured number the
 * webhook is turned off (its pending deliveries wait until an admin turns it on again) and every
 * admin is notified, in the transaction that recorded the last failure, so it happens once.
 */
@Injectable()
export class WebhookFailures {
  private readonly logger = new Logger('WebhookFailures');

  constructor(
    private readonly writer: TicketWriter,
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** An event went through: the count starts again. */
  async delivered(sql: Sql, webhookId: string): Promise<void> {
    await sql.query(
      `UPDATE webhooks SET consecutive_failures = 0 WHERE id = $1 AND consecutive_failures <> 0`,
      [webhookId],
    );
  }

  /** An event failed every attempt; what to do once that committed (publish the notifications). */
  async eventFailed(
    sql: Sql,
    webhookId: string,
    outcome: WebhookAttemptOutcome,
  ): Promise<(() => void) | undefined> {
    const limit = this.config.webhookDisableAfterFailedEvents;
    const reason = `${limit} events in a row failed every attempt (last: ${outcome.error ?? 'no answer'})`;
    // The old row decides, so a webhook an admin turned off meanwhile is neither renamed nor re-announced.
    const [row] = await sql.query<{ url: string; just_turned_off: boolean }>(
      `WITH old AS (SELECT enabled, consecutive_failures AS failures FROM webhooks WHERE id = $1 FOR UPDATE)
       UPDATE webhooks w SET consecutive_failures = old.failures + 1,
              enabled = CASE WHEN old.enabled AND old.failures + 1 >= $2 THEN false ELSE w.enabled END,
              disabled_reason = CASE WHEN old.enabled AND old.failures + 1 >= $2 THEN $3 ELSE w.disabled_reason END,
              updated_at = now()
         FROM old WHERE w.id = $1
       RETURNING w.url, old.enabled AND old.failures + 1 >= $2 AS just_turned_off`,
      [webhookId, limit, reason],
    );
    const turnedOff = row?.just_turned_off ? row : null;
    if (!turnedOff) return undefined;
    this.logger.warn(`webhook ${webhookId} turned off: ${reason}`);
    const admins = await sql.query<{ id: string }>(`SELECT id FROM users WHERE active AND role = 'admin'`);
    const tx = this.writer.join(sql);
    await this.notifications.notify(tx, {
      kind: 'webhook_disabled',
      ticketId: null,
      // The origin only: some receivers carry their credential in the path or query, and this may go by email.
      text: `The webhook to ${new URL(turnedOff.url).origin} was turned off: ${reason}. Turn it on again under Admin → Webhooks.`,
      recipientIds: admins.map((a) => a.id),
      actorId: null,
    });
    return () => this.writer.afterCommit(tx);
  }
}
