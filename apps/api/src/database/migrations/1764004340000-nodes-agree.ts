import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which agents have a live socket on which node, for deployments without Redis: each node
 * renews its rows every few seconds, so a node that dies without a clean stop (kill -9, a lost
 * host) stops renewing and its agents drop out once their rows are older than the TTL.
 *
 * When each mailbox was last fetched successfully, written by the node holding its lease, so
 * the System screen shows it whichever node answers.
 *
 * Request budgets per key and minute (API tokens, client addresses) shared by every node when
 * there is no Redis: one counter row per key (its window opens with the key's first request),
 * not one row per request.
 */
export class NodesAgree1764004340000 implements MigrationInterface {
  name = 'NodesAgree1764004340000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agent_connections (
        node_id text NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        seen_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (node_id, user_id)
      );
      CREATE INDEX ix_agent_connections_seen ON agent_connections (seen_at);

      CREATE TABLE email_mailbox_fetches (
        channel_account_id uuid PRIMARY KEY REFERENCES channel_accounts (id) ON DELETE CASCADE,
        last_fetch_at timestamptz NOT NULL
      );

      CREATE TABLE rate_limit_windows (
        key_hash text PRIMARY KEY,
        window_start timestamptz NOT NULL,
        hits integer NOT NULL
      );
      CREATE INDEX ix_rate_limit_windows_start ON rate_limit_windows (window_start);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limit_windows, email_mailbox_fetches, agent_connections`);
  }
}
