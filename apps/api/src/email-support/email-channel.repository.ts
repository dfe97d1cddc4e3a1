import { Injectable } from '@nestjs/common';
import type {
  AccountChangeHandlers,
  EmailChannelStore,
  MailboxCheckpoint,
  NewQuarantineEntry,
  OutboundMailContext,
  QuarantineEntry,
  StoredFile,
  ThreadTarget,
} from '@switchboard/channel-email';
import type { Viewer } from '@switchboard/domain';
import { acknowledgementArticles } from '../assist/acknowledgement-articles.js';
import { Db } from '../common/db.js';
import { visibleTo } from '../tickets/ticket-queries.js';
import { TicketWriter } from '../tickets/ticket-writer.js';

interface QuarantineRow {
  id: string;
  channel_account_id: string;
  raw_sha256: string;
  raw_key: string;
  raw_size: number;
  reason: string;
  error: string;
  mailbox: string | null;
  uid: string | null;
  created_at: Date;
  reimported_at: Date | null;
  reimported_ticket_id: string | null;
  reimported_message_id: string | null;
}

interface StoredAttachment {
  filename?: string;
  contentType?: string;
  storageKey?: string;
  rejectedReason?: string;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function toQuarantine(r: QuarantineRow): QuarantineEntry {
  return {
    id: r.id,
    channelAccountId: r.channel_account_id,
    rawSha256: r.raw_sha256,
    rawKey: r.raw_key,
    rawSize: Number(r.raw_size),
    reason: r.reason,
    error: r.error,
    mailbox: r.mailbox,
    uid: r.uid === null ? null : Number(r.uid),
    createdAt: iso(r.created_at)!,
    reimportedAt: iso(r.reimported_at),
    reimportedTicketId: r.reimported_ticket_id,
    reimportedMessageId: r.reimported_message_id,
  };
}

/** The email module's storage (email-ports.ts) in SQL: leases, checkpoints, quarantine, threading lookups, acknowledgements. */
@Injectable()
export class EmailChannelRepository implements EmailChannelStore {
  constructor(
    private readonly db: Db,
    private readonly writer: TicketWriter,
  ) {}

  watchAccountChanges(handlers: AccountChangeHandlers): { stop(): Promise<void> } {
    // Announced by a trigger on channel_accounts, at commit (see the channel-account-notify migration).
    return this.db.listen('channel_account_changed', {
      onNotify: (accountId) => handlers.changed(accountId),
      onReconnect: () => handlers.missed(),
    });
  }

  async emailAccountIds(): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT id FROM channel_accounts WHERE kind = 'email' AND active AND NOT demo ORDER BY created_at`,
    );
    return rows.map((r) => r.id);
  }

  async acquireLease(accountId: string, holder: string, ttlSeconds: number): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO email_mailbox_leases (channel_account_id, holder, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))
       ON CONFLICT (channel_account_id) DO UPDATE
         SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at,
             acquired_at = CASE WHEN email_mailbox_leases.holder = EXCLUDED.holder THEN email_mailbox_leases.acquired_at ELSE now() END
       WHERE email_mailbox_leases.holder = EXCLUDED.holder OR email_mailbox_leases.expires_at < now()
       RETURNING holder`,
      [accountId, holder, ttlSeconds],
    );
    return rows.length === 1;
  }

  async releaseLease(accountId: string, holder: string): Promise<void> {
    await this.db.query(`DELETE FROM email_mailbox_leases WHERE channel_account_id = $1 AND holder = $2`, [
      accountId,
      holder,
    ]);
  }

  async recordLastFetch(accountId: string, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO email_mailbox_fetches (channel_account_id, last_fetch_at) VALUES ($1, $2)
       ON CONFLICT (channel_account_id) DO UPDATE
         SET last_fetch_at = GREATEST(email_mailbox_fetches.last_fetch_at, EXCLUDED.last_fetch_at)`,
      [accountId, at],
    );
  }

  async getCheckpoint(accountId: string, mailbox: string): Promise<MailboxCheckpoint | null> {
    const row = await this.db.one<{ uid_validity: string; last_uid: string }>(
      `SELECT uid_validity::text AS uid_validity, last_uid FROM email_mailbox_checkpoints WHERE channel_account_id = $1 AND mailbox = $2`,
      [accountId, mailbox],
    );
    return row ? { uidValidity: row.uid_validity, lastUid: Number(row.last_uid) } : null;
  }

  async saveCheckpoint(accountId: string, mailbox: string, checkpoint: MailboxCheckpoint): Promise<void> {
    await this.db.query(
      `INSERT INTO email_mailbox_checkpoints (channel_account_id, mailbox, uid_validity, last_uid) VALUES ($1, $2, $3, $4)
       ON CONFLICT (channel_account_id, mailbox) DO UPDATE
         SET last_uid = CASE WHEN email_mailbox_checkpoints.uid_validity = EXCLUDED.uid_validity
                             THEN GREATEST(email_mailbox_checkpoints.last_uid, EXCLUDED.last_uid) ELSE EXCLUDED.last_uid END,
             uid_validity = EXCLUDED.uid_validity, updated_at = now()`,
      [accountId, mailbox, checkpoint.uidValidity, checkpoint.lastUid],
    );
  }

  async quarantine(entry: NewQuarantineEntry): Promise<QuarantineEntry> {
    const [row] = await this.db.query<QuarantineRow>(
      `INSERT INTO email_quarantine (channel_account_id, raw_sha256, raw_key, raw_size, reason, error, mailbox, uid)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (channel_account_id, raw_sha256) DO UPDATE SET last_seen_at = now()
       RETURNING *`,
      [
        entry.channelAccountId,
        entry.rawSha256,
        entry.rawKey,
        entry.rawSize,
        entry.reason,
        entry.error.slice(0, 2000),
        entry.mailbox ?? null,
        entry.uid ?? null,
      ],
    );
    return toQuarantine(row);
  }

  async listQuarantine(options: {
    channelAccountId?: string;
    includeReimported?: boolean;
    limit: number;
  }): Promise<QuarantineEntry[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (options.channelAccountId)
      where.push(`channel_account_id = $${params.push(options.channelAccountId)}`);
    if (!options.includeReimported) where.push('reimported_at IS NULL');
    params.push(options.limit);
    const rows = await this.db.query<QuarantineRow>(
      `SELECT * FROM email_quarantine ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id LIMIT $${params.length}`,
      params,
    );
    return rows.map(toQuarantine);
  }

  async getQuarantine(id: string): Promise<QuarantineEntry | null> {
    const row = await this.db.one<QuarantineRow>(`SELECT * FROM email_quarantine WHERE id = $1`, [id]);
    return row ? toQuarantine(row) : null;
  }

  async markReimported(id: string, result: { ticketId: string; messageId: string }): Promise<void> {
    await this.db.query(
      `UPDATE email_quarantine SET reimported_at = now(), reimported_ticket_id = $2, reimported_message_id = $3 WHERE id = $1`,
      [id, result.ticketId || null, result.messageId || null],
    );
  }

  /**
   * A ticket of this mailbox by number: one that came in through it, or one this mailbox has
   * mailed about for another channel (a web chat answered by email leaves a thread key here).
   */
  async ticketByNumber(accountId: string, ticketNumber: number): Promise<ThreadTarget | null> {
    return this.target(
      `SELECT t.id, t.number, t.contact_id FROM tickets t
        WHERE t.number = $1
          AND (t.channel_account_id = $2 OR EXISTS (SELECT 1 FROM ticket_thread_keys k WHERE k.ticket_id = t.id AND k.channel_account_id = $2))`,
      [ticketNumber, accountId],
    );
  }

  async ticketByMessageIds(accountId: string, messageIds: string[]): Promise<ThreadTarget | null> {
    return this.target(
      `SELECT t.id, t.number, t.contact_id FROM (
           SELECT ticket_id, thread_key AS key FROM ticket_thread_keys WHERE channel_account_id = $1 AND thread_key = ANY($2::text[])
           UNION ALL
           SELECT ticket_id, external_id AS key FROM messages WHERE channel_account_id = $1 AND external_id = ANY($2::text[])
         ) k JOIN tickets t ON t.id = k.ticket_id
        ORDER BY array_position($2::text[], k.key), t.updated_at DESC LIMIT 1`,
      [accountId, messageIds],
    );
  }

  private async target(sql: string, params: unknown[]): Promise<ThreadTarget | null> {
    const row = await this.db.one<{ id: string; number: string; contact_id: string }>(sql, params);
    if (!row) return null;
    // The requester's addresses, everyone who already wrote on the ticket (a colleague who
    // joined) and everyone an agent copied (Cc) on it.
    const identities = await this.db.query<{ address: string }>(
      `SELECT address FROM contact_identities WHERE contact_id = $1 AND kind = 'email'
       UNION
       SELECT i.address FROM messages m JOIN contact_identities i ON i.id = m.identity_id
        WHERE m.ticket_id = $2 AND m.direction = 'in' AND i.kind = 'email'
       UNION
       SELECT address FROM ticket_copied_addresses WHERE ticket_id = $2 AND kind = 'email'`,
      [row.contact_id, row.id],
    );
    return {
      ticketId: row.id,
      ticketNumber: Number(row.number),
      contactId: row.contact_id,
      participants: identities.map((i) => i.address),
    };
  }

  async addThreadKey(accountId: string, threadKey: string, ticketId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO ticket_thread_keys (channel_account_id, thread_key, ticket_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [accountId, threadKey, ticketId],
    );
  }

  async recordBounce(entry: {
    channelAccountId: string;
    rawSha256: string;
    rawKey: string;
    originalMessageId: string;
    reason: string;
  }): Promise<void> {
    await this.db.query(
      `INSERT INTO email_bounces (channel_account_id, raw_sha256, raw_key, original_message_id, reason,
                                  message_id)
       VALUES ($1, $2, $3, $4, $5,
               (SELECT id FROM messages WHERE channel_account_id = $1 AND external_id = $4 AND direction = 'out' LIMIT 1))
       ON CONFLICT (channel_account_id, raw_sha256) DO NOTHING`,
      [
        entry.channelAccountId,
        entry.rawSha256,
        entry.rawKey,
        entry.originalMessageId,
        entry.reason.slice(0, 2000),
      ],
    );
  }

  async recentAcknowledgements(contactAddress: string, since: Date): Promise<Date[]> {
    const rows = await this.db.query<{ created_at: Date }>(
      `SELECT a.created_at FROM email_acknowledgements a JOIN contact_identities i ON i.contact_id = a.contact_id
        WHERE i.kind = 'email' AND i.address = $1 AND a.created_at > $2`,
      [contactAddress, since],
    );
    return rows.map((r) => new Date(r.created_at));
  }

  async ticketSummary(ticketId: string): Promise<{ number: number; firstResponseDueAt: Date | null } | null> {
    const row = await this.db.one<{ number: string; first_response_due_at: Date | null }>(
      `SELECT number, first_response_due_at FROM tickets WHERE id = $1`,
      [ticketId],
    );
    return row
      ? {
          number: Number(row.number),
          firstResponseDueAt: row.first_response_due_at ? new Date(row.first_response_due_at) : null,
        }
      : null;
  }

  /**
   * The acknowledgement goes through the outbox like any reply; the unique ticket_id makes it once
   * per ticket, and the per-contact cap is checked under a per-contact lock in the same
   * transaction, so mails processed in parallel cannot all slip under it.
   */
  async queueAcknowledgement(input: {
    ticketId: string;
    text: string;
    capPerHour: number;
  }): Promise<boolean> {
    return this.writer.transaction(async (tx) => {
      const { sql } = tx;
      // A ticket in the spam view (a blocked sender's) is never acknowledged.
      const [owner] = await sql.query<{ contact_id: string }>(
        `SELECT contact_id FROM tickets WHERE id = $1 AND spam_at IS NULL`,
        [input.ticketId],
      );
      if (!owner) return false;
      await sql.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7))`, [owner.contact_id]);
      const [{ n }] = await sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM email_acknowledgements WHERE contact_id = $1 AND created_at > now() - interval '1 hour'`,
        [owner.contact_id],
      );
      if (n >= input.capPerHour) return false;
      const claimed = await sql.query(
        `INSERT INTO email_acknowledgements (ticket_id, contact_id) SELECT id, contact_id FROM tickets WHERE id = $1
         ON CONFLICT (ticket_id) DO NOTHING RETURNING ticket_id`,
        [input.ticketId],
      );
      if (claimed.length === 0) return false;
      const ticket = await tx.touch(input.ticketId);
      const articles = await acknowledgementArticles(sql, input.ticketId);
      const message = await tx.appendMessage(ticket, {
        kind: 'message',
        text: articles ? `${input.text}\n\n${articles}` : input.text,
        authorId: null,
        outbound: true,
        meta: { autoAcknowledgement: true },
      });
      await sql.query(`UPDATE email_acknowledgements SET message_id = $2 WHERE ticket_id = $1`, [
        input.ticketId,
        message.id,
      ]);
      return true;
    });
  }

  async outboundContext(
    accountId: string,
    messageId: string,
    ticketId: string,
  ): Promise<OutboundMailContext> {
    const rows = await this.db.query<{
      id: string;
      external_id: string | null;
      direction: 'in' | 'out';
      auto: boolean;
    }>(
      `SELECT m.id, m.external_id, m.direction, COALESCE((m.meta->>'autoAcknowledgement')::boolean, false) AS auto
         FROM messages m
         LEFT JOIN inbound_receipts r ON r.channel_account_id = m.channel_account_id AND r.external_id = m.external_id
        WHERE m.ticket_id = $1 AND m.kind = 'message'
          AND (m.channel_account_id = $2 OR m.id = $3
               -- mail this mailbox sent for another channel's ticket (a web chat answered by email)
               OR m.external_id IN (SELECT thread_key FROM ticket_thread_keys WHERE ticket_id = $1 AND channel_account_id = $2))
        -- A mail's Date header has whole seconds: two mails of the same second go in arrival order.
        ORDER BY m.created_at, r.received_at NULLS LAST, m.id`,
      [ticketId, accountId, messageId],
    );
    const self = rows.find((r) => r.id === messageId);
    const earlier = rows.filter(
      (r) => r.id !== messageId && r.external_id && !r.external_id.endsWith('@switchboard.invalid>'),
    );
    const inbound = earlier.filter((r) => r.direction === 'in');
    return {
      references: [...new Set(earlier.map((r) => r.external_id!))],
      ...(inbound.length ? { inReplyTo: inbound[inbound.length - 1].external_id! } : {}),
      autoReply: self?.auto ?? false,
    };
  }

  async messageFile(
    viewer: unknown,
    ref: { messageId: string } | { rawSha256: string },
    part: 'raw' | number,
  ): Promise<StoredFile | null> {
    if (!isViewer(viewer)) return null;
    const params: unknown[] = ['messageId' in ref ? ref.messageId : ref.rawSha256];
    const match = 'messageId' in ref ? 'm.id = $1' : `m.meta->>'rawSha256' = $1`;
    const row = await this.db.one<{
      id: string;
      meta: { rawStorageKey?: string; attachments?: StoredAttachment[] };
    }>(
      `SELECT m.id, m.meta FROM messages m JOIN tickets t ON t.id = m.ticket_id
        WHERE ${match} AND m.channel = 'email' AND ${visibleTo(viewer, params)} LIMIT 1`,
      params,
    );
    if (!row) return null;
    if (part === 'raw')
      return row.meta.rawStorageKey
        ? {
            storageKey: row.meta.rawStorageKey,
            filename: `message-${row.id}.eml`,
            contentType: 'message/rfc822',
          }
        : null;
    const attachment = row.meta.attachments?.[part];
    if (!attachment?.storageKey || attachment.rejectedReason) return null;
    return {
      storageKey: attachment.storageKey,
      filename: attachment.filename ?? `attachment-${part + 1}`,
      contentType: attachment.contentType ?? 'application/octet-stream',
    };
  }
}

function isViewer(value: unknown): value is Viewer {
  const v = value as Partial<Viewer> | undefined;
  return !!v && typeof v.userId === 'string' && typeof v.role === 'string' && Array.isArray(v.teamIds);
}
