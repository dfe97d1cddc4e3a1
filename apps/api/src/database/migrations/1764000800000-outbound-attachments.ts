import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files agents attach to email replies. An upload belongs to one ticket and one
 * agent until a reply claims it (`message_id` set in the reply's transaction); a claimed upload
 * can never be attached again.
 */
export class OutboundAttachments1764000800000 implements MigrationInterface {
  name = 'OutboundAttachments1764000800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbound_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        uploader_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        message_id uuid REFERENCES messages (id) ON DELETE CASCADE,
        -- Content-addressed key under DATA_DIR (email-files/…); never derived from the filename.
        storage_key text NOT NULL,
        filename text NOT NULL,
        content_type text NOT NULL,
        size integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_outbound_attachments_unsent ON outbound_attachments (ticket_id, uploader_id) WHERE message_id IS NULL;
      CREATE INDEX ix_outbound_attachments_message ON outbound_attachments (message_id) WHERE message_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbound_attachments;`);
  }
}
