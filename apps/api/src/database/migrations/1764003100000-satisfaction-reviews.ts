import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Satisfaction reports and learning from bad cases: who a survey answer is attributed to and
 * when it was given (the columns may already exist: the survey sender adds the same ones), the
 * score ranges of CES and NPS, review flags on tickets, the reviews supervisors write from them
 * (with the coaching note its agent acknowledges), and which automatic flags are on.
 */
export class SatisfactionReviews1764003100000 implements MigrationInterface {
  name = 'SatisfactionReviews1764003100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE survey_responses
        ADD COLUMN IF NOT EXISTS agent_id uuid REFERENCES users (id) ON DELETE SET NULL,
        ADD COLUMN IF NOT EXISTS answered_at timestamptz;
      UPDATE survey_responses SET answered_at = updated_at WHERE answered_at IS NULL;
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'ck_survey_responses_ces') THEN
          ALTER TABLE survey_responses ADD CONSTRAINT ck_survey_responses_ces CHECK (kind <> 'ces' OR score BETWEEN 1 AND 7);
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'ck_survey_responses_nps') THEN
          ALTER TABLE survey_responses ADD CONSTRAINT ck_survey_responses_nps CHECK (kind <> 'nps' OR score BETWEEN 0 AND 10);
        END IF;
      END $$;
      -- Reports select answers by when they were given.
      CREATE INDEX IF NOT EXISTS ix_survey_responses_answered ON survey_responses ((COALESCE(answered_at, created_at)), kind);
      -- Reports select tickets by creation (response times, attainment) or solve (the response rate) in a range.
      CREATE INDEX IF NOT EXISTS ix_tickets_created_at ON tickets (created_at);
      CREATE INDEX IF NOT EXISTS ix_tickets_solved_at ON tickets (solved_at) WHERE solved_at IS NOT NULL;

      CREATE TABLE reviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
        -- The agent the review is about (who solved or holds the ticket when it was flagged) and their team.
        agent_id uuid REFERENCES users (id) ON DELETE SET NULL,
        team_id uuid REFERENCES teams (id) ON DELETE SET NULL,
        categories text[] NOT NULL DEFAULT '{}',
        what_went_wrong text,
        better_next_time text,
        coaching_note text,
        outcome text,
        reviewer_id uuid REFERENCES users (id) ON DELETE SET NULL,
        reviewed_at timestamptz,
        acknowledged_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- One open review per ticket gathers every flag raised on it.
      CREATE UNIQUE INDEX ux_reviews_open_ticket ON reviews (ticket_id) WHERE status = 'open';
      CREATE INDEX ix_reviews_status_created ON reviews (status, created_at);
      CREATE INDEX ix_reviews_agent_coaching ON reviews (agent_id, reviewed_at) WHERE coaching_note IS NOT NULL;

      CREATE TABLE review_flags (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        review_id uuid NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        -- 'manual', or the automatic rule that raised it: csat_low, nps_detractor, ces_high, sla_breach, reopened, transferred.
        source text NOT NULL,
        reason text NOT NULL,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_review_flags_review ON review_flags (review_id);
      -- An automatic rule flags a ticket once, however often its event is replayed.
      CREATE UNIQUE INDEX ux_review_flags_auto_once ON review_flags (ticket_id, source) WHERE source <> 'manual';

      CREATE TABLE review_settings (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        auto_flags jsonb NOT NULL,
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE review_settings;
      DROP TABLE review_flags;
      DROP TABLE reviews;
      DROP INDEX IF EXISTS ix_tickets_solved_at;
      DROP INDEX IF EXISTS ix_tickets_created_at;
    `);
  }
}
