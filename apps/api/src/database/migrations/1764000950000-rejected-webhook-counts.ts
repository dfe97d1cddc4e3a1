import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Refused webhooks beyond the per-source cap are counted on the last row stored, not stored each. */
export class RejectedWebhookCounts1764000950000 implements MigrationInterface {
  name = 'RejectedWebhookCounts1764000950000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rejected_webhooks ADD COLUMN suppressed_count integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rejected_webhooks DROP COLUMN suppressed_count`);
  }
}
