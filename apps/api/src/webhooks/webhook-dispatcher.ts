import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { backoffDelayMs } from '@switchboard/domain';
import { SecretBox } from '../channel-accounts/secret-box.js';
import { Db } from '../common/db.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FailureBackoff } from '../workers/failure-backoff.js';
import { WebhookFailures } from './webhook-failures.js';
import { sendWebhook, type WebhookAttemptOutcome } from './webhook-sender.js';

const BATCH = 16;
const POLL_MS = 500;
/** Retries never wait longer than this. */
const MAX_RETRY_DELAY_MS = 60 * 60_000;

interface ClaimedDelivery {
  id: string;
  webhook_id: string;
  event_id: string;
  event: string;
  body: string;
  attempts: number;
  round_attempts: number;
  url: string;
  secret_sealed: string;
  allow_private_targets: boolean;
}

/**
 * Sends due webhook deliveries on worker nodes. Deliveries are leased with FOR UPDATE SKIP
 * LOCKED, so any number of workers share them; each attempt is logged with its status code and
 * time; a failed attempt is retried with exponential backoff (full jitter) until the attempts
 * run out, and then the event counts against the webhook (see `WebhookFailures`). A node that
 * dies mid-send leaves the lease to expire and the event is sent again with the same id and body.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WebhookDispatcher');
  private readonly backoff = new FailureBackoff('webhook dispatch', POLL_MS, this.logger);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private rerun = false;
  private stopped = true;

  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
    private readonly failures: WebhookFailures,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.role === 'web') return;
    this.stopped = false;
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Looks for due deliveries now (new events committed, a redelivery asked for). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.drain()
      .then(
        () => this.backoff.succeeded(),
        (err: unknown) => this.backoff.failed(err),
      )
      .then((wait) => {
        this.running = null;
        const again = this.rerun;
        this.rerun = false;
        this.schedule(again ? 0 : wait);
      });
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), ms);
  }

  /** Claims and sends batches until nothing is due. */
  async drain(): Promise<void> {
    for (;;) {
      const batch = await this.claim();
      if (batch.length === 0) return;
      await Promise.all(batch.map((delivery) => this.attempt(delivery)));
    }
  }

  /** A delivery in flight is leased like an outbound send: one a node dies with goes to another after that. */
  private claim(): Promise<ClaimedDelivery[]> {
    return this.db.query<ClaimedDelivery>(
      `WITH claimed AS (
         UPDATE webhook_deliveries d
            SET locked_until = now() + make_interval(secs => $1), attempts = attempts + 1, round_attempts = round_attempts + 1
          WHERE id IN (SELECT d.id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id AND w.enabled
                        WHERE d.status = 'pending' AND d.next_attempt_at <= now()
                          AND (d.locked_until IS NULL OR d.locked_until < now())
                        ORDER BY d.next_attempt_at LIMIT $2 FOR UPDATE OF d SKIP LOCKED)
         RETURNING d.*)
       SELECT c.id, c.webhook_id, c.event_id, c.event, c.body, c.attempts, c.round_attempts,
              w.url, w.secret_sealed, w.allow_private_targets
         FROM claimed c JOIN webhooks w ON w.id = c.webhook_id`,
      [this.config.outboxLeaseSeconds, BATCH],
    );
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    let outcome: WebhookAttemptOutcome;
    try {
      outcome = await sendWebhook({
        url: delivery.url,
        allowPrivateTargets: delivery.allow_private_targets,
        secret: this.box.open<string>(delivery.secret_sealed),
        eventId: delivery.event_id,
        event: delivery.event,
        body: delivery.body,
        // Well inside the lease, so no other node takes the delivery over while this one waits.
        timeoutMs: Math.min(10_000, (this.config.outboxLeaseSeconds * 1000) / 2),
      });
    } catch (err) {
      outcome = { ok: false, statusCode: null, durationMs: 0, error: (err as Error).message };
    }
    await this.record(delivery, outcome);
  }

  /** The attempt's line in the log and the delivery's next state, in one transaction. */
  private async record(delivery: ClaimedDelivery, outcome: WebhookAttemptOutcome): Promise<void> {
    const exhausted = !outcome.ok && delivery.round_attempts >= this.config.webhookMaxAttempts;
    const retryInMs = backoffDelayMs(
      delivery.round_attempts,
      this.config.webhookRetryBaseMs,
      MAX_RETRY_DELAY_MS,
    );
    const afterCommit = await this.db.tx(async (sql) => {
      await sql.query(
        `INSERT INTO webhook_delivery_attempts (delivery_id, attempt, status_code, duration_ms, error)
         VALUES ($1, $2, $3, $4, $5)`,
        [delivery.id, delivery.attempts, outcome.statusCode, outcome.durationMs, outcome.error],
      );
      await sql.query(
        `UPDATE webhook_deliveries SET
           status = CASE WHEN $2 THEN 'delivered' WHEN $3 THEN 'failed' ELSE 'pending' END,
           delivered_at = CASE WHEN $2 THEN now() ELSE delivered_at END,
           next_attempt_at = CASE WHEN $2 OR $3 THEN NULL ELSE now() + make_interval(secs => $4::double precision / 1000) END,
           last_status_code = $5, locked_until = NULL
         WHERE id = $1`,
        [delivery.id, outcome.ok, exhausted, retryInMs, outcome.statusCode],
      );
      if (outcome.ok) return this.failures.delivered(sql, delivery.webhook_id);
      if (exhausted) return this.failures.eventFailed(sql, delivery.webhook_id, outcome);
    });
    afterCommit?.();
    if (!outcome.ok)
      this.logger.warn(
        `webhook ${delivery.webhook_id} event ${delivery.event_id} attempt ${delivery.attempts} failed: ${outcome.error}`,
      );
  }
}
