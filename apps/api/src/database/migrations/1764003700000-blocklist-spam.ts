import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Spam and abuse: the blocklist (a contact, one channel handle, or an email domain), the spam
 * mark on tickets (kept, searchable, out of every queue), and the per-contact flood window that
 * folds a burst of messages into one notice.
 */
export class BlocklistSpam1764003700000 implements MigrationInterface {
  name = 'BlocklistSpam1764003700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TYPE blocklist_kind AS ENUM ('contact', 'address', 'domain');
      CREATE TABLE blocklist_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind blocklist_kind NOT NULL,
        -- A contact's id, a handle as ingest stores it (lower-cased), or a lower-cased domain.
        value text NOT NULL,
        contact_id uuid REFERENCES contacts (id) ON DELETE CASCADE,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_blocklist_kind_value UNIQUE (kind, value),
        CONSTRAINT ck_blocklist_contact CHECK ((kind = 'contact') = (contact_id IS NOT NULL))
      );
      CREATE INDEX ix_blocklist_contact ON blocklist_entries (contact_id) WHERE contact_id IS NOT NULL;

      ALTER TABLE tickets ADD COLUMN spam_at timestamptz, ADD COLUMN spam_reason text;
      CREATE INDEX ix_tickets_spam ON tickets (spam_at DESC, id DESC) WHERE spam_at IS NOT NULL;

      CREATE TABLE contact_flood_windows (
        contact_id uuid PRIMARY KEY REFERENCES contacts (id) ON DELETE CASCADE,
        window_started_at timestamptz NOT NULL,
        received integer NOT NULL,
        -- The folded notice of this window, once the limit was passed.
        notice_event_id bigint
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE contact_flood_windows;
      DROP INDEX ix_tickets_spam;
      ALTER TABLE tickets DROP COLUMN spam_at, DROP COLUMN spam_reason;
      DROP TABLE blocklist_entries;
      DROP TYPE blocklist_kind;
    `);
  }
}
