/**
 * Sliding-window limit on attempts per key (a client address, an account), in memory: enough to
 * stop password guessing against one node; several nodes each keep their own window.
 */
export class LoginRateLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly limit = 10,
    private readonly windowMs = 5 * 60_000,
  ) {}

  /** Records an attempt; returns false when the key is over its limit. */
  tryAttempt(key: string, now = Date.now()): boolean {
    const recent = (this.attempts.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.attempts.set(key, recent);
      return false;
    }
    recent.push(now);
    this.attempts.set(key, recent);
    if (this.attempts.size > 50_000) this.prune(now);
    return true;
  }

  /** Takes back the latest attempt: one that succeeded should not use up a shared address's budget. */
  refund(key: string): void {
    const times = this.attempts.get(key);
    times?.pop();
    if (times && times.length === 0) this.attempts.delete(key);
  }

  reset(key: string): void {
    this.attempts.delete(key);
  }

  private prune(now: number): void {
    for (const [key, times] of this.attempts)
      if (times.every((t) => now - t >= this.windowMs)) this.attempts.delete(key);
  }
}
