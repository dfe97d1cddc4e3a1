import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Email notifications to agents: the admin's outbound mail server (one row; the password sealed
 * like channel credentials), per-user preferences per kind, and a digest per user. A
 * notification to be emailed opens its owner's digest (or joins the open one); when the digest
 * falls due one email lists every notification that joined it, so a burst is one email.
 */
export class NotifyEmail1764001510000 implements MigrationInterface {
  name = 'NotifyEmail1764001510000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_mail_settings (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        host text NOT NULL,
        port integer NOT NULL,
        secure boolean NOT NULL DEFAULT false,
        username text,
        password_sealed text,
        from_address text NOT NULL,
        digest_seconds integer NOT NULL DEFAULT 60,
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE notification_preferences (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind text NOT NULL,
        in_app boolean NOT NULL DEFAULT true,
        email boolean NOT NULL DEFAULT true,
        PRIMARY KEY (user_id, kind)
      );

      ALTER TABLE notifications
        ADD COLUMN in_app boolean NOT NULL DEFAULT true,
        ADD COLUMN email_pending boolean NOT NULL DEFAULT false,
        ADD COLUMN emailed_at timestamptz;
      CREATE INDEX ix_notifications_email_pending ON notifications (user_id) WHERE email_pending;

      CREATE TABLE notification_digests (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        due_at timestamptz NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      );
      CREATE INDEX ix_notification_digests_due ON notification_digests (due_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE notification_digests;
      ALTER TABLE notifications DROP COLUMN in_app, DROP COLUMN email_pending, DROP COLUMN emailed_at;
      DROP TABLE notification_preferences;
      DROP TABLE notification_mail_settings;
    `);
  }
}
