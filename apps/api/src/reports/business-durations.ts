import { businessTimeIndex, type BusinessCalendar, type BusinessTimeMeasure } from '@switchboard/domain';
import type { Sql } from '../common/db.js';

export interface DurationPercentiles {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface BusinessDurations {
  firstResponse: DurationPercentiles;
  resolution: DurationPercentiles;
}

/**
 * The continuous percentile PostgreSQL's `percentile_cont` computes (linear interpolation
 * between the two nearest ranks), so wall-clock and business-hours figures are read alike.
 */
export function percentileCont(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

function summarize(values: number[]): DurationPercentiles {
  values.sort((a, b) => a - b);
  const sec = (v: number | null) => (v === null ? null : Math.round(v));
  return {
    count: values.length,
    medianSeconds: sec(percentileCont(values, 0.5)),
    p90Seconds: sec(percentileCont(values, 0.9)),
  };
}

/**
 * First-response and resolution times counted in business hours, per group: each ticket in the
 * calendar of its SLA policy (around the clock without one), from creation to the first reply and
 * to the solve. The calendar math (weekends, holidays, daylight-saving changes) is the SLA
 * clock's own, so a report never disagrees with the clock that judged the ticket.
 *
 * `where` and `params` select the tickets (alias `t`), `groupKey` is an SQL expression over them.
 */
export async function businessDurationsByGroup(
  sql: Sql,
  from: string,
  where: string,
  params: unknown[],
  groupKey: string,
): Promise<Map<string, BusinessDurations>> {
  const [policies, rows] = await Promise.all([
    sql.query<{
      id: string;
      time_zone: string | null;
      hours: BusinessCalendar['hours'] | null;
      holidays: string[] | null;
    }>(
      `SELECT p.id, c.time_zone, c.hours, c.holidays FROM sla_policies p LEFT JOIN business_calendars c ON c.id = p.calendar_id`,
    ),
    // Instants as epoch milliseconds: a year of tickets is many rows, and numbers parse fastest.
    sql.query<{
      key: string;
      policy: string | null;
      created: number;
      first: number | null;
      solved: number | null;
    }>(
      `SELECT ${groupKey} AS key, t.sla_policy_id AS policy,
              (EXTRACT(EPOCH FROM t.created_at) * 1000)::float8 AS created,
              (EXTRACT(EPOCH FROM t.first_response_at) * 1000)::float8 AS first,
              (EXTRACT(EPOCH FROM t.solved_at) * 1000)::float8 AS solved
         FROM ${from} WHERE ${where} AND (t.first_response_at IS NOT NULL OR t.solved_at IS NOT NULL)`,
      params,
    ),
  ]);
  const calendars = new Map<string, BusinessCalendar | null>(
    policies.map((p) => [
      p.id,
      p.time_zone && p.hours ? { timeZone: p.time_zone, hours: p.hours, holidays: p.holidays ?? [] } : null,
    ]),
  );
  // One prepared index per calendar over the window the rows span: each duration is then two lookups.
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const r of rows) {
    lo = Math.min(lo, r.created);
    hi = Math.max(hi, r.first ?? r.created, r.solved ?? r.created);
  }
  const measures = new Map<string | null, BusinessTimeMeasure>();
  const measureOf = (policy: string | null): BusinessTimeMeasure => {
    let m = measures.get(policy);
    if (!m)
      measures.set(
        policy,
        (m = businessTimeIndex(policy ? (calendars.get(policy) ?? null) : null, lo, hi + 1)),
      );
    return m;
  };
  const acc = new Map<string, { first: number[]; resolution: number[] }>();
  for (const r of rows) {
    const measure = measureOf(r.policy);
    let a = acc.get(r.key);
    if (!a) acc.set(r.key, (a = { first: [], resolution: [] }));
    if (r.first !== null) a.first.push(measure(r.created, r.first) / 1000);
    if (r.solved !== null) a.resolution.push(measure(r.created, r.solved) / 1000);
  }
  return new Map(
    [...acc].map(([key, a]) => [
      key,
      { firstResponse: summarize(a.first), resolution: summarize(a.resolution) },
    ]),
  );
}
