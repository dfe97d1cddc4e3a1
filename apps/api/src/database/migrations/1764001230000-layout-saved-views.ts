import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Saved views (a name, the list's filters and sort; personal, or shared with everyone), and an
 * index for the Mentions queue: notes whose `meta.mentions` names an agent.
 */
export class LayoutSavedViews1764001230000 implements MigrationInterface {
  name = 'LayoutSavedViews1764001230000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE saved_views (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name text NOT NULL,
        shared boolean NOT NULL DEFAULT false,
        filters jsonb NOT NULL DEFAULT '{}',
        sort text NOT NULL DEFAULT 'updated' CHECK (sort IN ('updated', 'due')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_saved_views_owner ON saved_views (owner_id)`);
    await q.query(`CREATE INDEX ix_saved_views_shared ON saved_views (created_at) WHERE shared`);
    await q.query(
      `CREATE INDEX ix_messages_note_mentions ON messages USING gin ((meta -> 'mentions') jsonb_path_ops) WHERE kind = 'note'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_messages_note_mentions`);
    await q.query(`DROP TABLE saved_views`);
  }
}
