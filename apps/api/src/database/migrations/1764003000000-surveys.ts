import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Surveys on every channel: the admin's settings, one request per ticket and kind (so a ticket is
 * never surveyed twice, and a reopen cancels what has not gone out yet), and who an answer is
 * attributed to. Answers stay in `survey_responses`, which reports read.
 */
export class Surveys1764003000000 implements MigrationInterface {
  name = 'Surveys1764003000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- One row: the workspace's settings document (defaults, per-account overrides, texts per language).
      CREATE TABLE survey_settings (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        settings jsonb NOT NULL,
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE survey_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('csat', 'ces', 'nps')),
        -- scheduled → sent → answered; or cancelled (reopened before the delay) / skipped (with a reason).
        status text NOT NULL DEFAULT 'scheduled',
        due_at timestamptz NOT NULL,
        channel text,
        channel_account_id uuid REFERENCES channel_accounts (id) ON DELETE SET NULL,
        contact_id uuid REFERENCES contacts (id) ON DELETE CASCADE,
        -- sha256 of the link token; the token itself is only in the mail.
        token_hash text UNIQUE,
        message_id uuid REFERENCES messages (id) ON DELETE SET NULL,
        sent_at timestamptz,
        -- Answers are taken (and may be changed) until then.
        expires_at timestamptz,
        reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX ux_survey_requests_ticket_kind ON survey_requests (ticket_id, kind);
      CREATE INDEX ix_survey_requests_due ON survey_requests (due_at) WHERE status = 'scheduled';
      -- An SMS contact's pending question: their next digit within the window is the answer.
      CREATE INDEX ix_survey_requests_contact_open ON survey_requests (contact_id, sent_at DESC) WHERE status = 'sent';

      ALTER TABLE survey_responses
        ADD COLUMN agent_id uuid REFERENCES users (id) ON DELETE SET NULL,
        ADD COLUMN contact_id uuid REFERENCES contacts (id) ON DELETE SET NULL,
        ADD COLUMN request_id uuid REFERENCES survey_requests (id) ON DELETE SET NULL,
        ADD COLUMN answered_at timestamptz NOT NULL DEFAULT now(),
        ADD CONSTRAINT ck_survey_responses_ces CHECK (kind <> 'ces' OR score BETWEEN 1 AND 7),
        ADD CONSTRAINT ck_survey_responses_nps CHECK (kind <> 'nps' OR score BETWEEN 0 AND 10);
      CREATE INDEX ix_survey_responses_answered ON survey_responses (answered_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX ix_survey_responses_answered;
      ALTER TABLE survey_responses
        DROP CONSTRAINT ck_survey_responses_nps, DROP CONSTRAINT ck_survey_responses_ces,
        DROP COLUMN answered_at, DROP COLUMN request_id, DROP COLUMN contact_id, DROP COLUMN agent_id;
      DROP TABLE survey_requests;
      DROP TABLE survey_settings;
    `);
  }
}
