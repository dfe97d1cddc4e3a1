import { Inject, Injectable, type BeforeApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { Db } from '../common/db.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MIGRATIONS } from '../database/migrations/index.js';

/** Load balancers give up on a check after a few seconds; a frozen dependency must not hold one longer. */
const CHECK_MS = 1_500;

export interface ReadinessReport {
  ready: boolean;
  checks: {
    db: 'up' | 'down';
    migrations: 'applied' | 'pending' | 'unknown';
    redis: 'up' | 'down' | 'not configured';
  };
  shuttingDown: boolean;
}

/**
 * Whether this node should get traffic: the database answers, every migration this build knows
 * is applied, Redis answers when configured, and the node is not shutting down (a stopping node
 * turns not-ready first, so the proxy stops sending it new requests while it finishes the old).
 */
@Injectable()
export class Readiness implements BeforeApplicationShutdown, OnModuleDestroy {
  private shuttingDown = false;
  private redis: Redis | null = null;

  constructor(
    private readonly db: Db,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
  }

  async onModuleDestroy(): Promise<void> {
    this.shuttingDown = true;
    await this.redis?.quit().catch(() => this.redis?.disconnect());
    this.redis = null;
  }

  async report(): Promise<ReadinessReport> {
    const [db, redis] = await Promise.all([this.db.ping(CHECK_MS), this.pingRedis()]);
    const migrations = db ? await this.migrationsApplied() : 'unknown';
    const ready = !this.shuttingDown && db && migrations === 'applied' && redis !== 'down';
    return { ready, checks: { db: db ? 'up' : 'down', migrations, redis }, shuttingDown: this.shuttingDown };
  }

  private async migrationsApplied(): Promise<'applied' | 'pending' | 'unknown'> {
    try {
      const rows = await this.db.query<{ name: string }>(`SELECT name FROM migrations`);
      const done = new Set(rows.map((r) => r.name));
      return MIGRATIONS.every((m) => done.has(m.name)) ? 'applied' : 'pending';
    } catch {
      return 'unknown';
    }
  }

  private async pingRedis(): Promise<ReadinessReport['checks']['redis']> {
    if (!this.config.redisUrl) return 'not configured';
    this.redis ??= this.connectRedis(this.config.redisUrl);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((r) => (timer = setTimeout(() => r(false), CHECK_MS)));
    try {
      const ok = await Promise.race([
        this.redis.ping().then(
          (p) => p === 'PONG',
          () => false,
        ),
        timeout,
      ]);
      return ok ? 'up' : 'down';
    } finally {
      clearTimeout(timer);
    }
  }

  private connectRedis(url: string): Redis {
    // The offline queue lets the first check wait for the connection; the check's own deadline caps the wait.
    const client = new Redis(url, { maxRetriesPerRequest: 1 });
    // An outage is reported by the check; an unheard 'error' event would end the process.
    client.on('error', () => undefined);
    return client;
  }
}
