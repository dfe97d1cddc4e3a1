import { businessTimeIndex, type BusinessCalendar, type BusinessTimeMeasure } from '@switchboard/domain';
import type { Sql } from '../common/db.js';
import {
  summarize,
  type DurationPercentiles,
  type DurationsReport,
  type GroupDurations,
} from '../reports/stored-durations.js';

function summarizeValues(values: number[]): DurationPercentiles {
  // A typed array sorts numerically and far faster than an array of boxed numbers.
  return summarize(Float64Array.from(values).sort());
}

/**
 * The response-times report computed live from the tickets' instants and today's calendars, the
 * way the report worked before tickets stored their durations: specs hold the stored durations
 * and the report against it.
 *
 * First-response and resolution times per group, wall-clock and in business hours, from one read
 * of the tickets: each ticket counts in the calendar of its SLA policy (around the clock without
 * one), from creation to the first reply and to the solve. The calendar math (weekends, holidays,
 * daylight-saving changes) is the SLA clock's own, so a report never disagrees with the clock
 * that judged the ticket. One read instead of three (wall percentiles, business percentiles,
 * distribution) keeps a year of history to one index range scan and no on-disk sort.
 *
 * `where` and `params` select the tickets (alias `t`), `groupKey` is an SQL expression over them;
 * every selected ticket makes its group appear, answered or not.
 */
export async function durationsByGroup(
  sql: Sql,
  where: string,
  params: unknown[],
  groupKey: string,
  bucketBounds: readonly number[],
): Promise<DurationsReport> {
  const policies = await sql.query<{
    id: string;
    time_zone: string | null;
    hours: BusinessCalendar['hours'] | null;
    holidays: string[] | null;
  }>(
    `SELECT p.id, c.time_zone, c.hours, c.holidays FROM sla_policies p LEFT JOIN business_calendars c ON c.id = p.calendar_id`,
  );
  // A year is hundreds of thousands of tickets: they come packed, per group and policy one
  // binary string per column of big-endian float8 epoch microseconds (NaN for "not yet"). Text
  // of that many numbers cost seconds to print and parse; bytes cost neither, and microseconds
  // below 2^53 are exact in a float8.
  const micros = (col: string) =>
    `string_agg(float8send(COALESCE(round(date_part('epoch', ${col}) * 1000000), 'NaN')), ''::bytea)`;
  const packed = await sql.query<{
    key: string;
    policy: string | null;
    created: Buffer;
    first: Buffer;
    solved: Buffer;
  }>(
    `SELECT ${groupKey} AS key, t.sla_policy_id AS policy, ${micros('t.created_at')} AS created,
            ${micros('t.first_response_at')} AS first, ${micros('t.solved_at')} AS solved
       FROM tickets t WHERE ${where} GROUP BY 1, 2`,
    params,
  );
  const unpack = (bytes: Buffer) => {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const out = new Array<number | null>(bytes.byteLength / 8);
    for (let i = 0; i < out.length; i++) {
      const v = view.getFloat64(i * 8, false);
      out[i] = Number.isNaN(v) ? null : v;
    }
    return out;
  };
  const rows = packed.map((g) => ({
    key: g.key,
    policy: g.policy,
    created: unpack(g.created) as number[],
    first: unpack(g.first),
    solved: unpack(g.solved),
  }));
  const calendars = new Map<string, BusinessCalendar | null>(
    policies.map((p) => [
      p.id,
      p.time_zone && p.hours ? { timeZone: p.time_zone, hours: p.hours, holidays: p.holidays ?? [] } : null,
    ]),
  );
  // One prepared index per calendar over the window the rows span: each duration is then two lookups.
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const r of rows)
    for (let i = 0; i < r.created.length; i++) {
      const first = r.first[i];
      const solved = r.solved[i];
      if (first === null && solved === null) continue;
      lo = Math.min(lo, r.created[i] / 1000);
      hi = Math.max(hi, (first ?? r.created[i]) / 1000, (solved ?? r.created[i]) / 1000);
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
  const bucketOf = (seconds: number) => {
    let b = 0;
    while (b < bucketBounds.length && seconds >= bucketBounds[b]) b++;
    return b;
  };
  const distribution = {
    firstResponse: new Array<number>(bucketBounds.length + 1).fill(0),
    resolution: new Array<number>(bucketBounds.length + 1).fill(0),
  };
  const acc = new Map<string, { first: number[]; firstBiz: number[]; res: number[]; resBiz: number[] }>();
  for (const r of rows) {
    let a = acc.get(r.key);
    if (!a) acc.set(r.key, (a = { first: [], firstBiz: [], res: [], resBiz: [] }));
    const measure = measureOf(r.policy);
    for (let i = 0; i < r.created.length; i++) {
      const created = r.created[i];
      const first = r.first[i];
      const solved = r.solved[i];
      if (first !== null) {
        const wall = (first - created) / 1_000_000;
        a.first.push(wall);
        a.firstBiz.push(measure(created / 1000, first / 1000) / 1000);
        distribution.firstResponse[bucketOf(wall)]++;
      }
      if (solved !== null) {
        const wall = (solved - created) / 1_000_000;
        a.res.push(wall);
        a.resBiz.push(measure(created / 1000, solved / 1000) / 1000);
        distribution.resolution[bucketOf(wall)]++;
      }
    }
  }
  const groups = new Map<string, GroupDurations>();
  for (const [key, a] of acc)
    groups.set(key, {
      firstResponse: { wall: summarizeValues(a.first), business: summarizeValues(a.firstBiz) },
      resolution: { wall: summarizeValues(a.res), business: summarizeValues(a.resBiz) },
    });
  return { groups, distribution };
}

/** One ticket's durations in seconds, null where the instant is not set. */
export interface TicketDurations {
  firstResponseSeconds: number | null;
  firstResponseBusinessSeconds: number | null;
  resolutionSeconds: number | null;
  resolutionBusinessSeconds: number | null;
}

/**
 * Each ticket's durations computed live as the report above computes them (the same epoch
 * microseconds, the calendar of the ticket's policy as it is today, the SLA clock's calendar math),
 * before any rounding.
 */
export async function liveTicketDurations(
  sql: Sql,
  ticketIds: string[],
): Promise<Map<string, TicketDurations>> {
  const rows = await sql.query<{
    id: string;
    time_zone: string | null;
    hours: BusinessCalendar['hours'] | null;
    holidays: string[] | null;
    created: number;
    first: number | null;
    solved: number | null;
  }>(
    `SELECT t.id, c.time_zone, c.hours, c.holidays,
            round(date_part('epoch', t.created_at) * 1000000)::float8 AS created,
            round(date_part('epoch', t.first_response_at) * 1000000)::float8 AS first,
            round(date_part('epoch', t.solved_at) * 1000000)::float8 AS solved
       FROM tickets t LEFT JOIN sla_policies p ON p.id = t.sla_policy_id LEFT JOIN business_calendars c ON c.id = p.calendar_id
      WHERE t.id = ANY($1)`,
    [ticketIds],
  );
  const out = new Map<string, TicketDurations>();
  for (const r of rows) {
    const calendar =
      r.time_zone && r.hours ? { timeZone: r.time_zone, hours: r.hours, holidays: r.holidays ?? [] } : null;
    const ends = [r.first, r.solved].filter((v): v is number => v !== null);
    const measure = businessTimeIndex(calendar, r.created / 1000, Math.max(r.created, ...ends) / 1000 + 1);
    const wall = (end: number | null) => (end === null ? null : (end - r.created) / 1_000_000);
    const business = (end: number | null) =>
      end === null ? null : measure(r.created / 1000, end / 1000) / 1000;
    out.set(r.id, {
      firstResponseSeconds: wall(r.first),
      firstResponseBusinessSeconds: business(r.first),
      resolutionSeconds: wall(r.solved),
      resolutionBusinessSeconds: business(r.solved),
    });
  }
  return out;
}
