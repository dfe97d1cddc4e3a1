import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tickets per backfill statement: each batch is a short statement, not one over every ticket. */
const BACKFILL_BATCH = 20_000;

/**
 * Each ticket stores how long its first response and its resolution took, wall-clock and in the
 * business hours of its SLA policy's calendar, so the response-times report reads numbers instead
 * of recomputing a year of calendar math on every request.
 *
 * Why a trigger and not the ticket writer or an outbox consumer: the durations are a function of
 * three columns (created_at, first_response_at, solved_at) that several set-based statements and
 * hand repairs write; a BEFORE trigger sees every one of them, in the same statement and so the
 * same transaction, and costs no second write of the row. An outbox consumer would leave the
 * report behind its tickets and needs its own bookkeeping to stay exactly-once.
 *
 * Which values count (the semantics the report had when it computed them on the fly):
 * - first response: created_at → first_response_at;
 * - resolution: created_at → solved_at as it stands: the last solve, nothing while a reopen has
 *   cleared it (a customer's message reopening a solved ticket), the earlier solve while an agent
 *   reopened it by hand (that keeps solved_at) until it is solved again.
 * - business time: the open time of the calendar of the ticket's SLA policy (around the clock
 *   without one) as that calendar reads when the instant (or the ticket's policy) is written. A
 *   later edit of the calendar leaves stored durations as they were: a report of last year stays
 *   the report it was. A ticket moved to another policy is measured again in the new policy's
 *   calendar, as the report always used the ticket's current policy.
 *
 * The calendar math is the SLA clock's (libs/domain open-intervals and local-time), expressed in
 * SQL over the zone data PostgreSQL ships: every local day's opening intervals become instants,
 * a wall time skipped by a spring-forward gap moves forward by the gap, a repeated one is its first
 * occurrence, a holiday closes its local day and cuts an overnight shift running into it at
 * midnight; overlapping intervals count once. The instants are made once per calendar and local
 * year (`business_open_spans`, filled when first needed), and an edit of the calendar drops them.
 */
export class StoredResponseDurations1764004320000 implements MigrationInterface {
  name = 'StoredResponseDurations1764004320000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE business_open_spans (
        calendar_id uuid NOT NULL REFERENCES business_calendars (id) ON DELETE CASCADE,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL
      );
      CREATE INDEX ix_business_open_spans ON business_open_spans (calendar_id, starts_at) INCLUDE (ends_at);
      CREATE TABLE business_open_span_years (
        calendar_id uuid NOT NULL REFERENCES business_calendars (id) ON DELETE CASCADE,
        year int NOT NULL,
        PRIMARY KEY (calendar_id, year)
      );

      -- The instant of a local wall time in a zone, as the domain's localInstant: PostgreSQL reads
      -- a time in a spring-forward gap with the offset before it (as the domain does) and a
      -- repeated time as its second occurrence, so when the offset dropped within the three hours
      -- before, the same wall time one offset change earlier is taken if it exists.
      CREATE FUNCTION business_local_instant(zone text, local timestamp) RETURNS timestamptz
      LANGUAGE sql STABLE STRICT AS $$
        SELECT CASE WHEN off_before > off_at AND (t - (off_before - off_at)) AT TIME ZONE zone = local
                    THEN t - (off_before - off_at) ELSE t END
          FROM (SELECT local AT TIME ZONE zone AS t) a,
               LATERAL (SELECT ((t - interval '3 hours') AT TIME ZONE zone) - ((t - interval '3 hours') AT TIME ZONE 'UTC') AS off_before,
                               (t AT TIME ZONE zone) - (t AT TIME ZONE 'UTC') AS off_at) o
      $$;

      -- Makes the open spans of one calendar's local days in one year (once; a concurrent caller
      -- waits on the year's row and then finds the spans committed).
      CREATE FUNCTION business_open_spans_ensure(cal uuid, y int) RETURNS void
      LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM business_open_span_years WHERE calendar_id = cal AND year = y) THEN RETURN; END IF;
        INSERT INTO business_open_span_years (calendar_id, year) VALUES (cal, y) ON CONFLICT DO NOTHING;
        IF NOT FOUND THEN RETURN; END IF;
        INSERT INTO business_open_spans (calendar_id, starts_at, ends_at)
        WITH c AS (SELECT time_zone AS zone, hours, holidays FROM business_calendars WHERE id = cal),
        closed AS (SELECT COALESCE(array_agg(h::date), '{}') AS days FROM c, jsonb_array_elements_text(c.holidays) h),
        iv AS (
          SELECT (h->>'day')::int AS dow,
                 split_part(h->>'from', ':', 1)::int * 60 + split_part(h->>'from', ':', 2)::int AS f,
                 split_part(h->>'to', ':', 1)::int * 60 + split_part(h->>'to', ':', 2)::int AS t
            FROM c, jsonb_array_elements(c.hours) h),
        -- An interval whose end is before its start is an overnight shift into the next day.
        shifts AS (SELECT dow, f, CASE WHEN t < f THEN t + 1440 ELSE t END AS t FROM iv),
        days AS (SELECT d::date AS d FROM generate_series(make_date(y, 1, 1), make_date(y, 12, 31), interval '1 day') d),
        local AS (
          SELECT days.d + make_interval(mins => s.f) AS ls,
                 days.d + make_interval(mins => CASE WHEN days.d + 1 = ANY (closed.days) THEN least(s.t, 1440) ELSE s.t END) AS le
            FROM days CROSS JOIN closed JOIN shifts s ON s.dow = extract(isodow FROM days.d)
           WHERE NOT days.d = ANY (closed.days)),
        spans AS (SELECT business_local_instant(c.zone, ls) AS s, business_local_instant(c.zone, le) AS e FROM local, c)
        SELECT cal, s, e FROM spans WHERE e > s;
      END $$;

      -- Business seconds between two instants in a calendar (around the clock without one): the
      -- length of the union of its open spans within [a, b), each span clipped by the latest end
      -- before it. Spans are under two days long, so those overlapping [a, b) start after a − 3 days.
      CREATE FUNCTION business_seconds_between(cal uuid, a timestamptz, b timestamptz) RETURNS double precision
      LANGUAGE plpgsql AS $$
      DECLARE
        y int;
        open_time interval;
      BEGIN
        IF a IS NULL OR b IS NULL THEN RETURN NULL; END IF;
        IF cal IS NULL THEN RETURN greatest(0, extract(epoch FROM b - a))::double precision; END IF;
        IF b <= a THEN RETURN 0; END IF;
        FOR y IN extract(year FROM (a - interval '3 days') AT TIME ZONE 'UTC')::int
              .. extract(year FROM (b + interval '1 day') AT TIME ZONE 'UTC')::int LOOP
          PERFORM business_open_spans_ensure(cal, y);
        END LOOP;
        SELECT sum(greatest(interval '0', least(e, b) - greatest(s, a, COALESCE(before_end, a)))) INTO open_time
          FROM (SELECT starts_at AS s, ends_at AS e,
                       max(ends_at) OVER (ORDER BY starts_at, ends_at ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before_end
                  FROM business_open_spans
                 WHERE calendar_id = cal AND starts_at > a - interval '3 days' AND starts_at < b) x;
        RETURN COALESCE(extract(epoch FROM open_time), 0)::double precision;
      END $$;

      -- The calendar of a ticket's SLA policy (null: around the clock).
      CREATE FUNCTION ticket_policy_calendar(policy uuid) RETURNS uuid
      LANGUAGE sql STABLE AS $$ SELECT calendar_id FROM sla_policies WHERE id = policy $$;

      ALTER TABLE tickets
        ADD COLUMN first_response_seconds double precision,
        ADD COLUMN first_response_business_seconds double precision,
        ADD COLUMN resolution_seconds double precision,
        ADD COLUMN resolution_business_seconds double precision;

      -- Fires only when one of the three instants or the policy is written; recomputes only what
      -- changed. A ticket given another policy is measured again in that policy's calendar, as
      -- the report always measured a ticket in its current policy.
      CREATE FUNCTION tickets_store_durations() RETURNS trigger
      LANGUAGE plpgsql AS $$
      DECLARE
        cal uuid;
        remeasure boolean := TG_OP = 'INSERT' OR NEW.created_at IS DISTINCT FROM OLD.created_at
                             OR NEW.sla_policy_id IS DISTINCT FROM OLD.sla_policy_id;
      BEGIN
        -- A new ticket has neither instant yet: it costs no calendar lookup.
        IF (remeasure OR NEW.first_response_at IS DISTINCT FROM OLD.first_response_at) AND NEW.first_response_at IS NULL THEN
          NEW.first_response_seconds := NULL;
          NEW.first_response_business_seconds := NULL;
        ELSIF remeasure OR NEW.first_response_at IS DISTINCT FROM OLD.first_response_at THEN
          cal := ticket_policy_calendar(NEW.sla_policy_id);
          NEW.first_response_seconds := extract(epoch FROM NEW.first_response_at - NEW.created_at)::double precision;
          NEW.first_response_business_seconds := business_seconds_between(cal, NEW.created_at, NEW.first_response_at);
        END IF;
        IF (remeasure OR NEW.solved_at IS DISTINCT FROM OLD.solved_at) AND NEW.solved_at IS NULL THEN
          NEW.resolution_seconds := NULL;
          NEW.resolution_business_seconds := NULL;
        ELSIF remeasure OR NEW.solved_at IS DISTINCT FROM OLD.solved_at THEN
          cal := ticket_policy_calendar(NEW.sla_policy_id);
          NEW.resolution_seconds := extract(epoch FROM NEW.solved_at - NEW.created_at)::double precision;
          NEW.resolution_business_seconds := business_seconds_between(cal, NEW.created_at, NEW.solved_at);
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER tickets_store_durations BEFORE INSERT OR UPDATE OF created_at, first_response_at, solved_at, sla_policy_id
        ON tickets FOR EACH ROW EXECUTE FUNCTION tickets_store_durations();

      -- An edited calendar is another calendar from now on: its spans are made afresh when next
      -- needed. Durations already stored keep the hours they were measured in.
      CREATE FUNCTION business_calendars_drop_spans() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.time_zone IS DISTINCT FROM OLD.time_zone OR NEW.hours IS DISTINCT FROM OLD.hours
           OR NEW.holidays IS DISTINCT FROM OLD.holidays THEN
          DELETE FROM business_open_spans WHERE calendar_id = NEW.id;
          DELETE FROM business_open_span_years WHERE calendar_id = NEW.id;
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER business_calendars_drop_spans AFTER UPDATE OF time_zone, hours, holidays
        ON business_calendars FOR EACH ROW EXECUTE FUNCTION business_calendars_drop_spans();

      -- Stores the durations of the next batch of tickets in creation order (after the ticket
      -- given by its created_at and id) that have a response or a solve; the batch's last ticket,
      -- no row when none was left. For this migration and for bulk loads made with triggers off.
      -- Creation order because an update writes each row anew: in id order (random uuids) a
      -- month's tickets ended up spread over the whole table, and reports over a period read 18,000
      -- pages instead of a few hundred (measured at 1,000,000 tickets).
      CREATE FUNCTION report_durations_backfill_batch(after_created timestamptz, after_id uuid, size int)
      RETURNS TABLE (created_at timestamptz, id uuid)
      LANGUAGE sql AS $$
        WITH batch AS (
          SELECT t.id, t.created_at FROM tickets t
           WHERE (t.created_at, t.id) > (COALESCE(after_created, '-infinity'), COALESCE(after_id, '00000000-0000-0000-0000-000000000000'))
           ORDER BY t.created_at, t.id LIMIT size),
        done AS (
          UPDATE tickets t SET
                 first_response_seconds = extract(epoch FROM t.first_response_at - t.created_at)::double precision,
                 first_response_business_seconds = business_seconds_between(ticket_policy_calendar(t.sla_policy_id), t.created_at, t.first_response_at),
                 resolution_seconds = extract(epoch FROM t.solved_at - t.created_at)::double precision,
                 resolution_business_seconds = business_seconds_between(ticket_policy_calendar(t.sla_policy_id), t.created_at, t.solved_at)
            FROM batch
           WHERE t.id = batch.id AND (t.first_response_at IS NOT NULL OR t.solved_at IS NOT NULL))
        SELECT batch.created_at, batch.id FROM batch ORDER BY batch.created_at DESC, batch.id DESC LIMIT 1
      $$;
    `);
    // The cursor's time goes back as text: a Date would drop its microseconds.
    let after: { created_at: string; id: string } | undefined;
    do {
      [after] = (await q.query(
        `SELECT created_at::text AS created_at, id FROM report_durations_backfill_batch($1, $2, $3)`,
        [after?.created_at ?? null, after?.id ?? null, BACKFILL_BATCH],
      )) as Array<{ created_at: string; id: string }>;
    } while (after);
    // The response-times report reads a period's tickets from this index alone. The supervisor
    // summary counts open tickets that are not spam: with spam_at outside its partial index's
    // predicate it read 100,000 rows from the table (0.43 s); with it, from the index (75 ms).
    await q.query(`
      DROP INDEX IF EXISTS ix_tickets_open_summary;
      CREATE INDEX ix_tickets_open_summary ON tickets (team_id, channel)
        INCLUDE (assignee_id, sla_due_at, sla_at_risk_at) WHERE status NOT IN ('solved', 'closed') AND spam_at IS NULL;
      DROP INDEX IF EXISTS ix_tickets_report_created;
      CREATE INDEX ix_tickets_report_created ON tickets (created_at)
        INCLUDE (team_id, assignee_id, channel, first_response_seconds, first_response_business_seconds,
                 resolution_seconds, resolution_business_seconds);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX IF EXISTS ix_tickets_open_summary;
      CREATE INDEX ix_tickets_open_summary ON tickets (team_id, channel)
        INCLUDE (assignee_id, sla_due_at, sla_at_risk_at) WHERE status NOT IN ('solved', 'closed');
      DROP INDEX IF EXISTS ix_tickets_report_created;
      CREATE INDEX ix_tickets_report_created ON tickets (created_at)
        INCLUDE (team_id, assignee_id, channel, sla_policy_id, first_response_at, solved_at);
      DROP TRIGGER IF EXISTS business_calendars_drop_spans ON business_calendars;
      DROP FUNCTION IF EXISTS business_calendars_drop_spans();
      DROP TRIGGER IF EXISTS tickets_store_durations ON tickets;
      DROP FUNCTION IF EXISTS tickets_store_durations();
      DROP FUNCTION IF EXISTS report_durations_backfill_batch(timestamptz, uuid, int);
      ALTER TABLE tickets
        DROP COLUMN IF EXISTS first_response_seconds,
        DROP COLUMN IF EXISTS first_response_business_seconds,
        DROP COLUMN IF EXISTS resolution_seconds,
        DROP COLUMN IF EXISTS resolution_business_seconds;
      DROP FUNCTION IF EXISTS ticket_policy_calendar(uuid);
      DROP FUNCTION IF EXISTS business_seconds_between(uuid, timestamptz, timestamptz);
      DROP FUNCTION IF EXISTS business_open_spans_ensure(uuid, int);
      DROP FUNCTION IF EXISTS business_local_instant(text, timestamp);
      DROP TABLE IF EXISTS business_open_span_years;
      DROP TABLE IF EXISTS business_open_spans;
    `);
  }
}
