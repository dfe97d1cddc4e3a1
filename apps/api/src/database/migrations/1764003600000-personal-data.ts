import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal data: an erased contact keeps its row (its tickets stay as anonymous statistics, and
 * `tickets.contact_id` is NOT NULL) with the time it was erased; files to delete wait in a queue
 * written in the same transaction as the rows that stopped naming them, so a crash between the
 * commit and the unlink delays the deletion instead of losing it; the retention sweep finds old
 * closed tickets and quarantined mail through indexes on the times it compares.
 */
export class PersonalData1764003600000 implements MigrationInterface {
  name = 'PersonalData1764003600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE contacts ADD COLUMN erased_at timestamptz;

      CREATE TABLE pending_file_deletions (
        storage_key text PRIMARY KEY,
        queued_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE INDEX ix_tickets_closed_since ON tickets ((COALESCE(status_changed_at, updated_at)))
        WHERE status = 'closed';
      CREATE INDEX ix_email_quarantine_created ON email_quarantine (created_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX ix_email_quarantine_created;
      DROP INDEX ix_tickets_closed_since;
      DROP TABLE pending_file_deletions;
      ALTER TABLE contacts DROP COLUMN erased_at;
    `);
  }
}
