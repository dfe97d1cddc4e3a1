import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * AI assist: one settings row (off until an admin configures an endpoint; the provider's API key
 * is stored sealed) and a log of every call that left for the provider, with its token counts.
 */
export class AiAssist1764004100000 implements MigrationInterface {
  name = 'AiAssist1764004100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE assist_settings (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        enabled boolean NOT NULL DEFAULT false,
        base_url text,
        model text,
        api_key_sealed text,
        mask_personal_data boolean NOT NULL DEFAULT true,
        disabled_team_ids uuid[] NOT NULL DEFAULT '{}',
        timeout_ms integer NOT NULL DEFAULT 30000,
        acknowledgement_articles boolean NOT NULL DEFAULT false,
        link_base_url text,
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO assist_settings (id) VALUES (1);

      CREATE TABLE assist_calls (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        ticket_id uuid REFERENCES tickets (id) ON DELETE SET NULL,
        purpose text NOT NULL CHECK (purpose IN ('summary', 'reply')),
        model text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('ok', 'failed')),
        error text,
        prompt_tokens integer,
        completion_tokens integer,
        duration_ms integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_assist_calls_created ON assist_calls (created_at DESC, id DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS assist_calls; DROP TABLE IF EXISTS assist_settings;`);
  }
}
