import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A daily rollup of the satisfaction report, so a year costs a few hundred rows per day instead
 * of every answer and every solved ticket of the year.
 *
 * One row per UTC day, team, agent and channel holds two kinds of counts that group alike:
 * - survey answers, on the day answered, for the ticket's team, the agent the answer was
 *   attributed to (else the assignee) and the channel it came by;
 * - solved tickets and those of them with a CSAT answer (the response rate), on the day solved,
 *   for the ticket's team, assignee and channel.
 *
 * Triggers keep it in the same transaction as the change, so it is never behind or ahead of the
 * rows it counts, whatever wrote them (the ticket writer, a survey answer, an import, a repair
 * by hand). They fire only when a counted column changes, and the rows they touch are keyed by
 * agent, so two agents' solves never wait on each other. `report_satisfaction_rebuild()`
 * recounts everything (after a bulk load with triggers off).
 */
export class SatisfactionRollup1764004210000 implements MigrationInterface {
  name = 'SatisfactionRollup1764004210000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_satisfaction_daily (
        day date NOT NULL,
        team_id uuid,
        agent_id uuid,
        channel text NOT NULL,
        csat_answered int NOT NULL DEFAULT 0,
        csat_satisfied int NOT NULL DEFAULT 0,
        nps_answered int NOT NULL DEFAULT 0,
        promoters int NOT NULL DEFAULT 0,
        detractors int NOT NULL DEFAULT 0,
        ces_answered int NOT NULL DEFAULT 0,
        ces_sum int NOT NULL DEFAULT 0,
        solved int NOT NULL DEFAULT 0,
        rated int NOT NULL DEFAULT 0
      );
      CREATE UNIQUE INDEX ux_report_satisfaction_daily
        ON report_satisfaction_daily (day, team_id, agent_id, channel) NULLS NOT DISTINCT;

      -- Adds (sign 1) or takes away (sign -1) one answer's counts.
      CREATE FUNCTION report_satisfaction_answer(at timestamptz, team uuid, agent uuid, chan text,
                                                 kind text, score int, sign int) RETURNS void
      LANGUAGE sql AS $$
        INSERT INTO report_satisfaction_daily AS r (day, team_id, agent_id, channel, csat_answered, csat_satisfied,
                                                    nps_answered, promoters, detractors, ces_answered, ces_sum)
        VALUES ((at AT TIME ZONE 'UTC')::date, team, agent, chan,
                sign * (kind = 'csat')::int, sign * (kind = 'csat' AND score >= 4)::int,
                sign * (kind = 'nps')::int, sign * (kind = 'nps' AND score >= 9)::int, sign * (kind = 'nps' AND score <= 6)::int,
                sign * (kind = 'ces')::int, sign * CASE WHEN kind = 'ces' THEN score ELSE 0 END)
        ON CONFLICT (day, team_id, agent_id, channel) DO UPDATE SET
          csat_answered = r.csat_answered + EXCLUDED.csat_answered,
          csat_satisfied = r.csat_satisfied + EXCLUDED.csat_satisfied,
          nps_answered = r.nps_answered + EXCLUDED.nps_answered,
          promoters = r.promoters + EXCLUDED.promoters,
          detractors = r.detractors + EXCLUDED.detractors,
          ces_answered = r.ces_answered + EXCLUDED.ces_answered,
          ces_sum = r.ces_sum + EXCLUDED.ces_sum
      $$;

      -- Adds or takes away one solved ticket (rated: it has a CSAT answer).
      CREATE FUNCTION report_satisfaction_solved(at timestamptz, team uuid, agent uuid, chan text,
                                                 is_rated boolean, sign int) RETURNS void
      LANGUAGE sql AS $$
        INSERT INTO report_satisfaction_daily AS r (day, team_id, agent_id, channel, solved, rated)
        VALUES ((at AT TIME ZONE 'UTC')::date, team, agent, chan, sign, sign * is_rated::int)
        ON CONFLICT (day, team_id, agent_id, channel) DO UPDATE SET
          solved = r.solved + EXCLUDED.solved, rated = r.rated + EXCLUDED.rated
      $$;

      -- A ticket's whole contribution as seen with the given ticket columns: its solve and its answers.
      CREATE FUNCTION report_satisfaction_ticket(ticket uuid, solved_at timestamptz, team uuid, assignee uuid,
                                                 chan text, sign int) RETURNS void
      LANGUAGE plpgsql AS $$
      DECLARE a record;
      BEGIN
        IF solved_at IS NOT NULL THEN
          PERFORM report_satisfaction_solved(solved_at, team, assignee, chan,
            EXISTS (SELECT 1 FROM survey_responses sr WHERE sr.ticket_id = ticket AND sr.kind = 'csat'), sign);
        END IF;
        FOR a IN SELECT * FROM survey_responses sr WHERE sr.ticket_id = ticket LOOP
          PERFORM report_satisfaction_answer(COALESCE(a.answered_at, a.created_at), team, COALESCE(a.agent_id, assignee),
                                             a.channel, a.kind, a.score, sign);
        END LOOP;
      END $$;

      CREATE FUNCTION report_satisfaction_on_ticket() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          PERFORM report_satisfaction_ticket(OLD.id, OLD.solved_at, OLD.team_id, OLD.assignee_id, OLD.channel, -1);
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
          PERFORM report_satisfaction_ticket(NEW.id, NEW.solved_at, NEW.team_id, NEW.assignee_id, NEW.channel, 1);
        END IF;
        RETURN NULL;
      END $$;

      -- An answer's own counts, and the rated count of its solved ticket when a CSAT answer comes or goes.
      CREATE FUNCTION report_satisfaction_on_answer() RETURNS trigger
      LANGUAGE plpgsql AS $$
      DECLARE t record;
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          SELECT * INTO t FROM tickets WHERE id = OLD.ticket_id;
          -- A deleted ticket took its answers' counts away before its answers went.
          IF FOUND THEN
            PERFORM report_satisfaction_answer(COALESCE(OLD.answered_at, OLD.created_at), t.team_id,
                                               COALESCE(OLD.agent_id, t.assignee_id), OLD.channel, OLD.kind, OLD.score, -1);
            IF OLD.kind = 'csat' AND t.solved_at IS NOT NULL THEN
              PERFORM report_satisfaction_solved(t.solved_at, t.team_id, t.assignee_id, t.channel, true, -1);
              PERFORM report_satisfaction_solved(t.solved_at, t.team_id, t.assignee_id, t.channel, false, 1);
            END IF;
          END IF;
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
          SELECT * INTO t FROM tickets WHERE id = NEW.ticket_id;
          PERFORM report_satisfaction_answer(COALESCE(NEW.answered_at, NEW.created_at), t.team_id,
                                             COALESCE(NEW.agent_id, t.assignee_id), NEW.channel, NEW.kind, NEW.score, 1);
          -- One CSAT answer per ticket (unique ticket and kind): this one makes the ticket rated.
          IF NEW.kind = 'csat' AND t.solved_at IS NOT NULL THEN
            PERFORM report_satisfaction_solved(t.solved_at, t.team_id, t.assignee_id, t.channel, false, -1);
            PERFORM report_satisfaction_solved(t.solved_at, t.team_id, t.assignee_id, t.channel, true, 1);
          END IF;
        END IF;
        RETURN NULL;
      END $$;

      CREATE TRIGGER report_satisfaction_ticket_insert AFTER INSERT ON tickets
        FOR EACH ROW WHEN (NEW.solved_at IS NOT NULL) EXECUTE FUNCTION report_satisfaction_on_ticket();
      CREATE TRIGGER report_satisfaction_ticket_update AFTER UPDATE OF solved_at, team_id, assignee_id, channel ON tickets
        FOR EACH ROW WHEN (OLD.solved_at IS DISTINCT FROM NEW.solved_at OR OLD.team_id IS DISTINCT FROM NEW.team_id
                           OR OLD.assignee_id IS DISTINCT FROM NEW.assignee_id OR OLD.channel IS DISTINCT FROM NEW.channel)
        EXECUTE FUNCTION report_satisfaction_on_ticket();
      -- Before the delete, while the ticket's answers are still there to be counted out.
      CREATE FUNCTION report_satisfaction_on_ticket_delete() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM report_satisfaction_ticket(OLD.id, OLD.solved_at, OLD.team_id, OLD.assignee_id, OLD.channel, -1);
        RETURN OLD;
      END $$;
      CREATE TRIGGER report_satisfaction_ticket_delete BEFORE DELETE ON tickets
        FOR EACH ROW EXECUTE FUNCTION report_satisfaction_on_ticket_delete();
    `);
    await q.query(`
      CREATE TRIGGER report_satisfaction_answer_change AFTER INSERT OR DELETE OR UPDATE OF ticket_id, kind, score, channel, agent_id, answered_at, created_at
        ON survey_responses FOR EACH ROW EXECUTE FUNCTION report_satisfaction_on_answer();

      CREATE FUNCTION report_satisfaction_rebuild() RETURNS void
      LANGUAGE sql AS $$
        DELETE FROM report_satisfaction_daily;
        INSERT INTO report_satisfaction_daily (day, team_id, agent_id, channel, csat_answered, csat_satisfied,
                                               nps_answered, promoters, detractors, ces_answered, ces_sum, solved, rated)
        SELECT day, team_id, agent_id, channel, sum(csat_answered), sum(csat_satisfied), sum(nps_answered), sum(promoters),
               sum(detractors), sum(ces_answered), sum(ces_sum), sum(solved), sum(rated)
          FROM (
            SELECT (COALESCE(sr.answered_at, sr.created_at) AT TIME ZONE 'UTC')::date AS day, t.team_id,
                   COALESCE(sr.agent_id, t.assignee_id) AS agent_id, sr.channel,
                   (sr.kind = 'csat')::int AS csat_answered, (sr.kind = 'csat' AND sr.score >= 4)::int AS csat_satisfied,
                   (sr.kind = 'nps')::int AS nps_answered, (sr.kind = 'nps' AND sr.score >= 9)::int AS promoters,
                   (sr.kind = 'nps' AND sr.score <= 6)::int AS detractors, (sr.kind = 'ces')::int AS ces_answered,
                   CASE WHEN sr.kind = 'ces' THEN sr.score ELSE 0 END AS ces_sum, 0 AS solved, 0 AS rated
              FROM survey_responses sr JOIN tickets t ON t.id = sr.ticket_id
            UNION ALL
            SELECT (t.solved_at AT TIME ZONE 'UTC')::date, t.team_id, t.assignee_id, t.channel, 0, 0, 0, 0, 0, 0, 0, 1,
                   (EXISTS (SELECT 1 FROM survey_responses sr WHERE sr.ticket_id = t.id AND sr.kind = 'csat'))::int
              FROM tickets t WHERE t.solved_at IS NOT NULL
          ) contributions
         GROUP BY 1, 2, 3, 4
      $$;
      SELECT report_satisfaction_rebuild();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER IF EXISTS report_satisfaction_answer_change ON survey_responses;
      DROP TRIGGER IF EXISTS report_satisfaction_ticket_delete ON tickets;
      DROP TRIGGER IF EXISTS report_satisfaction_ticket_update ON tickets;
      DROP TRIGGER IF EXISTS report_satisfaction_ticket_insert ON tickets;
      DROP FUNCTION IF EXISTS report_satisfaction_rebuild();
      DROP FUNCTION IF EXISTS report_satisfaction_on_answer();
      DROP FUNCTION IF EXISTS report_satisfaction_on_ticket_delete();
      DROP FUNCTION IF EXISTS report_satisfaction_on_ticket();
      DROP FUNCTION IF EXISTS report_satisfaction_ticket(uuid, timestamptz, uuid, uuid, text, int);
      DROP FUNCTION IF EXISTS report_satisfaction_solved(timestamptz, uuid, uuid, text, boolean, int);
      DROP FUNCTION IF EXISTS report_satisfaction_answer(timestamptz, uuid, uuid, text, text, int, int);
      DROP TABLE IF EXISTS report_satisfaction_daily;
    `);
  }
}
