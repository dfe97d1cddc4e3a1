import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files for the first message of a conversation an agent is starting have no ticket yet: their
 * row waits with no ticket, owned by the uploader, until the start claims it.
 */
export class DraftUploads1764002910000 implements MigrationInterface {
  name = 'DraftUploads1764002910000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbound_attachments ALTER COLUMN ticket_id DROP NOT NULL;
      CREATE INDEX ix_outbound_attachments_drafts ON outbound_attachments (uploader_id)
        WHERE ticket_id IS NULL AND message_id IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX ix_outbound_attachments_drafts;
      DELETE FROM outbound_attachments WHERE ticket_id IS NULL;
      ALTER TABLE outbound_attachments ALTER COLUMN ticket_id SET NOT NULL;
    `);
  }
}
