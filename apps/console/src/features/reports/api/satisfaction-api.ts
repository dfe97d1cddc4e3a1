import type { SatisfactionReport } from '@switchboard/contracts';
import { api, getApiToken, toQuery } from '../../../lib/api-client';
import { i18n } from '../../../i18n';

export interface SatisfactionFilters {
  teamId?: string;
  period: 'today' | '7d' | '30d';
}

const DAY = 86_400_000;

/** The period as an explicit range ending now (today: from local midnight). */
export function rangeOf(
  period: SatisfactionFilters['period'],
  now = new Date(),
): { from: string; to: string } {
  const to = now.toISOString();
  if (period === 'today') {
    const midnight = new Date(now);
    midnight.setHours(0, 0, 0, 0);
    return { from: midnight.toISOString(), to };
  }
  return { from: new Date(now.getTime() - (period === '7d' ? 7 : 30) * DAY).toISOString(), to };
}

// Under the supervisor dashboard's keys, so its live refresh (ticket and SLA events) covers these too.
export const satisfactionKeys = {
  report: (f: SatisfactionFilters, groupBy: string) =>
    ['supervisor', 'report', 'satisfaction', groupBy, f] as const,
};

const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

const query = (f: SatisfactionFilters, extra: Record<string, string>) =>
  toQuery({ ...rangeOf(f.period), teamId: f.teamId, timeZone: timeZone(), ...extra });

export const fetchSatisfaction = (f: SatisfactionFilters, groupBy: 'team' | 'agent' | 'channel' | 'day') =>
  api.get<SatisfactionReport>(`/api/reports/satisfaction${query(f, { groupBy })}`);

/** Downloads the report or the raw answers as CSV (the API wants the bearer token, so no plain link). */
export async function downloadSatisfactionCsv(
  kind: 'report' | 'responses',
  f: SatisfactionFilters,
): Promise<void> {
  const path = kind === 'report' ? '/api/reports/satisfaction' : '/api/reports/satisfaction/responses';
  const params =
    kind === 'report'
      ? query(f, { format: 'csv', groupBy: 'team' })
      : toQuery({ ...rangeOf(f.period), teamId: f.teamId, format: 'csv' });
  const res = await fetch(`${path}${params}`, {
    headers: { authorization: `Bearer ${getApiToken() ?? ''}` },
  });
  if (!res.ok) throw new Error(i18n.t('satisfaction.exportFailed', { status: res.status }));
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = [kind === 'report' ? 'satisfaction' : 'survey-responses', 'csv'].join('.');
  a.click();
  URL.revokeObjectURL(url);
}
