import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Demo channel accounts (seeded for a first look) are marked in the database, where no admin
 * edit can set or clear the mark: their replies go to a built-in recorder (`demo_deliveries`),
 * never to a provider, and their mailboxes are never watched.
 */
export class PolishDemoChannels1764001212000 implements MigrationInterface {
  name = 'PolishDemoChannels1764001212000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE channel_accounts ADD COLUMN demo boolean NOT NULL DEFAULT false;
      CREATE TABLE demo_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        message_id uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        channel_account_id uuid NOT NULL REFERENCES channel_accounts (id) ON DELETE CASCADE,
        channel_kind text NOT NULL,
        to_address text NOT NULL,
        text text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX ux_demo_deliveries_message ON demo_deliveries (message_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE demo_deliveries; ALTER TABLE channel_accounts DROP COLUMN demo;`);
  }
}
