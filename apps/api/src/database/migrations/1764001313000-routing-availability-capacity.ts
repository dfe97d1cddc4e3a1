import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Durable outbox consumers, agent availability and capacity, and per-team auto-assignment.
 *
 * `outbox_events.writer_xid` is the id of the transaction that wrote the row. A consumer reads
 * only rows whose writer has finished (`writer_xid < pg_snapshot_xmin(pg_current_snapshot())`),
 * in (writer_xid, id) order: once a transaction id is below the horizon no row can still appear
 * under it, so a cursor over that order never skips an event committed late (a plain id cursor
 * would: ids are taken at insert and commit in another order). The column gets its default
 * without a table rewrite; rows written before it stay NULL and predate every consumer.
 */
export class RoutingAvailabilityCapacity1764001313000 implements MigrationInterface {
  name = 'RoutingAvailabilityCapacity1764001313000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbox_events ADD COLUMN writer_xid xid8;
      ALTER TABLE outbox_events ALTER COLUMN writer_xid SET DEFAULT pg_current_xact_id();
      CREATE INDEX ix_outbox_events_writer_xid ON outbox_events (writer_xid, id) WHERE writer_xid IS NOT NULL;

      -- One row per consumer: everything at or before (handled_xid, handled_id) is handled.
      CREATE TABLE outbox_consumers (
        consumer text PRIMARY KEY,
        handled_xid xid8 NOT NULL,
        handled_id bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TYPE agent_availability AS ENUM ('online', 'away', 'offline');
      ALTER TABLE users
        ADD COLUMN availability agent_availability NOT NULL DEFAULT 'offline',
        ADD COLUMN availability_changed_at timestamptz,
        ADD COLUMN capacity jsonb NOT NULL DEFAULT '{}';

      ALTER TABLE teams
        ADD COLUMN assignment jsonb NOT NULL DEFAULT '{"mode": "manual", "onlyOnline": true}',
        ADD COLUMN assignment_cursor uuid;

      -- The engine's own assignments: the per-hour cap counts them, and they say who decided.
      CREATE TABLE auto_assignments (
        id bigserial PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        agent_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        assigned_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_auto_assignments_agent_time ON auto_assignments (agent_id, assigned_at);

      -- The team queue: unassigned, workable tickets of a team.
      CREATE INDEX ix_tickets_team_waiting ON tickets (team_id, created_at)
        WHERE assignee_id IS NULL AND status IN ('new', 'open');
      -- An agent's load: their tickets not yet solved.
      CREATE INDEX ix_tickets_assignee_open ON tickets (assignee_id, channel)
        WHERE assignee_id IS NOT NULL AND status IN ('new', 'open', 'pending', 'on_hold');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX ix_tickets_assignee_open;
      DROP INDEX ix_tickets_team_waiting;
      DROP TABLE auto_assignments;
      ALTER TABLE teams DROP COLUMN assignment_cursor, DROP COLUMN assignment;
      ALTER TABLE users DROP COLUMN capacity, DROP COLUMN availability_changed_at, DROP COLUMN availability;
      DROP TYPE agent_availability;
      DROP TABLE outbox_consumers;
      DROP INDEX ix_outbox_events_writer_xid;
      ALTER TABLE outbox_events DROP COLUMN writer_xid;
    `);
  }
}
