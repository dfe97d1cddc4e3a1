import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FailureBackoff } from '../workers/failure-backoff.js';
import { RetentionSweeper } from './retention-sweeper.js';

/** Runs the retention sweep on worker nodes (ROLE=worker or all); several nodes share the work through SKIP LOCKED. */
@Injectable()
export class RetentionWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RetentionWorker');
  private readonly backoff: FailureBackoff;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sweeper: RetentionSweeper,
  ) {
    // Retention is about days: a sweep every quarter of an hour (the default) is soon enough.
    this.backoff = new FailureBackoff('retention sweep', config.retentionSweepMs, this.logger);
  }

  onApplicationBootstrap(): void {
    if (this.config.role === 'web') return;
    this.schedule(Math.min(60_000, this.config.retentionSweepMs)); // not in the rush of a start
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.run(), ms);
    this.timer.unref();
  }

  private async run(): Promise<void> {
    let wait: number;
    try {
      const run = await this.sweeper.sweep();
      if (run.tickets || run.quarantinedMails)
        this.logger.log(
          `retention deleted ${run.tickets} closed ticket(s), ${run.quarantinedMails} quarantined mail(s), ${run.files} file(s)`,
        );
      wait = this.backoff.succeeded();
    } catch (err) {
      wait = this.backoff.failed(err);
    }
    this.schedule(wait);
  }
}
