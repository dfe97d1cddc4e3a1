import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An agent who knows two contacts are different people dismisses the suggestion: the row stays
 * (so the same shared address does not suggest the pair again) with who dismissed it and when.
 */
export class DismissedMergeSuggestions1764002920000 implements MigrationInterface {
  name = 'DismissedMergeSuggestions1764002920000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE contact_merge_suggestions
        ADD COLUMN dismissed_at timestamptz,
        ADD COLUMN dismissed_by uuid REFERENCES users (id) ON DELETE SET NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contact_merge_suggestions DROP COLUMN dismissed_at, DROP COLUMN dismissed_by`);
  }
}
