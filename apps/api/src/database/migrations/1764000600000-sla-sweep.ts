import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sweeper's writes move off the wide ticket row. A sweep that records 1,000 breaches used to
 * update 1,000 `tickets` rows: each update changed indexed columns (`sla_next_check_at`,
 * `updated_at`) and, with the ticket pages full, could not be HOT, so every one of the ten ticket
 * indexes got a new entry per ticket (~12 MB of WAL, most of a 340 ms sweep).
 *
 * `ticket_sla_state` is a narrow side table with what the sweeper writes: when to look next and
 * when each clock breached. A row exists while a check is ahead or a breach is on record; the
 * sweep's partial index lives here. What the sweeper never changes on its own (due, at-risk,
 * paused and achieved instants, the policy) stays on `tickets`, where queue sort and filters use it.
 */
export class SlaSweep1764000600000 implements MigrationInterface {
  name = 'SlaSweep1764000600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ticket_sla_state (
        ticket_id uuid PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
        -- When the sweeper must look next (a warning, a breach or an escalation step); NULL: nothing ahead.
        next_check_at timestamptz,
        first_response_breached_at timestamptz,
        next_response_breached_at timestamptz,
        resolution_breached_at timestamptz,
        -- Earliest breach over the metrics (the ticket view's sla.breachedAt).
        breached_at timestamptz
      );
      CREATE INDEX ix_ticket_sla_state_next_check ON ticket_sla_state (next_check_at) WHERE next_check_at IS NOT NULL;

      INSERT INTO ticket_sla_state (ticket_id, next_check_at, first_response_breached_at, next_response_breached_at, resolution_breached_at, breached_at)
      SELECT id, sla_next_check_at, first_response_breached_at, next_response_breached_at, resolution_breached_at, sla_breached_at
        FROM tickets
       WHERE sla_next_check_at IS NOT NULL OR sla_breached_at IS NOT NULL OR first_response_breached_at IS NOT NULL
          OR next_response_breached_at IS NOT NULL OR resolution_breached_at IS NOT NULL;

      DROP INDEX ix_tickets_sla_next_check;
      ALTER TABLE tickets
        DROP COLUMN sla_next_check_at,
        DROP COLUMN first_response_breached_at,
        DROP COLUMN next_response_breached_at,
        DROP COLUMN resolution_breached_at,
        DROP COLUMN sla_breached_at;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tickets
        ADD COLUMN sla_breached_at timestamptz,
        ADD COLUMN first_response_breached_at timestamptz,
        ADD COLUMN next_response_breached_at timestamptz,
        ADD COLUMN resolution_breached_at timestamptz,
        ADD COLUMN sla_next_check_at timestamptz;
      UPDATE tickets t
         SET sla_next_check_at = s.next_check_at, first_response_breached_at = s.first_response_breached_at,
             next_response_breached_at = s.next_response_breached_at, resolution_breached_at = s.resolution_breached_at,
             sla_breached_at = s.breached_at
        FROM ticket_sla_state s WHERE s.ticket_id = t.id;
      CREATE INDEX ix_tickets_sla_next_check ON tickets (sla_next_check_at) WHERE sla_next_check_at IS NOT NULL;
      DROP TABLE ticket_sla_state;
    `);
  }
}
