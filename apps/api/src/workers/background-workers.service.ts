import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { TicketEventBus } from '../events/ticket-event-bus.js';
import { OutboundDispatcher } from '../outbound/outbound-dispatcher.service.js';
import { QueueCounts } from '../queues/queue-counts.service.js';
import { HoldExpiryService } from '../tickets/hold-expiry.service.js';
import { TicketAttachments } from '../tickets/ticket-attachments.service.js';
import { SlaSweeper } from '../sla/sla-sweeper.service.js'; // SLA engine
import { FailureBackoff } from './failure-backoff.js';

/** The worker role: outbound dispatch, outbox relay, hold expiry, queue count compaction and upload clean-up, all safe to run on many nodes. */
@Injectable()
export class BackgroundWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('BackgroundWorkers');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dispatcher: OutboundDispatcher,
    private readonly bus: TicketEventBus,
    private readonly holds: HoldExpiryService,
    private readonly slaSweeper: SlaSweeper,
    private readonly attachments: TicketAttachments,
    private readonly queueCounts: QueueCounts,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.role === 'web') return;
    this.dispatcher.start();
    this.every('outbox relay', 2_000, () => this.bus.relayStragglers());
    this.every('hold expiry', 1_000, () => this.holds.expireDueHolds());
    this.slaSweeper.start(1_000); // SLA engine
    // Keeps the counted queue changes to about one row per bucket, so a sidebar count stays a short read.
    this.every('queue count compaction', 5_000, () => this.queueCounts.compact());
    this.every('upload clean-up', 10 * 60_000, () =>
      this.attachments.deleteAbandoned(this.config.uploadRetentionHours),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    await this.slaSweeper.stop();
    await this.dispatcher.stop();
  }

  /** Runs `job` every `ms` after the previous run ends; failures (a database outage) back off, never stop it. */
  private every(name: string, ms: number, job: () => Promise<unknown>): void {
    const backoff = new FailureBackoff(name, ms, this.logger);
    const run = async () => {
      let wait: number;
      try {
        await job();
        wait = backoff.succeeded();
      } catch (err) {
        wait = backoff.failed(err);
      }
      if (!this.stopped)
        this.timers.set(
          name,
          setTimeout(() => void run(), wait),
        );
    };
    this.timers.set(
      name,
      setTimeout(() => void run(), ms),
    );
  }
}
