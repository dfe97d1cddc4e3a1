import type { Sql } from '../common/db.js';

export interface DurationPercentiles {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface GroupDurations {
  firstResponse: { wall: DurationPercentiles; business: DurationPercentiles };
  resolution: { wall: DurationPercentiles; business: DurationPercentiles };
}

export interface DurationsReport {
  groups: Map<string, GroupDurations>;
  /** Wall-clock seconds counted into buckets split at the given bounds (`width_bucket` semantics). */
  distribution: { firstResponse: number[]; resolution: number[] };
}

interface GroupRow {
  key: string;
  first_count: number;
  first_wall: number[] | null;
  first_business: number[] | null;
  resolution_count: number;
  resolution_wall: number[] | null;
  resolution_business: number[] | null;
  first_buckets: number[];
  resolution_buckets: number[];
}

/**
 * First-response and resolution times per group, wall-clock and in business hours, from the
 * durations each ticket stored when it was answered and solved (the `tickets_store_durations`
 * trigger: the calendar of the ticket's SLA policy, around the clock without one). A period's
 * tickets are read from the covering creation-time index alone, and PostgreSQL's
 * `percentile_cont` interpolates between the two nearest ranks; the figures are rounded to whole
 * seconds here, as they always were.
 *
 * `where` and `params` select the tickets (alias `t`), `groupKey` is an SQL expression over them;
 * every selected ticket makes its group appear, answered or not.
 */
export async function storedDurationsByGroup(
  sql: Sql,
  where: string,
  params: unknown[],
  groupKey: string,
  bucketBounds: readonly number[],
): Promise<DurationsReport> {
  const percentiles = (column: string) =>
    `percentile_cont('{0.5,0.9}'::float8[]) WITHIN GROUP (ORDER BY t.${column})`;
  // Bucket b holds values at or above bound b − 1 and below bound b, as `width_bucket` counts.
  const buckets = (column: string) =>
    `ARRAY[${[...bucketBounds, null]
      .map((upper, b) => {
        const lower = b === 0 ? null : bucketBounds[b - 1];
        const cond = [
          `t.${column} IS NOT NULL`,
          ...(lower === null ? [] : [`t.${column} >= ${Number(lower)}`]),
          ...(upper === null ? [] : [`t.${column} < ${Number(upper)}`]),
        ].join(' AND ');
        return `count(*) FILTER (WHERE ${cond})::int`;
      })
      .join(', ')}]`;
  // A year of a large team is a few hundred thousand values per percentile: sorted in memory.
  await sql.query(`SET LOCAL work_mem = '32MB'`);
  const rows = await sql.query<GroupRow>(
    `SELECT ${groupKey} AS key,
            count(t.first_response_seconds)::int AS first_count,
            ${percentiles('first_response_seconds')} AS first_wall,
            ${percentiles('first_response_business_seconds')} AS first_business,
            count(t.resolution_seconds)::int AS resolution_count,
            ${percentiles('resolution_seconds')} AS resolution_wall,
            ${percentiles('resolution_business_seconds')} AS resolution_business,
            ${buckets('first_response_seconds')} AS first_buckets,
            ${buckets('resolution_seconds')} AS resolution_buckets
       FROM tickets t WHERE ${where} GROUP BY 1`,
    params,
  );
  const summary = (count: number, p: number[] | null): DurationPercentiles => {
    const sec = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v));
    return { count, medianSeconds: sec(p?.[0]), p90Seconds: sec(p?.[1]) };
  };
  const distribution = {
    firstResponse: new Array<number>(bucketBounds.length + 1).fill(0),
    resolution: new Array<number>(bucketBounds.length + 1).fill(0),
  };
  const groups = new Map<string, GroupDurations>();
  for (const r of rows) {
    r.first_buckets.forEach((n, b) => (distribution.firstResponse[b] += n));
    r.resolution_buckets.forEach((n, b) => (distribution.resolution[b] += n));
    groups.set(r.key, {
      firstResponse: {
        wall: summary(r.first_count, r.first_wall),
        business: summary(r.first_count, r.first_business),
      },
      resolution: {
        wall: summary(r.resolution_count, r.resolution_wall),
        business: summary(r.resolution_count, r.resolution_business),
      },
    });
  }
  return { groups, distribution };
}
