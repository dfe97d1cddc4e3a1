import type { Logger } from '@nestjs/common';
import { describeError } from '@switchboard/domain';

const MAX_DELAY_MS = 10_000;

/**
 * The pace of a background loop through failures (the database restarting, say): its own
 * interval while things work, doubling (up to 10 s, or its interval if longer) while they keep failing, and its own interval
 * again on the first success. One warning when the trouble starts and one line when it ends,
 * rather than a warning per tick per worker for the whole outage.
 */
export class FailureBackoff {
  private failures = 0;

  constructor(
    private readonly what: string,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  /** Records a failure; returns how long to wait before the next try. */
  failed(error: unknown): number {
    this.failures++;
    const delay = Math.max(
      this.intervalMs,
      Math.min(MAX_DELAY_MS, this.intervalMs * 2 ** (this.failures - 1)),
    );
    if (this.failures === 1)
      this.logger.warn(`${this.what} failed, retrying with backoff: ${describeError(error)}`);
    return delay;
  }

  /** Records a success; returns the normal interval. */
  succeeded(): number {
    if (this.failures > 0)
      this.logger.log(`${this.what} works again after ${this.failures} failed attempt(s)`);
    this.failures = 0;
    return this.intervalMs;
  }
}
