import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bots on channel accounts. A ticket a bot holds has `bot_id` set: it sits in no team's queue and
 * runs no SLA clock until the bot hands it off. `bot_sessions` is where a flow stands per ticket
 * and what it collected; `bot_webhook_deliveries` are the signed posts to external bots, one per
 * customer message, retried until the bot's server takes them.
 */
export class Bots1764004000000 implements MigrationInterface {
  name = 'Bots1764004000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE bots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('flow', 'external')),
        channel_account_id uuid NOT NULL REFERENCES channel_accounts (id) ON DELETE CASCADE,
        active boolean NOT NULL DEFAULT true,
        handoff_team_id uuid REFERENCES teams (id) ON DELETE SET NULL,
        flow jsonb,
        webhook_url text,
        signing_secret_sealed text,
        api_token_id uuid REFERENCES api_tokens (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      -- One answering bot per channel account: ingest finds it with one index probe.
      CREATE UNIQUE INDEX ux_bots_active_account ON bots (channel_account_id) WHERE active;

      ALTER TABLE tickets ADD COLUMN bot_id uuid REFERENCES bots (id) ON DELETE SET NULL;
      CREATE INDEX ix_tickets_bot ON tickets (bot_id) WHERE bot_id IS NOT NULL;

      CREATE TABLE bot_sessions (
        ticket_id uuid PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
        bot_id uuid NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
        waiting_on text,
        -- The message that started the conversation: what a knowledge base step searches for.
        question text,
        finished boolean NOT NULL DEFAULT false,
        collected jsonb NOT NULL DEFAULT '{}',
        offered_articles jsonb NOT NULL DEFAULT '[]',
        handed_off_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE bot_webhook_deliveries (
        id bigserial PRIMARY KEY,
        bot_id uuid NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        message_id uuid NOT NULL,
        body jsonb NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz,
        delivered_at timestamptz,
        failed_at timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ux_bot_webhook_deliveries_message UNIQUE (bot_id, message_id)
      );
      CREATE INDEX ix_bot_webhook_deliveries_due ON bot_webhook_deliveries (next_attempt_at)
        WHERE delivered_at IS NULL AND failed_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE bot_webhook_deliveries;
      DROP TABLE bot_sessions;
      DROP INDEX ix_tickets_bot;
      ALTER TABLE tickets DROP COLUMN bot_id;
      DROP TABLE bots;
    `);
  }
}
