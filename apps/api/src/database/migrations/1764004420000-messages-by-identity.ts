import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Messages by the contact identity they came from or went to, in either direction. The index so
 * far held inbound messages only, so whatever asked for an identity's messages without naming
 * the direction read every message: a personal-data export or erasure, and the check PostgreSQL
 * makes before an identity is deleted (no message may still name it), each a full scan of ten
 * million rows at scale. Messages without an identity (notes, most replies) stay out of it.
 */
export class MessagesByIdentity1764004420000 implements MigrationInterface {
  name = 'MessagesByIdentity1764004420000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    await q.query(
      `CREATE INDEX ix_messages_identity ON messages (identity_id, channel_account_id, created_at DESC)
        WHERE identity_id IS NOT NULL`,
    );
    await q.query(`DROP INDEX ix_messages_identity_inbound`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX ix_messages_identity_inbound ON messages (identity_id, channel_account_id, created_at DESC)
        WHERE direction = 'in'`,
    );
    await q.query(`DROP INDEX ix_messages_identity`);
  }
}
