import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why a session ended (signed out, account disabled, password changed), so the console can tell
 * the person what happened instead of "your session expired" for all of them.
 */
export class PeopleSessionEndReason1764001100000 implements MigrationInterface {
  name = 'PeopleSessionEndReason1764001100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sessions ADD COLUMN end_reason text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sessions DROP COLUMN end_reason`);
  }
}
