import { Injectable } from '@nestjs/common';
import { Db } from './db.js';
import { OccasionalPrune, SharedCounterStore } from './shared-counter-store.js';

/** Atomically: count this request; the key's first request opens its window. Hits and ms left. */
const REDIS_COUNT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}`;

export interface RequestBudget {
  /** A name that keeps budgets apart (per API token, per client address...). */
  bucket: string;
  /** Requests per window. */
  limit: number;
  windowMs: number;
}

/**
 * Fixed-window request budgets (a key's window opens with its first request) that every node shares, so an integration cannot multiply its
 * budget by the number of nodes behind the load balancer: a counter per key and window in Redis
 * when REDIS_URL is set, else a counter row in PostgreSQL (one upsert per request).
 */
@Injectable()
export class SharedRequestBudget {
  private readonly pastWindows = new OccasionalPrune(() =>
    this.db.query(`DELETE FROM rate_limit_windows WHERE window_start < now() - interval '1 day'`),
  );

  constructor(
    private readonly db: Db,
    private readonly store: SharedCounterStore,
  ) {}

  /** Counts a request; the seconds until the next window when the key is over budget, else 0. */
  async spend(budget: RequestBudget, key: string): Promise<number> {
    if (budget.limit <= 0) return 0;
    const hash = this.store.key('reqbudget', budget.bucket, key);
    const redis = this.store.redis;
    let hits: number;
    let msLeft: number;
    if (redis) {
      const [n, ttl] = (await redis.eval(REDIS_COUNT, 1, hash, budget.windowMs)) as [number, number];
      [hits, msLeft] = [Number(n), Number(ttl)];
    } else {
      await this.pastWindows.run();
      const [row] = await this.db.query<{ hits: number; ms_left: number }>(
        `INSERT INTO rate_limit_windows AS w (key_hash, window_start, hits) VALUES ($1, clock_timestamp(), 1)
         ON CONFLICT (key_hash) DO UPDATE SET
           hits = CASE WHEN w.window_start <= clock_timestamp() - make_interval(secs => $2) THEN 1 ELSE w.hits + 1 END,
           window_start = CASE WHEN w.window_start <= clock_timestamp() - make_interval(secs => $2)
                               THEN clock_timestamp() ELSE w.window_start END
         RETURNING hits, extract(epoch FROM w.window_start + make_interval(secs => $2) - clock_timestamp())::float8 * 1000 AS ms_left`,
        [hash, budget.windowMs / 1000],
      );
      [hits, msLeft] = [row.hits, row.ms_left];
    }
    if (hits <= budget.limit) return 0;
    return Math.max(1, Math.ceil(msLeft / 1000));
  }
}
