import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A merge closes its source, which ends a hold; the hold's return time is kept with the merge so
 * an undo puts the ticket back on hold until that time, and the hold expiry still brings it back.
 */
export class MergeUndoHold1764002900000 implements MigrationInterface {
  name = 'MergeUndoHold1764002900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ticket_merges ADD COLUMN source_hold_until timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ticket_merges DROP COLUMN source_hold_until`);
  }
}
