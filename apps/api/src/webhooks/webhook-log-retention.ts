import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Db } from '../common/db.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FailureBackoff } from '../workers/failure-backoff.js';

const EVERY_MS = 10 * 60_000;
const BATCH = 1000;

/**
 * Keeps the delivery log from growing without end: finished deliveries (delivered or failed)
 * older than the retention go, with their attempts, in batches through a partial index, so the
 * cost follows what is old, not the whole log. Pending ones stay whatever their age.
 */
@Injectable()
export class WebhookLogRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WebhookLogRetention');
  private readonly backoff = new FailureBackoff('webhook log clean-up', EVERY_MS, this.logger);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.role !== 'web') this.schedule(EVERY_MS);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Deletes what is past the retention; how many deliveries went. */
  async prune(): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await this.db.query(
        `DELETE FROM webhook_deliveries WHERE id IN (
           SELECT id FROM webhook_deliveries
            WHERE status <> 'pending' AND created_at < now() - make_interval(days => $1)
            ORDER BY created_at LIMIT $2)
         RETURNING 1`,
        [this.config.webhookLogRetentionDays, BATCH],
      );
      total += rows.length;
      if (rows.length < BATCH) return total;
    }
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.prune().then(
        () => this.timer && this.schedule(this.backoff.succeeded()),
        (err: unknown) => this.timer && this.schedule(this.backoff.failed(err)),
      );
    }, ms);
  }
}
