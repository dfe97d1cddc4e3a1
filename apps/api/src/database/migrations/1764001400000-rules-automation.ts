import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Automation rules and their run log.
 *
 * `rule_runs` is the execution log and, for event rules, the "at most once per event" guard: a
 * run is written in the outbox consumer's transaction with a unique (rule, outbox event) key,
 * so a replayed batch finds it and does nothing twice. Time rules mark a run per ticket and
 * matching period (`period_key`) under the same unique constraint.
 *
 * Rules are created inactive: no migration turns automation on for an existing install.
 */
export class RulesAutomation1764001400000 implements MigrationInterface {
  name = 'RulesAutomation1764001400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        trigger text NOT NULL CHECK (trigger IN ('event', 'time')),
        events text[] NOT NULL DEFAULT '{}',
        time_condition jsonb,
        conditions jsonb NOT NULL DEFAULT '{}',
        actions jsonb NOT NULL,
        sort_order integer NOT NULL DEFAULT 0,
        active boolean NOT NULL DEFAULT false,
        -- Signs this rule's webhook calls (HMAC-SHA256); set by the API, never shown.
        webhook_secret text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_rules_active ON rules (trigger, sort_order, created_at) WHERE active;

      CREATE TABLE rule_runs (
        id bigserial PRIMARY KEY,
        rule_id uuid NOT NULL REFERENCES rules (id) ON DELETE CASCADE,
        ticket_id uuid REFERENCES tickets (id) ON DELETE CASCADE,
        event text NOT NULL,
        -- The outbox event (event rules) or ticket + period (time rules) this run answers.
        run_key text NOT NULL,
        depth integer NOT NULL DEFAULT 0,
        outcome text NOT NULL CHECK (outcome IN ('applied', 'skipped', 'failed')),
        reason text,
        actions jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (rule_id, run_key)
      );
      CREATE INDEX ix_rule_runs_rule ON rule_runs (rule_id, id DESC);
      -- The fields change conditions compare, as the rules engine last saw them per ticket.
      CREATE TABLE rule_ticket_facts (
        ticket_id uuid PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
        facts jsonb NOT NULL
      );
      CREATE INDEX ix_rule_runs_ticket_recent ON rule_runs (ticket_id, created_at) WHERE outcome = 'applied';

      -- Time rules read only the tickets that are due: one partial index per "hours since".
      -- status_changed_at is set by the ticket writer on every status change (null before).
      ALTER TABLE tickets ADD COLUMN status_changed_at timestamptz;
      CREATE INDEX ix_tickets_due_solved ON tickets (solved_at) WHERE status = 'solved' AND solved_at IS NOT NULL;
      CREATE INDEX ix_tickets_due_pending ON tickets (status_changed_at)
        WHERE status = 'pending' AND status_changed_at IS NOT NULL;
      CREATE INDEX ix_tickets_due_created ON tickets (created_at) WHERE status NOT IN ('solved', 'closed');
      CREATE INDEX ix_tickets_due_customer ON tickets (last_customer_message_at)
        WHERE status NOT IN ('solved', 'closed') AND last_customer_message_at IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rule_ticket_facts; DROP TABLE rule_runs;
      DROP INDEX ix_tickets_due_solved, ix_tickets_due_pending, ix_tickets_due_created, ix_tickets_due_customer;
      ALTER TABLE tickets DROP COLUMN status_changed_at; DROP TABLE rules;`);
  }
}
