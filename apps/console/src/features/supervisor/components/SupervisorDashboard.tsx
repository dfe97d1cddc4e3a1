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
  useSupervisorLive();
  const summary = useSlaSummary(filters);
  const attainment = useAttainment(filters);
  const times = useResponseTimes(filters);
  const volume = useVolume(filters);
  const teamName = (id: string | null) => teams.find((t) => t.id === id)?.name ?? (id ? 'Team' : '(no team)');

  const volumeChart = useMemo(() => {
    const rows = volume.data?.rows ?? [];
    const hours = [...new Set(rows.map((r) => r.hour))].sort();
    const channels = [...new Set(rows.map((r) => r.channel))].sort();
    return {
      categories: hours.map((h) => new Date(h).toLocaleString([], { weekday: 'short', hour: '2-digit' })),
      series: channels.map((c, i) => ({
        name: channelName(c),
        color: colorAt(i),
        values: hours.map((h) => rows.find((r) => r.hour === h && r.channel === c)?.count ?? 0),
      })),
    };
  }, [volume.data]);

  if (me.role === 'agent' || (summary.error instanceof ApiError && summary.error.status === 403)) {
    return (
      <p className="empty-state" role="alert">
        The supervisor dashboard is for supervisors and admins.
      </p>
    );
  }
  const channels = summary.data?.byChannel.map((c) => c.channel) ?? [];
  return (
    <div className="supervisor" aria-busy={summary.isLoading}>
      <header className="supervisor-head">
        <h1>Supervisor</h1>
        <p className="supervisor-sub muted">Live SLA state, agents and reports</p>
      </header>
      <div className="supervisor-toolbar">
        <div className="sv-filters">
          <label className="sv-filter">
            Team{' '}
            <select
              value={filters.teamId ?? ''}
              onChange={(e) => setFilters({ ...filters, teamId: e.target.value || undefined })}
            >
              <option value="">All teams</option>
              {teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          <label className="sv-filter">
            Channel{' '}
            <select
              value={filters.channel ?? ''}
              onChange={(e) => setFilters({ ...filters, channel: e.target.value || undefined })}
            >
              <option value="">All channels</option>
              {[...new Set([...channels, ...(filters.channel ? [filters.channel] : [])])].map((c) => (
                <option key={c} value={c}>
                  {channelName(c)}
                </option>
              ))}
            </select>
          </label>
          <label className="sv-filter">
            Period{' '}
            <select
              value={filters.period}
              onChange={(e) =>
                setFilters({ ...filters, period: e.target.value as DashboardFilters['period'] })
              }
            >
              <option value="today">Today</option>
              <option value="7d">7 days</option>
              <option value="30d">30 days</option>
            </select>
          </label>
        </div>
        <div className="sv-actions">
          <button
            type="button"
            className="link-button sv-export"
            onClick={() => void downloadCsv('attainment', filters)}
          >
            Export SLA CSV
          </button>
          <button
            type="button"
            className="link-button sv-export"
            onClick={() => void downloadCsv('responseTimes', filters)}
          >
            Export response times CSV
          </button>
          {me.role === 'admin' && (
            <a className="link-button sv-admin-link" href={SLA_ADMIN_HASH}>
              Business hours and SLA policies
            </a>
          )}
        </div>
      </div>

      {summary.data ? (
        <SummaryTiles summary={summary.data} teamName={teamName} />
      ) : (
        <p className="empty-state">Loading…</p>
      )}

      <div className="supervisor-grid sv-lists">
        <NeedsAttention summary={summary.data} onOpen={onOpenTicket} />
        <section aria-labelledby="agents-title" className="sv-card">
          <h2 id="agents-title" className="sv-card-title">
            Agents{' '}
            <span className="count">
              {(summary.data?.agents ?? []).filter((a) => a.online).length} online
            </span>
          </h2>
          <table className="counts sv-counts sv-agents">
            <thead>
              <tr>
                <th scope="col">Agent</th>
                <th scope="col">Presence</th>
                <th scope="col" className="num">
                  Open
                </th>
                <th scope="col" className="num">
                  Replies today
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
                    {a.online ? 'online' : 'offline'}
                  </td>
                  <td className="num">{a.openLoad}</td>
                  <td className="num">{a.repliesToday}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>

      <h2 className="section-title sv-section-title">Reports</h2>
      <div className="supervisor-grid sv-charts">
        <BarChart
          title="New tickets by channel per hour"
          categories={volumeChart.categories}
          series={volumeChart.series}
        />
        <BarChart
          title="SLA attainment per day (first response, %)"
          unit="%"
          max={100}
          categories={(attainment.data?.rows ?? []).map((r) => r.label)}
          series={[
            {
              name: 'first response met',
              color: colorAt(1),
              values: (attainment.data?.rows ?? []).map((r) =>
                Math.round((r.firstResponse.attainment ?? 0) * 100),
              ),
            },
          ]}
        />
        <BarChart
          title="First response time distribution"
          categories={times.data?.distribution.buckets ?? []}
          series={[
            { name: 'tickets', color: colorAt(0), values: times.data?.distribution.firstResponse ?? [] },
          ]}
        />
        <BarChart
          title="Resolution time distribution"
          categories={times.data?.distribution.buckets ?? []}
          series={[{ name: 'tickets', color: colorAt(2), values: times.data?.distribution.resolution ?? [] }]}
        />
        <BarChart
          title="Median and p90 first response by team (minutes)"
          unit=" min"
          categories={(times.data?.rows ?? []).map((r) => r.label)}
          series={[
            {
              name: 'median',
              color: colorAt(0),
              values: (times.data?.rows ?? []).map((r) => minutes(r.firstResponse.medianSeconds)),
            },
            {
              name: 'p90 (on top)',
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
