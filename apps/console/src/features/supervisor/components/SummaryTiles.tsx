import type { SlaSummaryCounts, SlaSummaryView } from '@switchboard/contracts';
import { channelName } from '../../../lib/channel-names';

const TILES: Array<{ key: keyof SlaSummaryCounts; label: string; hint: string; alert?: 'warn' | 'danger' }> =
  [
    { key: 'open', label: 'Open', hint: 'open tickets' },
    { key: 'unassigned', label: 'Unassigned', hint: 'waiting for an owner' },
    { key: 'atRisk', label: 'At risk', hint: 'due soon', alert: 'warn' },
    { key: 'breached', label: 'Breached', hint: 'past due', alert: 'danger' },
  ];

/**
 * How many open tickets an SLA clock is running for, from the same counts as the other tiles:
 * with no policy, "Open 4" must not claim four running SLAs.
 */
export function openHint(totals: SlaSummaryCounts): string {
  const timed = totals.onTrack + totals.atRisk + totals.breached;
  if (totals.open === 0) return 'no open tickets';
  if (timed === 0) return 'none with a running SLA';
  if (timed === totals.open) return 'all with a running SLA';
  return `${timed} with a running SLA`;
}

/** The four live tiles, then the same counts by team and by channel. */
export function SummaryTiles({
  summary,
  teamName,
}: {
  summary: SlaSummaryView;
  teamName: (id: string | null) => string;
}) {
  return (
    <section aria-label="SLA overview" className="sv-overview">
      <ul className="tiles">
        {TILES.map((t) => {
          // Alert styling only when there is something to act on; the icon and the hint carry it without colour.
          const alerting = t.alert && summary.totals[t.key] > 0;
          return (
            <li
              key={t.key}
              className={`tile tile-${t.key}${alerting ? ` tile-alert tile-${t.alert}` : ''}`}
              data-testid={`tile-${t.key}`}
            >
              <span className="tile-label">
                {t.alert && (
                  <span className="tile-icon" aria-hidden="true">
                    {t.alert === 'danger' ? '!' : '▲'}
                  </span>
                )}
                {t.label}
              </span>
              <span className="tile-value">{summary.totals[t.key]}</span>
              <span className="tile-hint">
                {alerting
                  ? t.alert === 'danger'
                    ? 'past due: act now'
                    : 'due soon: watch'
                  : t.key === 'open'
                    ? openHint(summary.totals)
                    : t.hint}
              </span>
            </li>
          );
        })}
      </ul>
      <div className="tile-tables">
        <CountsTable
          caption="By team"
          rows={summary.byTeam.map((r) => ({ name: r.teamName ?? teamName(r.teamId), ...r }))}
        />
        <CountsTable
          caption="By channel"
          rows={summary.byChannel.map((r) => ({ name: channelName(r.channel), ...r }))}
        />
      </div>
    </section>
  );
}

function CountsTable({
  caption,
  rows,
}: {
  caption: string;
  rows: Array<SlaSummaryCounts & { name: string }>;
}) {
  return (
    <div className="sv-card sv-table-card" role="region" aria-label={caption} tabIndex={0}>
      <table className="counts sv-counts">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{caption.replace('By ', '').replace(/^./, (c) => c.toUpperCase())}</th>
            {TILES.map((t) => (
              <th key={t.key} scope="col" className="num">
                {t.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={5}>No open tickets</td>
            </tr>
          )}
          {rows.map((r) => (
            <tr key={r.name}>
              <th scope="row">{r.name}</th>
              {TILES.map((t) => (
                <td
                  key={t.key}
                  className={
                    t.key === 'breached' && r.breached > 0
                      ? 'num sla-breached'
                      : t.key === 'atRisk' && r.atRisk > 0
                        ? 'num sla-at-risk'
                        : 'num'
                  }
                >
                  {r[t.key]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
