import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { REVIEW_CATEGORIES } from '@switchboard/contracts';
import { useTranslation } from '../../../i18n';
import { Button } from '../../../components/Button';
import { Select } from '../../../components/Select';
import { useToast } from '../../../components/Toast';
import { formatDate } from '../../../lib/format';
import { useTeams } from '../../tickets/hooks/useDirectory';
import { dayDate } from '../../reports/lib/trend-days';
import { BarChart, colorAt } from '../../supervisor/components/Charts';
import {
  LESSON_RANGES,
  downloadLessonsCsv,
  downloadTrainingCases,
  fetchLessons,
  lessonsKeys,
  type LessonFilters,
  type LessonRange,
  type LessonsReport as Report,
} from '../api/lessons-api';
import '../reviews.css';
// The charts' styles live with the dashboard's.
import '../../supervisor/supervisor.css';

type Row = Report['rows'][number];

/** Rows per team (in the order the report gives them), so each team gets its own table. */
function byTeam(rows: Row[]): Array<{ teamId: string | null; teamName: string | null; rows: Row[] }> {
  const teams = new Map<string, { teamId: string | null; teamName: string | null; rows: Row[] }>();
  for (const row of rows) {
    const key = row.teamId ?? '';
    const team = teams.get(key) ?? { teamId: row.teamId, teamName: row.teamName, rows: [] };
    team.rows.push(row);
    teams.set(key, team);
  }
  return [...teams.values()];
}

/**
 * `#/reviews/lessons`: what went wrong in completed reviews, per period and team: a chart of the
 * categories over time, then per team a table with the reviewed tickets behind each count; and
 * the exports (the report as CSV, the training cases with personal data masked).
 */
export default function LessonsReport() {
  const { t } = useTranslation();
  const toast = useToast();
  const teams = useTeams().data ?? [];
  const [filters, setFilters] = useState<LessonFilters>({ days: 90, bucket: 'month' });
  const report = useQuery({ queryKey: lessonsKeys.report(filters), queryFn: () => fetchLessons(filters) });
  const rows = useMemo(() => report.data?.rows ?? [], [report.data]);
  const periodLabel = (period: string) =>
    formatDate(
      dayDate(period),
      filters.bucket === 'month'
        ? { month: 'long', year: 'numeric' }
        : { day: 'numeric', month: 'short', year: 'numeric' },
    );
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const categories = REVIEW_CATEGORIES.filter((c) => rows.some((r) => r.category === c));
  const exportFile = (save: (f: LessonFilters) => Promise<void>) =>
    save(filters).catch((e: Error) => toast.error(t('lessons.exportFailed', { reason: e.message })));
  return (
    <section aria-labelledby="lessons-title" className="lessons">
      {toast.region}
      <div className="reviews-head">
        <h1 id="lessons-title">{t('lessons.title')}</h1>
        <a className="link-button" href="#/reviews">
          {t('lessons.backToQueue')}
        </a>
      </div>
      <p className="muted">{t('lessons.intro')}</p>
      <div className="lessons-toolbar">
        <Select
          label={t('lessons.range')}
          value={String(filters.days)}
          onChange={(e) => setFilters({ ...filters, days: Number(e.target.value) as LessonRange })}
          options={LESSON_RANGES.map((d) => ({ value: String(d), label: t(`lessons.ranges.${d}`) }))}
        />
        <Select
          label={t('lessons.bucket')}
          value={filters.bucket}
          onChange={(e) => setFilters({ ...filters, bucket: e.target.value as LessonFilters['bucket'] })}
          options={(['month', 'week'] as const).map((b) => ({ value: b, label: t(`lessons.buckets.${b}`) }))}
        />
        <Select
          label={t('lessons.team')}
          value={filters.teamId ?? ''}
          onChange={(e) => setFilters({ ...filters, teamId: e.target.value || undefined })}
          options={[
            { value: '', label: t('lessons.allTeams') },
            ...teams.map((team) => ({ value: team.id, label: team.name })),
          ]}
        />
        <div className="sat-actions">
          <Button className="link-button" onClick={() => void exportFile(downloadLessonsCsv)}>
            {t('lessons.exportCsv')}
          </Button>
          <Button className="link-button" onClick={() => void exportFile(downloadTrainingCases)}>
            {t('lessons.exportTraining')}
          </Button>
        </div>
      </div>
      {report.isError ? (
        <p role="alert">{report.error.message}</p>
      ) : !report.data ? (
        <p className="empty-state">{t('common.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="empty-state">{t('lessons.empty')}</p>
      ) : (
        <>
          <BarChart
            title={t('lessons.chart')}
            categories={periods.map(periodLabel)}
            series={categories.map((c, i) => ({
              name: t(`reviews.categories.${c}`),
              color: colorAt(i),
              values: periods.map((p) =>
                rows.filter((r) => r.period === p && r.category === c).reduce((n, r) => n + r.count, 0),
              ),
            }))}
          />
          {byTeam(rows).map((team) => {
            const name = team.teamName ?? t('lessons.noTeam');
            return (
              <table key={team.teamId ?? 'none'} className="counts lessons-table" data-testid="lessons-team">
                <caption>{t('lessons.tableOf', { team: name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('lessons.period')}</th>
                    <th scope="col">{t('lessons.category')}</th>
                    <th scope="col" className="num">
                      {t('lessons.count')}
                    </th>
                    <th scope="col">{t('lessons.tickets')}</th>
                  </tr>
                </thead>
                <tbody>
                  {team.rows.map((r) => (
                    <tr key={`${r.period}-${r.category}`}>
                      <td>{periodLabel(r.period)}</td>
                      <th scope="row">{t(`reviews.categories.${r.category}`)}</th>
                      <td className="num">{r.count}</td>
                      <td>
                        <span className="lessons-tickets">
                          {r.tickets.map((ticket) => (
                            <a
                              key={ticket.id}
                              href={`#/tickets/${ticket.id}`}
                              aria-label={t('lessons.ticketLinkLabel', { number: ticket.number })}
                            >
                              {t('lessons.ticketLink', { number: ticket.number })}
                            </a>
                          ))}
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            );
          })}
        </>
      )}
    </section>
  );
}
