import type { SatisfactionReport } from '@switchboard/contracts';

export const TREND_DAYS = [7, 30, 90] as const;
export type TrendDays = (typeof TREND_DAYS)[number];

const pad = (n: number) => String(n).padStart(2, '0');

/** A local calendar day as the reports name it (`YYYY-MM-DD` in the time zone they are asked for). */
export const dayKey = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** Noon of a `YYYY-MM-DD` day in local time: a point inside that day to format its name from. */
export function dayDate(key: string): Date {
  const [y, m, d] = key.split('-').map(Number);
  return new Date(y, m - 1, d, 12);
}

/**
 * The last `days` local calendar days up to today, and the range that covers them: from the
 * first day's local midnight to now. Calendar arithmetic (not 24 h steps), so a daylight-saving
 * change inside the range neither skips nor repeats a day.
 */
export function trendRange(days: TrendDays, now = new Date()): { from: string; to: string; days: string[] } {
  const first = new Date(now.getFullYear(), now.getMonth(), now.getDate() - (days - 1));
  const keys = Array.from({ length: days }, (_, i) =>
    dayKey(new Date(first.getFullYear(), first.getMonth(), first.getDate() + i)),
  );
  return { from: first.toISOString(), to: now.toISOString(), days: keys };
}

/** The daily response-time figures the trend charts read (`GET /api/reports/response-times?groupBy=day`). */
export interface DailyResponseTimes {
  rows: Array<{
    key: string;
    firstResponse: { count: number; businessMedianSeconds: number | null; businessP90Seconds: number | null };
    resolution: { count: number; businessMedianSeconds: number | null; businessP90Seconds: number | null };
  }>;
}

/** Satisfaction per day, one entry per day of the range (null where nobody answered that day). */
export function satisfactionByDay(days: string[], report: SatisfactionReport | undefined) {
  const byDay = new Map((report?.groups ?? []).map((g) => [g.key, g]));
  const at = (day: string) => byDay.get(day);
  return {
    csatShare: days.map((d) => {
      const share = at(d)?.csat.satisfiedShare;
      return share === null || share === undefined ? null : Math.round(share * 1000) / 10;
    }),
    csatAnswers: days.map((d) => at(d)?.csat.answered ?? 0),
    nps: days.map((d) => at(d)?.nps.score ?? null),
    npsAnswers: days.map((d) => at(d)?.nps.answered ?? 0),
    ces: days.map((d) => at(d)?.ces.average ?? null),
    cesAnswers: days.map((d) => at(d)?.ces.answered ?? 0),
  };
}

const inUnit = (seconds: number | null | undefined, unit: number) =>
  seconds === null || seconds === undefined ? null : Math.round((seconds / unit) * 10) / 10;

/** Business-hours p50/p90 per day: first response in minutes, resolution in hours. */
export function responseTimesByDay(days: string[], report: DailyResponseTimes | undefined) {
  const byDay = new Map((report?.rows ?? []).map((r) => [r.key, r]));
  const pick = (
    metric: 'firstResponse' | 'resolution',
    field: 'businessMedianSeconds' | 'businessP90Seconds',
  ) => days.map((d) => inUnit(byDay.get(d)?.[metric][field], metric === 'firstResponse' ? 60 : 3600));
  return {
    firstResponseP50: pick('firstResponse', 'businessMedianSeconds'),
    firstResponseP90: pick('firstResponse', 'businessP90Seconds'),
    firstResponseCount: days.map((d) => byDay.get(d)?.firstResponse.count ?? 0),
    resolutionP50: pick('resolution', 'businessMedianSeconds'),
    resolutionP90: pick('resolution', 'businessP90Seconds'),
    resolutionCount: days.map((d) => byDay.get(d)?.resolution.count ?? 0),
  };
}
