import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Macros: an agent's (or, shared, everyone's) list of actions applied to a ticket in one go. */
export class NotifyMacros1764001520000 implements MigrationInterface {
  name = 'NotifyMacros1764001520000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE macros (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        owner_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        shared boolean NOT NULL DEFAULT false,
        actions jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_macros_owner ON macros (owner_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE macros`);
  }
}
