import type { SlaSummaryCounts, SlaSummaryView } from '@switchboard/contracts';
import { channelName } from '../../../lib/channel-names';
import { i18n, useTranslation } from '../../../i18n';

// Labels and hints are the catalog's supervisor.tiles.<key> and supervisor.tiles.<key>Hint.
const TILES: Array<{ key: keyof SlaSummaryCounts; alert?: 'warn' | 'danger' }> = [
  { key: 'open' },
  { key: 'unassigned' },
  { key: 'atRisk', alert: 'warn' },
  { key: 'breached', alert: 'danger' },
];

/** The icon beside an alerting tile's label, so the alert does not rest on colour alone. */
const ALERT_ICONS = { danger: '!', warn: '▲' } as const;

/**
 * How many open tickets an SLA clock is running for, from the same counts as the other tiles:
 * with no policy, "Open 4" must not claim four running SLAs.
 */
export function openHint(totals: SlaSummaryCounts): string {
  const timed = totals.onTrack + totals.atRisk + totals.breached;
  if (totals.open === 0) return i18n.t('supervisor.tiles.noOpen');
  if (timed === 0) return i18n.t('supervisor.tiles.noneRunning');
  if (timed === totals.open) return i18n.t('supervisor.tiles.allRunning');
  return i18n.t('supervisor.tiles.someRunning', { count: timed });
}

/** The four live tiles, then the same counts by team and by channel. */
export function SummaryTiles({
  summary,
  teamName,
}: {
  summary: SlaSummaryView;
  teamName: (id: string | null) => string;
}) {
  const { t } = useTranslation();
  return (
    <section aria-label={t('supervisor.overview')} className="sv-overview">
      <ul className="tiles">
        {TILES.map((tile) => {
          // Alert styling only when there is something to act on; the icon and the hint carry it without colour.
          const alerting = tile.alert && summary.totals[tile.key] > 0;
          return (
            <li
              key={tile.key}
              className={`tile tile-${tile.key}${alerting ? ` tile-alert tile-${tile.alert}` : ''}`}
              data-testid={`tile-${tile.key}`}
            >
              <span className="tile-label">
                {tile.alert && (
                  <span className="tile-icon" aria-hidden="true">
                    {ALERT_ICONS[tile.alert]}
                  </span>
                )}
                {t(`supervisor.tiles.${tile.key}`)}
              </span>
              <span className="tile-value">{summary.totals[tile.key]}</span>
              <span className="tile-hint">
                {alerting
                  ? tile.alert === 'danger'
                    ? t('supervisor.tiles.actNow')
                    : t('supervisor.tiles.watch')
                  : tile.key === 'open'
                    ? openHint(summary.totals)
                    : t(`supervisor.tiles.${tile.key}Hint`)}
              </span>
            </li>
          );
        })}
      </ul>
      <div className="tile-tables">
        <CountsTable
          caption={t('supervisor.byTeam')}
          column={t('supervisor.team')}
          rows={summary.byTeam.map((r) => ({ name: r.teamName ?? teamName(r.teamId), ...r }))}
        />
        <CountsTable
          caption={t('supervisor.byChannel')}
          column={t('supervisor.channel')}
          rows={summary.byChannel.map((r) => ({ name: channelName(r.channel), ...r }))}
        />
      </div>
    </section>
  );
}

function CountsTable({
  caption,
  column,
  rows,
}: {
  caption: string;
  column: string;
  rows: Array<SlaSummaryCounts & { name: string }>;
}) {
  const { t } = useTranslation();
  return (
    <div className="sv-card sv-table-card" role="region" aria-label={caption} tabIndex={0}>
      <table className="counts sv-counts">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{column}</th>
            {TILES.map((tile) => (
              <th key={tile.key} scope="col" className="num">
                {t(`supervisor.tiles.${tile.key}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={5}>{t('supervisor.noOpenTickets')}</td>
            </tr>
          )}
          {rows.map((r) => (
            <tr key={r.name}>
              <th scope="row">{r.name}</th>
              {TILES.map((tile) => (
                <td
                  key={tile.key}
                  className={
                    tile.key === 'breached' && r.breached > 0
                      ? 'num sla-breached'
                      : tile.key === 'atRisk' && r.atRisk > 0
                        ? 'num sla-at-risk'
                        : 'num'
                  }
                >
                  {r[tile.key]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
