import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { deploymentPrefix } from './deployment-prefix.js';

/**
 * Where counters that every node must agree on live: one Redis client per node when REDIS_URL is
 * set (null otherwise, and the counters fall back to PostgreSQL). Keys name the deployment, so
 * deployments and test runs sharing one Redis keep apart, and hash what they count by: tokens,
 * addresses and emails are never stored.
 */
@Injectable()
export class SharedCounterStore implements OnModuleDestroy {
  private readonly logger = new Logger('SharedCounterStore');
  readonly redis: Redis | null;
  private readonly prefix: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.prefix = deploymentPrefix(config);
    this.redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1 }) : null;
    this.redis?.on('error', (err: Error) => this.logger.warn(`redis: ${err.message}`));
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }

  /** The key of one counter: its kind, its bucket (login per address, budget per token...) and the hashed subject. */
  key(kind: string, bucket: string, subject: string): string {
    return `${kind}:${this.prefix}:${bucket}:${createHash('sha256').update(subject).digest('base64url')}`;
  }
}

/** Deletes expired counter rows now and then, from whichever node notices, not on a timer of its own. */
export class OccasionalPrune {
  private last = 0;

  constructor(private readonly prune: () => Promise<unknown>) {}

  async run(): Promise<void> {
    if (Date.now() - this.last < 60_000) return;
    this.last = Date.now();
    await this.prune();
  }
}
