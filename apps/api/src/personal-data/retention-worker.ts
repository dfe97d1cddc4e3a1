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

/** Retention is about days: a sweep every quarter of an hour is soon enough, and cheap when nothing is due. */
const SWEEP_INTERVAL_MS = 15 * 60_000;

/** Runs the retention sweep on worker nodes (ROLE=worker or all); several nodes share the work through SKIP LOCKED. */
@Injectable()
export class RetentionWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RetentionWorker');
  private readonly backoff = new FailureBackoff('retention sweep', SWEEP_INTERVAL_MS, this.logger);
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sweeper: RetentionSweeper,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.role === 'web') return;
    this.schedule(60_000); // not in the rush of a start
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
