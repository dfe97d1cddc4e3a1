import { Injectable } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log.service.js';
import type { Sql } from '../common/db.js';
import { TicketWriter } from '../tickets/ticket-writer.js';
import { readRetentionSettings } from './retention-settings.js';
import { fileKeysOf, queueFileDeletions, StoredFileEraser } from './stored-files.js';

const BATCH = 100;

/** What one sweep deleted. */
export interface RetentionRun {
  tickets: number;
  quarantinedMails: number;
  files: number;
}

/**
 * Applies the retention policy: closed tickets (messages, timeline, files) and quarantined mail
 * older than the admin's limits are deleted, in batches claimed with SKIP LOCKED so any number of
 * worker nodes can sweep together; each batch writes one audit entry naming what it deleted, in
 * the same transaction, so the log and the deletion commit together.
 */
@Injectable()
export class RetentionSweeper {
  constructor(
    private readonly writer: TicketWriter,
    private readonly audit: AuditLog,
    private readonly files: StoredFileEraser,
  ) {}

  async sweep(): Promise<RetentionRun> {
    const settings = await this.writer.transaction((tx) => readRetentionSettings(tx.sql));
    const run: RetentionRun = { tickets: 0, quarantinedMails: 0, files: 0 };
    if (settings.deleteClosedTicketsAfterDays)
      for (let n = BATCH; n === BATCH;) {
        n = await this.deleteClosedTickets(settings.deleteClosedTicketsAfterDays);
        run.tickets += n;
      }
    if (settings.deleteQuarantineAfterDays)
      for (let n = BATCH; n === BATCH;) {
        n = await this.deleteQuarantine(settings.deleteQuarantineAfterDays);
        run.quarantinedMails += n;
      }
    run.files = await this.files.drain();
    return run;
  }

  /** One batch of closed tickets past the limit (ix_tickets_closed_since); how many were deleted. */
  private deleteClosedTickets(days: number): Promise<number> {
    return this.writer.transaction(async ({ sql }) => {
      const due = await sql.query<{ id: string; number: string }>(
        `SELECT id, number FROM tickets
          WHERE status = 'closed' AND COALESCE(status_changed_at, updated_at) < now() - make_interval(days => $1)
          ORDER BY COALESCE(status_changed_at, updated_at) LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [days, BATCH],
      );
      if (due.length === 0) return 0;
      const ids = due.map((t) => t.id);
      await queueFileDeletions(sql, await fileKeysOf(sql, { ticketIds: ids, messageIds: [] }));
      // Everything of a ticket goes with it (ON DELETE CASCADE); its committed outbox rows carry message bodies too.
      await sql.query(`DELETE FROM tickets WHERE id = ANY($1::uuid[])`, [ids]);
      await sql.query(
        `DELETE FROM outbox_events WHERE ticket_id = ANY($1::uuid[]) AND published_at IS NOT NULL`,
        [ids],
      );
      await this.record(sql, 'retention.tickets_deleted', 'ticket', {
        olderThanDays: days,
        count: due.length,
        ticketNumbers: due.map((t) => Number(t.number)),
      });
      return due.length;
    });
  }

  /** One batch of quarantined mail past the limit (ix_email_quarantine_created). */
  private deleteQuarantine(days: number): Promise<number> {
    return this.writer.transaction(async ({ sql }) => {
      const deleted = await sql.query<{ id: string; raw_key: string }>(
        `WITH due AS (
           SELECT id FROM email_quarantine WHERE created_at < now() - make_interval(days => $1)
            ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED),
         gone AS (DELETE FROM email_quarantine WHERE id IN (SELECT id FROM due) RETURNING id, raw_key)
         SELECT id, raw_key FROM gone`,
        [days, BATCH],
      );
      if (deleted.length === 0) return 0;
      await queueFileDeletions(
        sql,
        deleted.map((q) => q.raw_key),
      );
      await this.record(sql, 'retention.quarantine_deleted', 'email_quarantine', {
        olderThanDays: days,
        count: deleted.length,
        ids: deleted.map((q) => q.id),
      });
      return deleted.length;
    });
  }

  private record(
    sql: Sql,
    action: string,
    targetType: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record({ action, actorKind: 'system', targetType, details }, sql);
  }
}
