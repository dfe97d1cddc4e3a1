import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Db } from '../common/db.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

const HEARTBEAT_MS = 10_000;

function appVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8'));
    return String(pkg.version ?? 'unknown');
  } catch {
    return 'unknown';
  }
}

/** This node's row in `api_nodes`, renewed every few seconds and removed on a clean stop. */
@Injectable()
export class NodeRegistry implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('NodeRegistry');
  readonly id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  readonly version = appVersion();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.beat().catch((err) => this.logger.warn(`node heartbeat failed: ${String(err)}`));
    this.timer = setInterval(
      () => void this.beat().catch((err) => this.logger.warn(`node heartbeat failed: ${String(err)}`)),
      HEARTBEAT_MS,
    );
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.db.query(`DELETE FROM api_nodes WHERE id = $1`, [this.id]).catch(() => undefined);
  }

  private async beat(): Promise<void> {
    await this.db.query(
      `INSERT INTO api_nodes (id, role, version, host, pid) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET last_seen_at = now()`,
      [this.id, this.config.role, this.version, hostname(), process.pid],
    );
    // Nodes that died without a clean stop leave after a minute of silence.
    await this.db.query(`DELETE FROM api_nodes WHERE last_seen_at < now() - interval '1 minute'`);
  }
}
