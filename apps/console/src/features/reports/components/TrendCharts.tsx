import { useState } from 'react';
import { useTranslation } from '../../../i18n';
import { Button } from '../../../components/Button';
import { Select } from '../../../components/Select';
import { useToast } from '../../../components/Toast';
import { formatDate } from '../../../lib/format';
import { LineChart, colorAt } from '../../supervisor/components/Charts';
import { downloadTrendCsv, type TrendFilters } from '../api/trends-api';
import { useResponseTimesTrend, useSatisfactionTrend } from '../hooks/useTrends';
import {
  TREND_DAYS,
  dayDate,
  responseTimesByDay,
  satisfactionByDay,
  trendRange,
  type TrendDays,
} from '../lib/trend-days';
import '../reports.css';

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/**
 * Daily trends for supervisors: CSAT satisfied share, NPS, CES, and first-response and resolution
 * p50/p90 in business hours, over the last 7, 30 or 90 days. Live like the tiles: the dashboard
 * refetches its report keys on ticket events, so a survey answer moves today's point.
 */
export function TrendCharts({ teamId }: { teamId?: string }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [days, setDays] = useState<TrendDays>(30);
  const filters: TrendFilters = { days, teamId };
  const satisfaction = useSatisfactionTrend(filters);
  const times = useResponseTimesTrend(filters);
  // The days are worked out on every render, so the charts roll over at midnight with the next refetch.
  const dayKeys = trendRange(days).days;
  const labels = dayKeys.map((d) => formatDate(dayDate(d), { day: 'numeric', month: 'short' }));
  const s = satisfactionByDay(dayKeys, satisfaction.data);
  const r = responseTimesByDay(dayKeys, times.data);
  const exportCsv = (kind: 'satisfaction' | 'response-times') =>
    downloadTrendCsv(kind, filters).catch((e: Error) =>
      toast.error(t('trends.exportFailed', { reason: e.message })),
    );
  return (
    <section aria-labelledby="trends-title" className="trends" aria-busy={satisfaction.isLoading}>
      {toast.region}
      <div className="sat-head">
        <h2 id="trends-title" className="section-title">
          {t('trends.title')}
        </h2>
        <Select
          className="sv-filter"
          label={t('trends.period')}
          value={String(days)}
          onChange={(e) => setDays(Number(e.target.value) as TrendDays)}
          options={TREND_DAYS.map((d) => ({ value: String(d), label: t(`trends.periods.${d}`) }))}
        />
        <div className="sat-actions">
          <Button className="link-button" onClick={() => void exportCsv('satisfaction')}>
            {t('trends.exportSatisfaction')}
          </Button>
          <Button className="link-button" onClick={() => void exportCsv('response-times')}>
            {t('trends.exportTimes')}
          </Button>
        </div>
      </div>
      <p className="muted trends-hint">{t('trends.hint')}</p>
      <div className="supervisor-grid sv-charts">
        <LineChart
          testId="trend-csat"
          title={t('trends.csat')}
          categories={labels}
          range={{ min: 0, max: 100 }}
          format={(v) => `${v} %`}
          series={[{ name: t('trends.satisfied'), color: colorAt(1), values: s.csatShare }]}
          counts={{ name: t('trends.answers'), values: s.csatAnswers }}
        />
        <LineChart
          testId="trend-nps"
          title={t('trends.nps')}
          categories={labels}
          range={{ min: -100, max: 100 }}
          format={signed}
          series={[{ name: t('trends.score'), color: colorAt(3), values: s.nps }]}
          counts={{ name: t('trends.answers'), values: s.npsAnswers }}
        />
        <LineChart
          testId="trend-ces"
          title={t('trends.ces')}
          categories={labels}
          range={{ min: 1, max: 7 }}
          series={[{ name: t('trends.average'), color: colorAt(2), values: s.ces }]}
          counts={{ name: t('trends.answers'), values: s.cesAnswers }}
        />
        <LineChart
          testId="trend-first-response"
          title={t('trends.firstResponse')}
          categories={labels}
          series={[
            { name: t('trends.median'), color: colorAt(0), values: r.firstResponseP50 },
            { name: t('trends.p90'), color: colorAt(4), values: r.firstResponseP90 },
          ]}
          counts={{ name: t('trends.tickets'), values: r.firstResponseCount }}
        />
        <LineChart
          testId="trend-resolution"
          title={t('trends.resolution')}
          categories={labels}
          series={[
            { name: t('trends.median'), color: colorAt(0), values: r.resolutionP50 },
            { name: t('trends.p90'), color: colorAt(4), values: r.resolutionP90 },
          ]}
          counts={{ name: t('trends.tickets'), values: r.resolutionCount }}
        />
      </div>
    </section>
  );
}
