import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * AI bots: a third kind of bot whose answers come from the AI assist endpoint, grounded in help
 * articles. `ai_bot_turns` holds one row per customer message the bot owes an answer, queued with
 * the message's handling and claimed with a lease, so the model is asked outside any transaction
 * and a crash delays the answer, never doubles it. The assist call log also names the bot that
 * made a call.
 */
export class AiBot1764004300000 implements MigrationInterface {
  name = 'AiBot1764004300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE bots DROP CONSTRAINT bots_kind_check;
      ALTER TABLE bots ADD CONSTRAINT bots_kind_check CHECK (kind IN ('flow', 'external', 'ai'));
      ALTER TABLE bots ADD COLUMN ai jsonb;

      ALTER TABLE assist_calls ADD COLUMN bot_id uuid REFERENCES bots (id) ON DELETE SET NULL;
      ALTER TABLE assist_calls DROP CONSTRAINT assist_calls_purpose_check;
      ALTER TABLE assist_calls ADD CONSTRAINT assist_calls_purpose_check
        CHECK (purpose IN ('summary', 'reply', 'bot_reply'));

      CREATE TABLE ai_bot_turns (
        id bigserial PRIMARY KEY,
        bot_id uuid NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        message_id uuid NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        done_at timestamptz,
        outcome text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ux_ai_bot_turns_message UNIQUE (bot_id, message_id)
      );
      CREATE INDEX ix_ai_bot_turns_due ON ai_bot_turns (id) WHERE done_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE ai_bot_turns;
      ALTER TABLE assist_calls DROP CONSTRAINT assist_calls_purpose_check;
      DELETE FROM assist_calls WHERE purpose = 'bot_reply';
      ALTER TABLE assist_calls ADD CONSTRAINT assist_calls_purpose_check CHECK (purpose IN ('summary', 'reply'));
      ALTER TABLE assist_calls DROP COLUMN bot_id;
      DELETE FROM bots WHERE kind = 'ai';
      ALTER TABLE bots DROP COLUMN ai;
      ALTER TABLE bots DROP CONSTRAINT bots_kind_check;
      ALTER TABLE bots ADD CONSTRAINT bots_kind_check CHECK (kind IN ('flow', 'external'));
    `);
  }
}
