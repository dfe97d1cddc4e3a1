import { Injectable } from '@nestjs/common';
import type { SystemStatusView } from '@switchboard/contracts';
import { Db } from '../common/db.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { RetryDelivery } from '../tickets/retry-delivery.js';

const FAILED_SHOWN = 50;
const RETRY_ALL_MAX = 500;

export type SystemStatus = SystemStatusView;

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** What the admins' System screen shows: read straight from the tables every node writes. */
@Injectable()
export class SystemStatusService {
  constructor(
    private readonly db: Db,
    private readonly retries: RetryDelivery,
  ) {}

  async status(): Promise<SystemStatus> {
    const [channels, outbox, failedTotal, failed, mailboxes, nodes] = await Promise.all([
      this.db.query<{
        id: string;
        kind: string;
        name: string;
        active: boolean;
        last_in: Date | null;
        last_sent: Date | null;
        last_error: string | null;
        last_error_at: Date | null;
      }>(
        `SELECT a.id, a.kind, a.name, a.active,
                (SELECT max(m.created_at) FROM messages m WHERE m.channel_account_id = a.id AND m.direction = 'in') AS last_in,
                (SELECT max(coalesce(m.sent_at, m.created_at)) FROM messages m
                  WHERE m.channel_account_id = a.id AND m.direction = 'out' AND m.delivery_state IN ('sent', 'delivered', 'read')) AS last_sent,
                e.delivery_error AS last_error, e.created_at AS last_error_at
           FROM channel_accounts a
           LEFT JOIN LATERAL (
             SELECT m.delivery_error, m.created_at FROM messages m
              WHERE m.channel_account_id = a.id AND m.direction = 'out' AND m.delivery_state IN ('failed', 'undelivered')
              ORDER BY m.created_at DESC LIMIT 1) e ON true
          ORDER BY a.name`,
      ),
      this.db.query<{ queue: 'events' | 'outbound'; backlog: string; age: number | null }>(
        `SELECT 'events' AS queue, count(*) AS backlog, extract(epoch FROM now() - min(created_at))::float8 AS age
           FROM outbox_events WHERE published_at IS NULL
         UNION ALL
         SELECT 'outbound', count(*), extract(epoch FROM now() - min(created_at))::float8 FROM outbound_jobs`,
      ),
      this.db.one<{ n: string }>(
        `SELECT count(*) AS n FROM messages WHERE direction = 'out' AND kind = 'message' AND delivery_state = 'failed'`,
      ),
      this.failed(FAILED_SHOWN),
      this.db.query<{
        id: string;
        name: string;
        holder: string | null;
        expires_at: Date | null;
        last_fetch_at: Date | null;
      }>(
        `SELECT a.id, a.name, l.holder, l.expires_at, f.last_fetch_at FROM channel_accounts a
           LEFT JOIN email_mailbox_leases l ON l.channel_account_id = a.id
           LEFT JOIN email_mailbox_fetches f ON f.channel_account_id = a.id
          WHERE a.kind = 'email' AND a.active ORDER BY a.name`,
      ),
      this.db.query<{
        id: string;
        role: string;
        version: string;
        host: string;
        started_at: Date;
        last_seen_at: Date;
      }>(`SELECT id, role, version, host, started_at, last_seen_at FROM api_nodes ORDER BY started_at`),
    ]);
    return {
      channels: channels.map((c) => ({
        id: c.id,
        kind: c.kind,
        name: c.name,
        active: c.active,
        lastInboundAt: iso(c.last_in),
        lastSentAt: iso(c.last_sent),
        lastError: c.last_error,
        lastErrorAt: iso(c.last_error_at),
      })),
      outbox: outbox.map((q) => ({
        queue: q.queue,
        backlog: Number(q.backlog),
        oldestAgeSeconds: q.age ?? 0,
      })),
      failedDeliveries: { total: Number(failedTotal?.n ?? 0), items: failed },
      mailboxes: mailboxes.map((m) => ({
        accountId: m.id,
        name: m.name,
        holder: m.expires_at && m.expires_at > new Date() ? m.holder : null,
        leaseExpiresAt: iso(m.expires_at),
        lastFetchAt: iso(m.last_fetch_at),
      })),
      nodes: nodes.map((n) => ({
        id: n.id,
        role: n.role,
        version: n.version,
        host: n.host,
        startedAt: iso(n.started_at)!,
        lastSeenAt: iso(n.last_seen_at)!,
      })),
    };
  }

  /** Sends every failed reply again (the oldest first, at most 500 a call), each as an agent's retry would. */
  async retryAllFailed(viewer: AuthenticatedViewer): Promise<{ retried: number; remaining: number }> {
    const failed = await this.failed(RETRY_ALL_MAX, 'ASC');
    let retried = 0;
    for (const f of failed) {
      // One that someone retried meanwhile answers 409: skipping it is what the admin wanted anyway.
      await this.retries.retry(viewer, f.ticketId, f.messageId).then(
        () => retried++,
        () => undefined,
      );
    }
    const left = await this.db.one<{ n: string }>(
      `SELECT count(*) AS n FROM messages WHERE direction = 'out' AND kind = 'message' AND delivery_state = 'failed'`,
    );
    return { retried, remaining: Number(left?.n ?? 0) };
  }

  private async failed(
    limit: number,
    order: 'ASC' | 'DESC' = 'DESC',
  ): Promise<SystemStatus['failedDeliveries']['items']> {
    const rows = await this.db.query<{
      id: string;
      ticket_id: string;
      number: string;
      kind: string | null;
      delivery_error: string | null;
      created_at: Date;
    }>(
      `SELECT m.id, m.ticket_id, t.number, a.kind, m.delivery_error, m.created_at
         FROM messages m JOIN tickets t ON t.id = m.ticket_id LEFT JOIN channel_accounts a ON a.id = m.channel_account_id
        WHERE m.direction = 'out' AND m.kind = 'message' AND m.delivery_state = 'failed'
        ORDER BY m.created_at ${order} LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({
      messageId: r.id,
      ticketId: r.ticket_id,
      ticketNumber: Number(r.number),
      channel: r.kind ?? 'unknown',
      error: r.delivery_error,
      failedAt: iso(r.created_at)!,
    }));
  }
}
