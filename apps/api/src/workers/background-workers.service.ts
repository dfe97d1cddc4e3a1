import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { TicketEventBus } from '../events/ticket-event-bus.js';
import { OutboundDispatcher } from '../outbound/outbound-dispatcher.service.js';
import { HoldExpiryService } from '../tickets/hold-expiry.service.js';
import { TicketAttachments } from '../tickets/ticket-attachments.service.js';
import { SlaSweeper } from '../sla/sla-sweeper.service.js'; // SLA engine (#5)

/** The worker role: outbound dispatch, outbox relay, hold expiry and upload clean-up, all safe to run on many nodes. */
@Injectable()
export class BackgroundWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('BackgroundWorkers');
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dispatcher: OutboundDispatcher,
    private readonly bus: TicketEventBus,
    private readonly holds: HoldExpiryService,
    private readonly slaSweeper: SlaSweeper,
    private readonly attachments: TicketAttachments,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.role === 'web') return;
    this.dispatcher.start();
    this.every(2_000, () => this.bus.relayStragglers());
    this.every(1_000, () => this.holds.expireDueHolds());
    this.slaSweeper.start(1_000); // SLA engine (#5)
    this.every(10 * 60_000, () => this.attachments.deleteAbandoned(this.config.uploadRetentionHours));
  }

  async onApplicationShutdown(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    await this.slaSweeper.stop();
    await this.dispatcher.stop();
  }

  private every(ms: number, job: () => Promise<unknown>): void {
    let busy = false;
    this.timers.push(
      setInterval(() => {
        if (busy) return;
        busy = true;
        job()
          .catch((err) => this.logger.warn((err as Error).message))
          .finally(() => (busy = false));
      }, ms),
    );
  }
}
