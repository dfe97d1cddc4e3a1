import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A queue filtered by tag, channel and priority at once (VIP SMS tickets marked urgent) is a
 * needle: a few tickets of a million. The tag index alone found every VIP ticket, and the rest
 * was a bitmap of every open ticket and a heap visit per VIP ticket. With channel and priority
 * as further keys of the same index (`btree_gin`), one lookup intersects all three; a filter by
 * tag alone reads it as before, so it replaces the tag index rather than adding a write.
 */
export class TagChannelPriority1764004410000 implements MigrationInterface {
  name = 'TagChannelPriority1764004410000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    await q.query(
      `CREATE INDEX ix_tickets_tags_channel_priority ON tickets USING gin (tags, channel, priority)`,
    );
    await q.query(`DROP INDEX ix_tickets_tags`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_tickets_tags ON tickets USING gin (tags)`);
    await q.query(`DROP INDEX ix_tickets_tags_channel_priority`);
  }
}
