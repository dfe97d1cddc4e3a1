import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Queues filtered by channel and priority (a team's urgent emails; VIP SMS tickets marked
 * urgent) are needles: a few hundred open tickets of a million. Without an index that starts
 * with those two columns, PostgreSQL read every open ticket of the team (or every ticket with
 * the tag) and threw most away. Partial to open tickets, as every queue with these filters is,
 * so it stays small; the team is a third key because a team queue is the common case.
 */
export class OpenChannelPriority1764004410000 implements MigrationInterface {
  name = 'OpenChannelPriority1764004410000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX ix_tickets_open_channel_priority ON tickets (channel, priority, team_id, status)
        WHERE status NOT IN ('solved', 'closed')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_tickets_open_channel_priority`);
  }
}
