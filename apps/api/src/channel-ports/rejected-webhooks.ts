import { Controller, Get, Injectable, Query } from '@nestjs/common';
import type { RejectedWebhook, RejectedWebhookLog } from '@switchboard/channel-kit';
import { Roles } from '../auth/auth.guard.js';
import { Db } from '../common/db.js';
import { isUuid } from '../common/validation.js';

/** Webhooks refused before anything was stored: what, from where, why (never secrets or bodies). */
@Injectable()
export class RejectedWebhooksService implements RejectedWebhookLog {
  constructor(private readonly db: Db) {}

  async record(entry: RejectedWebhook): Promise<void> {
    await this.db.query(`INSERT INTO rejected_webhooks (provider, channel_account_id, reason, remote_ip) VALUES ($1, $2, $3, $4)`, [
      entry.provider.slice(0, 40),
      entry.channelAccountId && isUuid(entry.channelAccountId) ? entry.channelAccountId : null,
      entry.reason.slice(0, 500),
      entry.remoteIp?.slice(0, 64) ?? null,
    ]);
  }
}

@Controller('admin/rejected-webhooks')
@Roles('admin')
export class RejectedWebhooksController {
  constructor(private readonly db: Db) {}

  /** Newest first; `provider` and `channelAccountId` narrow the list. */
  @Get()
  async list(@Query('provider') provider?: string, @Query('channelAccountId') channelAccountId?: string, @Query('limit') limit?: string) {
    const params: unknown[] = [];
    const where: string[] = [];
    if (provider) where.push(`provider = $${params.push(provider)}`);
    if (channelAccountId && isUuid(channelAccountId)) where.push(`channel_account_id = $${params.push(channelAccountId)}`);
    const max = Math.min(Math.max(Number(limit) || 100, 1), 500);
    const rows = await this.db.query<{ id: string; provider: string; channel_account_id: string | null; reason: string; remote_ip: string | null; created_at: Date }>(
      `SELECT id, provider, channel_account_id, reason, remote_ip, created_at FROM rejected_webhooks
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ${max}`,
      params,
    );
    return {
      items: rows.map((r) => ({ id: String(r.id), provider: r.provider, channelAccountId: r.channel_account_id, reason: r.reason, remoteIp: r.remote_ip, createdAt: new Date(r.created_at).toISOString() })),
    };
  }
}
