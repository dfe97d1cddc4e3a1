import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Db } from './db.js';
import { deploymentPrefix } from './deployment-prefix.js';

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
 * when REDIS_URL is set, else a counter row in PostgreSQL (one upsert per request). Keys are
 * hashed: tokens and addresses are not stored.
 */
@Injectable()
export class SharedRequestBudget implements OnModuleDestroy {
  private readonly logger = new Logger('SharedRequestBudget');
  private readonly redis: Redis | null;
  private readonly prefix: string;
  private lastPrune = 0;

  constructor(
    private readonly db: Db,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.prefix = deploymentPrefix(config);
    this.redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1 }) : null;
    this.redis?.on('error', (err: Error) => this.logger.warn(`redis: ${err.message}`));
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }

  /** Counts a request; the seconds until the next window when the key is over budget, else 0. */
  async spend(budget: RequestBudget, key: string): Promise<number> {
    if (budget.limit <= 0) return 0;
    const hash = `reqbudget:${this.prefix}:${budget.bucket}:${createHash('sha256').update(key).digest('base64url')}`;
    let hits: number;
    let msLeft: number;
    if (this.redis) {
      const [n, ttl] = (await this.redis.eval(REDIS_COUNT, 1, hash, budget.windowMs)) as [number, number];
      [hits, msLeft] = [Number(n), Number(ttl)];
    } else {
      await this.prune();
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

  /** Past windows are deleted now and then by whichever node notices, not by a timer of their own. */
  private async prune(): Promise<void> {
    if (Date.now() - this.lastPrune < 60_000) return;
    this.lastPrune = Date.now();
    await this.db.query(`DELETE FROM rate_limit_windows WHERE window_start < now() - interval '1 day'`);
  }
}
