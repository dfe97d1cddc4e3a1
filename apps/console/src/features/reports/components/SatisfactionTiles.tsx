import { useTranslation } from '../../../i18n';
import { Button } from '../../../components/Button';
import { downloadSatisfactionCsv, type SatisfactionFilters } from '../api/satisfaction-api';
import { useSatisfaction } from '../hooks/useSatisfaction';
import '../reports.css';

const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 1000) / 10} %`);
const signed = (n: number | null) => (n === null ? '–' : n > 0 ? `+${n}` : String(n));

/**
 * CSAT, response rate, NPS and CES for the dashboard's period and team, then the same by team.
 * Live: the supervisor dashboard refetches its report keys, these among them, on ticket events
 * (a survey answer is one).
 */
export function SatisfactionTiles({ filters }: { filters: SatisfactionFilters }) {
  const { t } = useTranslation();
  const report = useSatisfaction(filters, 'team');
  const r = report.data;
  return (
    <section aria-labelledby="satisfaction-title" className="sat">
      <div className="sat-head">
        <h2 id="satisfaction-title" className="section-title">
          {t('satisfaction.title')}
        </h2>
        <div className="sat-actions">
          <Button className="link-button" onClick={() => void downloadSatisfactionCsv('report', filters)}>
            {t('satisfaction.exportReport')}
          </Button>
          <Button className="link-button" onClick={() => void downloadSatisfactionCsv('responses', filters)}>
            {t('satisfaction.exportResponses')}
          </Button>
        </div>
      </div>
      {!r ? (
        <p className="empty-state">{t('common.loading')}</p>
      ) : (
        <>
          <ul className="tiles sat-tiles">
            <li className="tile" data-testid="tile-csat">
              <span className="tile-label">{t('satisfaction.csat')}</span>
              <span className="tile-value">{percent(r.csat.satisfiedShare)}</span>
              <span className="tile-hint">
                {r.csat.answered
                  ? t('satisfaction.csatHint', { satisfied: r.csat.satisfied, count: r.csat.answered })
                  : t('satisfaction.none')}
              </span>
            </li>
            <li className="tile" data-testid="tile-response-rate">
              <span className="tile-label">{t('satisfaction.responseRate')}</span>
              <span className="tile-value">{percent(r.csat.responseRate)}</span>
              <span className="tile-hint">{t('satisfaction.responseRateHint')}</span>
            </li>
            <li className="tile" data-testid="tile-nps">
              <span className="tile-label">{t('satisfaction.nps')}</span>
              <span className="tile-value">{signed(r.nps.score)}</span>
              <span className="tile-hint">
                {r.nps.answered
                  ? t('satisfaction.npsHint', {
                      promoters: r.nps.promoters,
                      detractors: r.nps.detractors,
                      count: r.nps.answered,
                    })
                  : t('satisfaction.none')}
              </span>
            </li>
            <li className="tile" data-testid="tile-ces">
              <span className="tile-label">{t('satisfaction.ces')}</span>
              <span className="tile-value">{r.ces.average ?? '–'}</span>
              <span className="tile-hint">
                {r.ces.answered
                  ? t('satisfaction.cesHint', { count: r.ces.answered })
                  : t('satisfaction.none')}
              </span>
            </li>
          </ul>
          {r.groups.length > 0 && (
            <table className="counts sat-table">
              <caption className="visually-hidden">{t('satisfaction.byTeam')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('satisfaction.team')}</th>
                  <th scope="col" className="num">
                    {t('satisfaction.answered')}
                  </th>
                  <th scope="col" className="num">
                    {t('satisfaction.csat')}
                  </th>
                  <th scope="col" className="num">
                    {t('satisfaction.nps')}
                  </th>
                  <th scope="col" className="num">
                    {t('satisfaction.ces')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.groups.map((g) => (
                  <tr key={g.key}>
                    <th scope="row">{g.label}</th>
                    <td className="num">{g.csat.answered}</td>
                    <td className="num">{percent(g.csat.satisfiedShare)}</td>
                    <td className="num">{signed(g.nps.score)}</td>
                    <td className="num">{g.ces.average ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
