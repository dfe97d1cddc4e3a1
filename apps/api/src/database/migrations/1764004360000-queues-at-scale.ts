import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox at a million tickets.
 *
 * Queue counts that do not scan: `ticket_queue_counts` holds signed changes (+1/-1) per bucket
 * (team × assignee × status) of the tickets a queue can show: not closed, not held by a bot, not
 * spam. A trigger on `tickets` appends one row per bucket a change leaves or enters, so every
 * writer (the ticket writer, merges, spam, bots, erasure, team deletion) keeps the counts exact
 * without knowing of them. Appending, rather than updating one row per bucket, keeps concurrent
 * writers of the same queue from queueing behind one counter row; `queue_counts_compact()` folds
 * the changes into one row per bucket (a worker runs it every few seconds), so a count reads a few
 * hundred rows whatever the number of tickets.
 *
 * Queue lists sorted by SLA due time: the order "due first, tickets without a running clock last"
 * is written as `COALESCE(sla_due_at, 'infinity')`, so one btree column carries it and a keyset
 * cursor bounds it (`NULLS LAST` with a `DESC` tie-breaker cannot be one range condition). The
 * indexes below match the order of each queue exactly, chosen from EXPLAIN (ANALYZE, BUFFERS) at
 * 1,000,000 tickets: every ticket (any status), and the active tickets of a team and of an
 * assignee (which also serves Unassigned, `assignee_id IS NULL`). The tag filter is a containment
 * (`tags @> ARRAY[…]`) so a GIN index on tags can answer it.
 */
export class QueuesAtScale1764004360000 implements MigrationInterface {
  name = 'QueuesAtScale1764004360000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ticket_queue_counts (
        id bigserial PRIMARY KEY,
        team_id uuid,
        assignee_id uuid,
        status ticket_status NOT NULL,
        n integer NOT NULL
      );

      CREATE FUNCTION ticket_queue_counts_on_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status <> 'closed' AND OLD.bot_id IS NULL AND OLD.spam_at IS NULL THEN
          INSERT INTO ticket_queue_counts (team_id, assignee_id, status, n)
            VALUES (OLD.team_id, OLD.assignee_id, OLD.status, -1);
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.status <> 'closed' AND NEW.bot_id IS NULL AND NEW.spam_at IS NULL THEN
          INSERT INTO ticket_queue_counts (team_id, assignee_id, status, n)
            VALUES (NEW.team_id, NEW.assignee_id, NEW.status, 1);
        END IF;
        RETURN NULL;
      END $$;

      CREATE FUNCTION ticket_queue_counts_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM ticket_queue_counts;
        RETURN NULL;
      END $$;

      CREATE TRIGGER tr_tickets_queue_counts AFTER INSERT OR DELETE ON tickets
        FOR EACH ROW EXECUTE FUNCTION ticket_queue_counts_on_change();
      -- Most updates (seq, times, SLA state) leave every bucket alone: no row for those.
      CREATE TRIGGER tr_tickets_queue_counts_update AFTER UPDATE ON tickets
        FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status
          OR OLD.team_id IS DISTINCT FROM NEW.team_id
          OR OLD.assignee_id IS DISTINCT FROM NEW.assignee_id
          OR (OLD.bot_id IS NULL) <> (NEW.bot_id IS NULL)
          OR (OLD.spam_at IS NULL) <> (NEW.spam_at IS NULL))
        EXECUTE FUNCTION ticket_queue_counts_on_change();
      CREATE TRIGGER tr_tickets_queue_counts_truncate AFTER TRUNCATE ON tickets
        FOR EACH STATEMENT EXECUTE FUNCTION ticket_queue_counts_on_truncate();

      -- Folds the changes into one row per bucket. Safe beside writers and other compactions: a
      -- change committed meanwhile is not in this DELETE's snapshot and stays; a row another
      -- compaction deleted first is skipped here.
      CREATE FUNCTION queue_counts_compact() RETURNS integer LANGUAGE sql AS $$
        WITH gone AS (DELETE FROM ticket_queue_counts RETURNING team_id, assignee_id, status, n),
             folded AS (
               INSERT INTO ticket_queue_counts (team_id, assignee_id, status, n)
               SELECT team_id, assignee_id, status, sum(n) FROM gone
                GROUP BY team_id, assignee_id, status HAVING sum(n) <> 0
               RETURNING 1)
        SELECT (SELECT count(*) FROM gone)::integer
      $$;

      INSERT INTO ticket_queue_counts (team_id, assignee_id, status, n)
      SELECT team_id, assignee_id, status, count(*) FROM tickets
       WHERE status <> 'closed' AND bot_id IS NULL AND spam_at IS NULL
       GROUP BY team_id, assignee_id, status;

      CREATE INDEX ix_tickets_due_queue ON tickets ((COALESCE(sla_due_at, 'infinity'::timestamptz)), updated_at DESC, id DESC);
      CREATE INDEX ix_tickets_team_due_queue ON tickets (team_id, (COALESCE(sla_due_at, 'infinity'::timestamptz)), updated_at DESC, id DESC)
        WHERE status NOT IN ('solved', 'closed');
      CREATE INDEX ix_tickets_assignee_due_queue ON tickets (assignee_id, (COALESCE(sla_due_at, 'infinity'::timestamptz)), updated_at DESC, id DESC)
        WHERE status NOT IN ('solved', 'closed');
      CREATE INDEX ix_tickets_tags ON tickets USING gin (tags);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX IF EXISTS ix_tickets_tags;
      DROP INDEX IF EXISTS ix_tickets_assignee_due_queue;
      DROP INDEX IF EXISTS ix_tickets_team_due_queue;
      DROP INDEX IF EXISTS ix_tickets_due_queue;
      DROP TRIGGER IF EXISTS tr_tickets_queue_counts_truncate ON tickets;
      DROP TRIGGER IF EXISTS tr_tickets_queue_counts_update ON tickets;
      DROP TRIGGER IF EXISTS tr_tickets_queue_counts ON tickets;
      DROP FUNCTION IF EXISTS queue_counts_compact();
      DROP FUNCTION IF EXISTS ticket_queue_counts_on_truncate();
      DROP FUNCTION IF EXISTS ticket_queue_counts_on_change();
      DROP TABLE IF EXISTS ticket_queue_counts;
    `);
  }
}
