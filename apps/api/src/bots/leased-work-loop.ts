import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';

const POLL_MS = 1_000;

/**
 * The loop behind bot work that leaves the process (webhooks to external bots, model calls of AI
 * bots): rows queued with a message's handling in the outbox consumer's transaction are claimed
 * with a lease (`FOR UPDATE SKIP LOCKED`, `locked_until`), so any worker node may take them, and a
 * node that dies mid-way only delays the row until its lease ends. The loop polls, and `wake()`
 * runs it at once after the consumer committed new rows. Web-only nodes do no such work.
 */
export abstract class LeasedWorkLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  protected abstract readonly logger: Logger;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  protected constructor(private readonly loopConfig: AppConfig) {}

  /** Claims and works one batch of due rows; true when a full batch suggests more are due. */
  protected abstract runDue(): Promise<boolean>;

  onApplicationBootstrap(): void {
    if (this.loopConfig.role === 'web') return;
    this.stopped = false;
    this.schedule(POLL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Work was queued: do it now rather than at the next poll. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
  }

  private async tick(): Promise<void> {
    if (this.stopped || this.running) return;
    this.running = (async () => {
      do {
        this.again = false;
        try {
          while ((await this.runDue()) && !this.stopped);
        } catch (err) {
          this.logger.warn(`pass failed: ${(err as Error).message}`);
        }
      } while (this.again && !this.stopped);
    })();
    await this.running;
    this.running = null;
    if (!this.stopped) this.schedule(POLL_MS);
  }
}
