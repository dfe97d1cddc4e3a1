import { Injectable } from '@nestjs/common';
import { Db } from '../common/db.js';
import { OccasionalPrune, SharedCounterStore } from '../common/shared-counter-store.js';

/** Atomically: drop hits older than the window, refuse when at the limit, else record this one. */
const REDIS_TRY = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[2])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

export interface RateLimit {
  /** A name that keeps limits apart (login per address, login per account...). */
  bucket: string;
  limit: number;
  windowMs: number;
}

/**
 * Sliding-window attempt limits that every node shares, so a guesser gains nothing by spreading
 * attempts over nodes: in Redis when REDIS_URL is set (a sorted set per key), otherwise in
 * PostgreSQL (one row per attempt).
 */
@Injectable()
export class SharedRateLimiter {
  private readonly oldHits = new OccasionalPrune(() =>
    this.db.query(`DELETE FROM rate_limit_hits WHERE at < clock_timestamp() - interval '1 day'`),
  );

  constructor(
    private readonly db: Db,
    private readonly store: SharedCounterStore,
  ) {}

  /** Records an attempt; false when the key is over its limit. */
  async tryAttempt(limit: RateLimit, key: string): Promise<boolean> {
    const hash = this.hash(limit, key);
    const redis = this.store.redis;
    if (redis) {
      const now = Date.now();
      const member = `${now}-${Math.random().toString(36).slice(2)}`;
      const ok = await redis.eval(REDIS_TRY, 1, hash, now, limit.windowMs, limit.limit, member);
      return ok === 1;
    }
    await this.oldHits.run();
    const [row] = await this.db.query<{ allowed: boolean }>(
      `WITH recent AS (
         SELECT count(*) AS n FROM rate_limit_hits WHERE key_hash = $1 AND at > clock_timestamp() - make_interval(secs => $2)),
       hit AS (INSERT INTO rate_limit_hits (key_hash) SELECT $1 FROM recent WHERE n < $3 RETURNING id)
       SELECT EXISTS (SELECT 1 FROM hit) AS allowed`,
      [hash, limit.windowMs / 1000, limit.limit],
    );
    return row.allowed;
  }

  /** Takes back the latest attempt: one that succeeded should not use up a shared address's budget. */
  async refund(limit: RateLimit, key: string): Promise<void> {
    const hash = this.hash(limit, key);
    if (this.store.redis) {
      await this.store.redis.zpopmax(hash);
      return;
    }
    await this.db.query(
      `DELETE FROM rate_limit_hits WHERE id = (SELECT id FROM rate_limit_hits WHERE key_hash = $1 ORDER BY at DESC LIMIT 1)`,
      [hash],
    );
  }

  async reset(limit: RateLimit, key: string): Promise<void> {
    const hash = this.hash(limit, key);
    if (this.store.redis) await this.store.redis.del(hash);
    else await this.db.query(`DELETE FROM rate_limit_hits WHERE key_hash = $1`, [hash]);
  }

  private hash(limit: RateLimit, key: string): string {
    return this.store.key('ratelimit', limit.bucket, key);
  }
}
