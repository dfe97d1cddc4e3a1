import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The request that queued an outbound send, so the worker that sends it later logs under the
 * same request id. Filled by column default from the transaction's `switchboard.request_id`
 * setting, which the SQL layer sets when a request starts a transaction.
 *
 * Rate-limit hits shared by every node (login and password attempts) when Redis is not
 * configured: one row per attempt, keyed by a hash so addresses and emails are not stored.
 * Running API nodes with their role and version, for the admins' System screen.
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

      -- Running API nodes for the admins' System screen: each renews its row; stale rows age out.
      CREATE TABLE api_nodes (
        id text PRIMARY KEY,
        role text NOT NULL,
        version text NOT NULL,
        host text NOT NULL,
        pid integer NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_nodes, rate_limit_hits; ALTER TABLE outbound_jobs DROP COLUMN request_id`);
  }
}
