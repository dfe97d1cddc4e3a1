import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The request that queued an outbound send, so the worker that sends it later logs under the
 * same request id. Filled by column default from the transaction's `switchboard.request_id`
 * setting, which the SQL layer sets when a request starts a transaction.
 */
export class RequestIds1764003200000 implements MigrationInterface {
  name = 'RequestIds1764003200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbound_jobs
        ADD COLUMN request_id text DEFAULT NULLIF(current_setting('switchboard.request_id', true), '');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbound_jobs DROP COLUMN request_id`);
  }
}
