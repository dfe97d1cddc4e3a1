import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications that reach agents: one row per recipient, read or not. The index serves the
 * owner's list (newest first) and the unread count.
 */
export class NotifyNotifications1764001500000 implements MigrationInterface {
  name = 'NotifyNotifications1764001500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind text NOT NULL,
        ticket_id uuid REFERENCES tickets(id) ON DELETE CASCADE,
        text text NOT NULL,
        actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      );
      CREATE INDEX ix_notifications_user ON notifications (user_id, created_at DESC);
      CREATE INDEX ix_notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notifications`);
  }
}
