import { Controller, Get, Injectable, Logger, type OnModuleDestroy, Query } from '@nestjs/common';
import type { RejectedWebhook, RejectedWebhookLog } from '@switchboard/channel-kit';
import { Roles } from '../auth/auth.guard.js';
import { Db } from '../common/db.js';
import { isUuid } from '../common/validation.js';

/** Rows stored per source (provider, account, client address) and minute; the rest are only counted. */
export const REJECTED_WEBHOOK_ROWS_PER_MINUTE = 10;
const WINDOW_MS = 60_000;
/** Sources tracked at once: past this (a botnet rotating addresses), a new source is counted in the log line only. */
const MAX_SOURCES = 10_000;

interface SourceWindow {
  provider: string;
  channelAccountId: string | null;
  remoteIp: string | null;
  startedAt: number;
  stored: number;
  suppressed: number;
  lastRowId: string | null;
}

/**
 * Webhooks refused before anything was stored: what, from where, why (never secrets or bodies).
 * Anyone can send forged webhooks, so one source gets a few rows a minute; what it sends beyond
 * that is added to `suppressed_count` of its last row when its minute ends, and logged once.
 * The windows live in memory: each node allows its own few rows, which still bounds the table.
 */
@Injectable()
export class RejectedWebhooksService implements RejectedWebhookLog, OnModuleDestroy {
  private readonly logger = new Logger('RejectedWebhooks');
  private readonly windows = new Map<string, SourceWindow>();
  private untracked = 0;
  private readonly sweep = setInterval(
    () =>
      void this.flushSuppressed().catch((err: Error) =>
        this.logger.error(`could not count suppressed webhooks: ${err.message}`),
      ),
    WINDOW_MS,
  ).unref();

  constructor(private readonly db: Db) {}

  async record(entry: RejectedWebhook): Promise<void> {
    const provider = entry.provider.slice(0, 40);
    const channelAccountId =
      entry.channelAccountId && isUuid(entry.channelAccountId) ? entry.channelAccountId : null;
    const remoteIp = entry.remoteIp?.slice(0, 64) ?? null;
    const window = this.windowFor(provider, channelAccountId, remoteIp);
    if (!window) return;
    if (window.stored >= REJECTED_WEBHOOK_ROWS_PER_MINUTE) {
      window.suppressed++;
      return;
    }
    // Counted before the insert awaits, so a burst of concurrent requests cannot all slip under the cap.
    window.stored++;
    const row = await this.db.one<{ id: string }>(
      `INSERT INTO rejected_webhooks (provider, channel_account_id, reason, remote_ip) VALUES ($1, $2, $3, $4) RETURNING id`,
      [provider, channelAccountId, entry.reason.slice(0, 500), remoteIp],
    );
    window.lastRowId = row?.id ?? null;
  }

  /** Writes the counts of finished minutes (or of all, at shutdown) onto their sources' last rows. */
  async flushSuppressed({ all = false }: { all?: boolean } = {}): Promise<void> {
    const now = Date.now();
    for (const [key, window] of this.windows) {
      if (!all && now - window.startedAt < WINDOW_MS) continue;
      this.windows.delete(key);
      await this.flush(window);
    }
    if (this.untracked > 0) {
      this.logger.warn(
        `${this.untracked} refused webhooks from more than ${MAX_SOURCES} sources in a minute were not stored`,
      );
      this.untracked = 0;
    }
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.sweep);
    await this.flushSuppressed({ all: true }).catch(() => undefined);
  }

  /** Synchronous, so concurrent requests of one source always share one window. */
  private windowFor(
    provider: string,
    channelAccountId: string | null,
    remoteIp: string | null,
  ): SourceWindow | null {
    const key = `${provider}|${channelAccountId ?? ''}|${remoteIp ?? ''}`;
    const now = Date.now();
    const current = this.windows.get(key);
    if (current && now - current.startedAt < WINDOW_MS) return current;
    if (current) {
      this.windows.delete(key);
      void this.flush(current).catch((err: Error) =>
        this.logger.error(`could not count suppressed webhooks: ${err.message}`),
      );
    }
    if (this.windows.size >= MAX_SOURCES) {
      this.untracked++;
      return null;
    }
    const fresh: SourceWindow = {
      provider,
      channelAccountId,
      remoteIp,
      startedAt: now,
      stored: 0,
      suppressed: 0,
      lastRowId: null,
    };
    this.windows.set(key, fresh);
    return fresh;
  }

  private async flush(window: SourceWindow): Promise<void> {
    if (window.suppressed === 0) return;
    this.logger.warn(
      `${window.suppressed} more refused ${window.provider} webhooks for account ${window.channelAccountId ?? '(unknown)'} from ${window.remoteIp ?? '(unknown)'} ` +
        `were counted, not stored (over ${REJECTED_WEBHOOK_ROWS_PER_MINUTE} a minute)`,
    );
    if (window.lastRowId)
      await this.db.query(
        `UPDATE rejected_webhooks SET suppressed_count = suppressed_count + $2 WHERE id = $1`,
        [window.lastRowId, window.suppressed],
      );
  }
}

@Controller('admin/rejected-webhooks')
@Roles('admin')
export class RejectedWebhooksController {
  constructor(private readonly db: Db) {}

  /** Newest first; `provider` and `channelAccountId` narrow the list. */
  @Get()
  async list(
    @Query('provider') provider?: string,
    @Query('channelAccountId') channelAccountId?: string,
    @Query('limit') limit?: string,
  ) {
    const params: unknown[] = [];
    const where: string[] = [];
    if (provider) where.push(`provider = $${params.push(provider)}`);
    if (channelAccountId && isUuid(channelAccountId))
      where.push(`channel_account_id = $${params.push(channelAccountId)}`);
    const max = Math.min(Math.max(Number(limit) || 100, 1), 500);
    const rows = await this.db.query<{
      id: string;
      provider: string;
      channel_account_id: string | null;
      reason: string;
      remote_ip: string | null;
      suppressed_count: number;
      created_at: Date;
    }>(
      `SELECT id, provider, channel_account_id, reason, remote_ip, suppressed_count, created_at FROM rejected_webhooks
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ${max}`,
      params,
    );
    return {
      items: rows.map((r) => ({
        id: String(r.id),
        provider: r.provider,
        channelAccountId: r.channel_account_id,
        reason: r.reason,
        remoteIp: r.remote_ip,
        suppressedCount: r.suppressed_count,
        createdAt: new Date(r.created_at).toISOString(),
      })),
    };
  }
}
