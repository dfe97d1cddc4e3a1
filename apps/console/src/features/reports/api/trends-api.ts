import type { SatisfactionReport } from '@switchboard/contracts';
import { api, toQuery } from '../../../lib/api-client';
import { saveApiFile } from '../../../lib/download';
import { trendRange, type DailyResponseTimes, type TrendDays } from '../lib/trend-days';

export interface TrendFilters {
  days: TrendDays;
  teamId?: string;
}

// Under the supervisor dashboard's keys, so its live refresh (ticket and SLA events; a survey
// answer is a ticket event) refetches the trends too, and today's point moves.
export const trendKeys = {
  satisfaction: (f: TrendFilters) => ['supervisor', 'report', 'trends', 'satisfaction', f] as const,
  responseTimes: (f: TrendFilters) => ['supervisor', 'report', 'trends', 'response-times', f] as const,
};

const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

// The range is computed at fetch time, so a refetch reaches up to now.
const satisfactionPath = (f: TrendFilters, format?: 'csv') => {
  const { from, to } = trendRange(f.days);
  return `/api/reports/satisfaction${toQuery({ from, to, groupBy: 'day', teamId: f.teamId, timeZone: timeZone(), format })}`;
};
const responseTimesPath = (f: TrendFilters, format?: 'csv') => {
  const { from, to } = trendRange(f.days);
  return `/api/reports/response-times${toQuery({ from, to, groupBy: 'day', teamId: f.teamId, timeZone: timeZone(), format })}`;
};

export const fetchSatisfactionTrend = (f: TrendFilters) => api.get<SatisfactionReport>(satisfactionPath(f));
export const fetchResponseTimesTrend = (f: TrendFilters) => api.get<DailyResponseTimes>(responseTimesPath(f));

/** The trends' figures as CSV files, one row per day. */
export const downloadTrendCsv = (kind: 'satisfaction' | 'response-times', f: TrendFilters) =>
  kind === 'satisfaction'
    ? saveApiFile(satisfactionPath(f, 'csv'), `satisfaction-by-day-${f.days}d.csv`)
    : saveApiFile(responseTimesPath(f, 'csv'), `response-times-by-day-${f.days}d.csv`);
