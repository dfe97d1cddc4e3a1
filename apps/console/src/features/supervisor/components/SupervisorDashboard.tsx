import { useEffect, useMemo, useState } from 'react';
import type { UserView } from '@switchboard/contracts';
import { ApiError } from '../../../lib/api-client';
import { downloadCsv, type DashboardFilters } from '../api/supervisor-api';
import {
  useAttainment,
  useResponseTimes,
  useSlaSummary,
  useSupervisorLive,
  useVolume,
} from '../hooks/useSupervisorData';
import { NeedsAttention } from './NeedsAttention';
import { BarChart, colorAt } from './Charts';
import { SummaryTiles } from './SummaryTiles';
import '../supervisor.css';
import { channelName } from '../../../lib/channel-names';
import { useTranslation } from '../../../i18n';
import { Select } from '../../../components/Select';
import { formatDate } from '../../../lib/format';
import { Button } from '../../../components/Button';
import { SatisfactionTiles } from '../../reports/components/SatisfactionTiles';
import { TrendCharts } from '../../reports/components/TrendCharts';

const PERIODS: ReadonlyArray<DashboardFilters['period']> = ['today', '7d', '30d'];

const minutes = (s: number | null) => (s === null ? 0 : Math.round(s / 60));

// Calendars and policies are set up under Admin → SLA; the old address still leads there.
const SLA_ADMIN_HASH = '#/admin/sla';
const OLD_SLA_ADMIN_HASH = '#/supervisor/sla';

/** `#/supervisor`: the dashboard. An old bookmark of `#/supervisor/sla` moves to Admin → SLA. */
export default function SupervisorRoute(props: {
  me: UserView;
  teams: Array<{ id: string; name: string }>;
  onOpenTicket: (id: string) => void;
}) {
  useEffect(() => {
    if (props.me.role === 'admin' && window.location.hash.startsWith(OLD_SLA_ADMIN_HASH))
      window.location.replace(SLA_ADMIN_HASH);
  }, [props.me.role]);
  return <SupervisorDashboard {...props} />;
}

/** `#/supervisor`: live SLA state, agents and reports, for supervisors and admins. */
export function SupervisorDashboard({
  me,
  teams,
  onOpenTicket,
}: {
  me: UserView;
  teams: Array<{ id: string; name: string }>;
  onOpenTicket: (id: string) => void;
}) {
  const [filters, setFilters] = useState<DashboardFilters>({ period: '7d' });
  const { t } = useTranslation();
  useSupervisorLive();
  const summary = useSlaSummary(filters);
  const attainment = useAttainment(filters);
  const times = useResponseTimes(filters);
  const volume = useVolume(filters);
  const teamName = (id: string | null) =>
    teams.find((team) => team.id === id)?.name ?? (id ? t('supervisor.team') : t('supervisor.noTeam'));

  const volumeChart = useMemo(() => {
    const rows = volume.data?.rows ?? [];
    const hours = [...new Set(rows.map((r) => r.hour))].sort();
    const channels = [...new Set(rows.map((r) => r.channel))].sort();
    return {
      hours,
      series: channels.map((c, i) => ({
        name: channelName(c),
        color: colorAt(i),
        values: hours.map((h) => rows.find((r) => r.hour === h && r.channel === c)?.count ?? 0),
      })),
    };
  }, [volume.data]);
  // Formatted on every render, so the labels follow a language switch.
  const volumeCategories = volumeChart.hours.map((h) => formatDate(h, { weekday: 'short', hour: '2-digit' }));

  if (me.role === 'agent' || (summary.error instanceof ApiError && summary.error.status === 403)) {
    return (
      <p className="empty-state" role="alert">
        {t('supervisor.forSupervisorsOnly')}
      </p>
    );
  }
  const channels = summary.data?.byChannel.map((c) => c.channel) ?? [];
  return (
    <div className="supervisor" aria-busy={summary.isLoading}>
      <header className="supervisor-head">
        <h1>{t('shell.supervisor')}</h1>
        <p className="supervisor-sub muted">{t('supervisor.subtitle')}</p>
      </header>
      <div className="supervisor-toolbar">
        <div className="sv-filters">
          <Select
            className="sv-filter"
            label={t('supervisor.team')}
            value={filters.teamId ?? ''}
            onChange={(e) => setFilters({ ...filters, teamId: e.target.value || undefined })}
            options={[
              { value: '', label: t('supervisor.allTeams') },
              ...teams.map((team) => ({ value: team.id, label: team.name })),
            ]}
          />
          <Select
            className="sv-filter"
            label={t('supervisor.channel')}
            value={filters.channel ?? ''}
            onChange={(e) => setFilters({ ...filters, channel: e.target.value || undefined })}
            options={[
              { value: '', label: t('supervisor.allChannels') },
              ...[...new Set([...channels, ...(filters.channel ? [filters.channel] : [])])].map((c) => ({
                value: c,
                label: channelName(c),
              })),
            ]}
          />
          <Select
            className="sv-filter"
            label={t('supervisor.period')}
            value={filters.period}
            onChange={(e) => setFilters({ ...filters, period: e.target.value as DashboardFilters['period'] })}
            options={PERIODS.map((period) => ({ value: period, label: t(`supervisor.periods.${period}`) }))}
          />
        </div>
        <div className="sv-actions">
          <Button className="link-button sv-export" onClick={() => void downloadCsv('attainment', filters)}>
            {t('supervisor.exportSla')}
          </Button>
          <Button
            className="link-button sv-export"
            onClick={() => void downloadCsv('responseTimes', filters)}
          >
            {t('supervisor.exportResponseTimes')}
          </Button>
          <Button className="link-button sv-export" onClick={() => void downloadCsv('volume', filters)}>
            {t('trends.exportVolume')}
          </Button>
          {me.role === 'admin' && (
            <a className="link-button sv-admin-link" href={SLA_ADMIN_HASH}>
              {t('supervisor.slaAdminLink')}
            </a>
          )}
        </div>
      </div>

      {summary.data ? (
        <SummaryTiles summary={summary.data} teamName={teamName} />
      ) : (
        <p className="empty-state">{t('common.loading')}</p>
      )}
      <SatisfactionTiles filters={filters} />
      <TrendCharts teamId={filters.teamId} />

      <div className="supervisor-grid sv-lists">
        <NeedsAttention summary={summary.data} onOpen={onOpenTicket} />
        <section aria-labelledby="agents-title" className="sv-card">
          <h2 id="agents-title" className="sv-card-title">
            {t('supervisor.agents')}{' '}
            <span className="count">
              {t('supervisor.onlineCount', {
                count: (summary.data?.agents ?? []).filter((a) => a.online).length,
              })}
            </span>
          </h2>
          <table className="counts sv-counts sv-agents">
            <thead>
              <tr>
                <th scope="col">{t('supervisor.agent')}</th>
                <th scope="col">{t('supervisor.presence')}</th>
                <th scope="col" className="num">
                  {t('supervisor.open')}
                </th>
                <th scope="col" className="num">
                  {t('supervisor.repliesToday')}
                </th>
              </tr>
            </thead>
            <tbody>
              {(summary.data?.agents ?? []).map((a) => (
                <tr key={a.userId}>
                  <th scope="row">{a.name}</th>
                  <td>
                    <span
                      className={`presence-dot ${a.online ? 'is-online' : 'is-offline'}`}
                      aria-hidden="true"
                    />
                    {a.online ? t('supervisor.online') : t('supervisor.offline')}
                  </td>
                  <td className="num">{a.openLoad}</td>
                  <td className="num">{a.repliesToday}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>

      <h2 className="section-title sv-section-title">{t('supervisor.reports')}</h2>
      <div className="supervisor-grid sv-charts">
        <BarChart
          title={t('supervisor.charts.volume')}
          categories={volumeCategories}
          series={volumeChart.series}
        />
        <BarChart
          title={t('supervisor.charts.attainment')}
          unit="%"
          max={100}
          categories={(attainment.data?.rows ?? []).map((r) => r.label)}
          series={[
            {
              name: t('supervisor.charts.firstResponseMet'),
              color: colorAt(1),
              values: (attainment.data?.rows ?? []).map((r) =>
                Math.round((r.firstResponse.attainment ?? 0) * 100),
              ),
            },
          ]}
        />
        <BarChart
          title={t('supervisor.charts.firstResponseDistribution')}
          categories={times.data?.distribution.buckets ?? []}
          series={[
            {
              name: t('supervisor.charts.tickets'),
              color: colorAt(0),
              values: times.data?.distribution.firstResponse ?? [],
            },
          ]}
        />
        <BarChart
          title={t('supervisor.charts.resolutionDistribution')}
          categories={times.data?.distribution.buckets ?? []}
          series={[
            {
              name: t('supervisor.charts.tickets'),
              color: colorAt(2),
              values: times.data?.distribution.resolution ?? [],
            },
          ]}
        />
        <BarChart
          title={t('supervisor.charts.byTeam')}
          unit={` ${t('supervisor.charts.minutesUnit')}`}
          categories={(times.data?.rows ?? []).map((r) => r.label)}
          series={[
            {
              name: t('supervisor.charts.median'),
              color: colorAt(0),
              values: (times.data?.rows ?? []).map((r) => minutes(r.firstResponse.medianSeconds)),
            },
            {
              name: t('supervisor.charts.p90'),
              color: colorAt(3),
              values: (times.data?.rows ?? []).map((r) =>
                Math.max(0, minutes(r.firstResponse.p90Seconds) - minutes(r.firstResponse.medianSeconds)),
              ),
            },
          ]}
        />
      </div>
    </div>
  );
}
