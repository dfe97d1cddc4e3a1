import type { SlaSummaryView } from '@switchboard/contracts';
import { api, getApiToken, toQuery } from '../../../lib/api-client';
import { i18n } from '../../../i18n';

export interface DashboardFilters {
  teamId?: string;
  channel?: string;
  period: 'today' | '7d' | '30d';
}

export const supervisorEndpoints = {
  summary: '/api/sla/summary',
  attainment: '/api/reports/sla',
  responseTimes: '/api/reports/response-times',
  volume: '/api/reports/volume',
} as const;

export const supervisorKeys = {
  all: () => ['supervisor'] as const,
  summary: (f: DashboardFilters) => ['supervisor', 'summary', f] as const,
  report: (name: string, f: DashboardFilters) => ['supervisor', 'report', name, f] as const,
};

export interface AttainmentReport {
  rows: Array<{
    key: string;
    label: string;
    tickets: number;
    firstResponse: Metric;
    nextResponse: Metric;
    resolution: Metric;
  }>;
}
interface Metric {
  met: number;
  total: number;
  attainment: number | null;
}
export interface ResponseTimesReport {
  rows: Array<{ key: string; label: string; firstResponse: Times; resolution: Times }>;
  distribution: { buckets: string[]; firstResponse: number[]; resolution: number[] };
}
interface Times {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}
export interface VolumeReport {
  rows: Array<{ hour: string; channel: string; count: number }>;
}

const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const query = (f: DashboardFilters, extra: Record<string, string> = {}) =>
  toQuery({ period: f.period, teamId: f.teamId, channel: f.channel, timeZone: timeZone(), ...extra });

export const fetchSummary = (f: DashboardFilters) =>
  api.get<SlaSummaryView>(
    `${supervisorEndpoints.summary}${toQuery({ teamId: f.teamId, channel: f.channel, timeZone: timeZone() })}`,
  );
export const fetchAttainment = (f: DashboardFilters) =>
  api.get<AttainmentReport>(`${supervisorEndpoints.attainment}${query(f, { groupBy: 'day' })}`);
export const fetchResponseTimes = (f: DashboardFilters) =>
  api.get<ResponseTimesReport>(`${supervisorEndpoints.responseTimes}${query(f, { groupBy: 'team' })}`);
export const fetchVolume = (f: DashboardFilters) =>
  api.get<VolumeReport>(`${supervisorEndpoints.volume}${query(f)}`);

/** Downloads a report as CSV: the API wants the bearer token, so a plain link would not do. */
export async function downloadCsv(
  path: keyof typeof supervisorEndpoints,
  f: DashboardFilters,
): Promise<void> {
  const res = await fetch(`${supervisorEndpoints[path]}${query(f, { format: 'csv', groupBy: 'day' })}`, {
    headers: { authorization: `Bearer ${getApiToken() ?? ''}` },
  });
  if (!res.ok) throw new Error(i18n.t('supervisor.exportFailed', { status: res.status }));
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = [path, 'csv'].join('.');
  a.click();
  URL.revokeObjectURL(url);
}
