import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A contact's language and time zone, both optional: what a customer is told about times (the end
 * of a hold) is written the way they read it. IF NOT EXISTS because the contact profile adds the
 * same two columns; whichever lands first creates them.
 */
export class ContactLanguageTimeZone1764002100000 implements MigrationInterface {
  name = 'ContactLanguageTimeZone1764002100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE contacts
        ADD COLUMN IF NOT EXISTS language text,
        ADD COLUMN IF NOT EXISTS time_zone text
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contacts DROP COLUMN IF EXISTS time_zone, DROP COLUMN IF EXISTS language`);
  }
}
