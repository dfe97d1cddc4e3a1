import { Injectable, Logger, Optional } from '@nestjs/common';
import { Db } from '../common/db.js';
import { Metrics } from '../observability/metrics.js';
import { FailureBackoff } from '../workers/failure-backoff.js';
import { SlaClockService, type SweepResult } from './sla-clock.service.js';

/**
 * Runs the SLA sweep at least every second, and sooner when the index says a check falls due
 * before then, so a breach is announced within milliseconds of its due time rather than up to a
 * second late. Safe on several nodes: each sweep claims its tickets with SKIP LOCKED.
 */
@Injectable()
export class SlaSweeper {
  private readonly logger = new Logger('SlaSweeper');
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly db: Db,
    private readonly clocks: SlaClockService,
    @Optional() private readonly metrics?: Metrics,
  ) {}

  start(intervalMs = 1_000): void {
    this.stopped = false;
    const backoff = new FailureBackoff('SLA sweep', intervalMs, this.logger);
    const loop = async () => {
      let wait: number;
      try {
        this.running = this.metrics ? this.metrics.timeSlaSweep(() => this.sweepAll()) : this.sweepAll();
        await this.running;
        const next = await this.clocks.nextCheckAt(this.db);
        wait = backoff.succeeded();
        if (next) wait = Math.max(5, Math.min(intervalMs, next.getTime() - this.clocks.now().getTime()));
      } catch (err) {
        // A database outage: sweep again later, less often while it lasts; due checks are caught up then.
        wait = backoff.failed(err);
      } finally {
        this.running = null;
      }
      if (!this.stopped) this.timer = setTimeout(() => void loop(), wait);
    };
    this.timer = setTimeout(() => void loop(), 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Sweeps in batches until nothing due is left (a backlog after downtime drains at once). */
  async sweepAll(batch = 1_000): Promise<SweepResult> {
    const total: SweepResult = { claimed: 0, warnings: 0, breaches: 0, escalations: 0 };
    for (let i = 0; i < 50; i++) {
      const r = await this.clocks.sweep(this.db, batch);
      total.claimed += r.claimed;
      total.warnings += r.warnings;
      total.breaches += r.breaches;
      total.escalations += r.escalations;
      if (r.claimed < batch) break;
    }
    return total;
  }
}
