import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SLA engine: business calendars, ordered policies with escalation ladders, the append-only
 * clock ledger, the derived clock state on the ticket, and the runs of escalation steps.
 *
 * The sweeper reads only `ix_tickets_sla_next_check`, a partial index over tickets that still
 * have something to check (a warning, a breach or an escalation step ahead), so a sweep costs in
 * proportion to what is due, not to the open tickets.
 */
export class SlaEngine1764000300000 implements MigrationInterface {
  name = 'SlaEngine1764000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TYPE sla_metric AS ENUM ('first_response', 'next_response', 'resolution');
      CREATE TYPE sla_clock_action AS ENUM ('start', 'pause', 'resume', 'achieve', 'stop', 'breach', 'warn');

      CREATE TABLE business_calendars (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        time_zone text NOT NULL,
        hours jsonb NOT NULL,
        holidays jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX ux_business_calendars_name ON business_calendars (lower(name));

      CREATE TABLE sla_policies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        sort_order integer NOT NULL,
        conditions jsonb NOT NULL DEFAULT '{}',
        calendar_id uuid REFERENCES business_calendars (id),
        first_response_seconds integer,
        next_response_seconds integer,
        resolution_seconds integer,
        at_risk_share real,
        pause_on_hold boolean NOT NULL DEFAULT false,
        restart_on_customer_after_solve boolean NOT NULL DEFAULT false,
        customer_after_solve_grace_seconds integer NOT NULL DEFAULT 600,
        escalations jsonb NOT NULL DEFAULT '[]',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_sla_policies_active_order ON sla_policies (sort_order) WHERE active;

      -- Append-only: what happened to each clock and why; the ticket's SLA columns derive from it.
      CREATE TABLE sla_clock_entries (
        id bigserial PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        metric sla_metric NOT NULL,
        action sla_clock_action NOT NULL,
        reason text NOT NULL,
        at timestamptz NOT NULL,
        policy_id uuid REFERENCES sla_policies (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_sla_clock_entries_ticket ON sla_clock_entries (ticket_id, id);

      ALTER TABLE tickets
        ADD COLUMN sla_policy_id uuid REFERENCES sla_policies (id) ON DELETE SET NULL,
        ADD COLUMN first_response_at_risk_at timestamptz,
        ADD COLUMN first_response_paused_since timestamptz,
        ADD COLUMN first_response_achieved_at timestamptz,
        ADD COLUMN first_response_breached_at timestamptz,
        ADD COLUMN next_response_due_at timestamptz,
        ADD COLUMN next_response_at_risk_at timestamptz,
        ADD COLUMN next_response_paused_since timestamptz,
        ADD COLUMN next_response_achieved_at timestamptz,
        ADD COLUMN next_response_breached_at timestamptz,
        ADD COLUMN resolution_at_risk_at timestamptz,
        ADD COLUMN resolution_paused_since timestamptz,
        ADD COLUMN resolution_achieved_at timestamptz,
        ADD COLUMN resolution_breached_at timestamptz,
        -- Earliest due / at-risk instant over running clocks (queue sort, dashboard tiles).
        ADD COLUMN sla_due_at timestamptz,
        ADD COLUMN sla_at_risk_at timestamptz,
        -- When the sweeper must look next (a warning, a breach or an escalation step); NULL: nothing ahead.
        ADD COLUMN sla_next_check_at timestamptz;

      CREATE INDEX ix_tickets_sla_next_check ON tickets (sla_next_check_at) WHERE sla_next_check_at IS NOT NULL;
      CREATE INDEX ix_tickets_sla_due ON tickets (sla_due_at) WHERE sla_due_at IS NOT NULL;

      -- Each escalation step runs once per ticket, policy, step and clock cycle.
      CREATE TABLE sla_escalation_runs (
        id bigserial PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        policy_id uuid NOT NULL REFERENCES sla_policies (id) ON DELETE CASCADE,
        step_index integer NOT NULL,
        cycle_key text NOT NULL,
        action text NOT NULL,
        ran_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX ux_sla_escalation_runs_once ON sla_escalation_runs (ticket_id, policy_id, step_index, cycle_key);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE sla_escalation_runs;
      DROP INDEX ix_tickets_sla_due;
      DROP INDEX ix_tickets_sla_next_check;
      ALTER TABLE tickets
        DROP COLUMN sla_policy_id, DROP COLUMN first_response_at_risk_at, DROP COLUMN first_response_paused_since,
        DROP COLUMN first_response_achieved_at, DROP COLUMN first_response_breached_at, DROP COLUMN next_response_due_at,
        DROP COLUMN next_response_at_risk_at, DROP COLUMN next_response_paused_since, DROP COLUMN next_response_achieved_at,
        DROP COLUMN next_response_breached_at, DROP COLUMN resolution_at_risk_at, DROP COLUMN resolution_paused_since,
        DROP COLUMN resolution_achieved_at, DROP COLUMN resolution_breached_at, DROP COLUMN sla_due_at,
        DROP COLUMN sla_at_risk_at, DROP COLUMN sla_next_check_at;
      DROP TABLE sla_clock_entries, sla_policies, business_calendars;
      DROP TYPE sla_clock_action, sla_metric;
    `);
  }
}
