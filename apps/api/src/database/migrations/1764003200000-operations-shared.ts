import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The request that queued an outbound send, so the worker that sends it later logs under the
 * same request id. Filled by column default from the transaction's `switchboard.request_id`
 * setting, which the SQL layer sets when a request starts a transaction.
 *
 * Rate-limit hits shared by every node (login and password attempts) when Redis is not
 * configured: one row per attempt, keyed by a hash so addresses and emails are not stored.
 */
export class OperationsShared1764003200000 implements MigrationInterface {
  name = 'OperationsShared1764003200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbound_jobs
        ADD COLUMN request_id text DEFAULT NULLIF(current_setting('switchboard.request_id', true), '');

      CREATE TABLE rate_limit_hits (
        id bigserial PRIMARY KEY,
        key_hash text NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE INDEX ix_rate_limit_hits_key ON rate_limit_hits (key_hash, at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limit_hits; ALTER TABLE outbound_jobs DROP COLUMN request_id`);
  }
}
