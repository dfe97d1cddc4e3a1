import { useTranslation } from '../../../i18n';

/**
 * Small accessible SVG charts. No maintained chart library is installed in this workspace (and
 * adding one was out of scope), so these draw bars directly; each chart has a title, a text
 * summary for screen readers and a data table behind a <details>.
 *
 * Layout is computed in a fixed coordinate system (viewBox), so the SVG scales uniformly with
 * its card (text stays proportional, never stretched). Bars are sized from the data: each
 * category gets a slot of the plot width, the bar fills at most 70 % of it, capped at
 * MAX_BAR so one or two categories do not draw a wall of colour.
 */
export interface Series {
  name: string;
  values: number[];
  color: string;
}

// Darker shades of the usual palette: every colour has ≥ 3:1 contrast against white (WCAG 1.4.11).
const PALETTE = ['#2563eb', '#15803d', '#b45309', '#7e22ce', '#b91c1c', '#0e7490', '#4b5563'];
export const colorAt = (i: number) => PALETTE[i % PALETTE.length];

const VIEW_W = 560;
const MARGIN = { top: 12, right: 12, bottom: 30, left: 44 };
const MAX_BAR = 40;
const MAX_X_LABELS = 8;

/** A "nice" axis maximum (1, 2, 2.5, 5 × 10^k) at or above `max`, with its tick step. */
export function niceScale(max: number, ticks = 4): { top: number; step: number } {
  if (max <= 0) return { top: ticks, step: 1 };
  const rough = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  // Whole numbers only: counts and minutes are integers.
  const whole = Math.max(1, Math.ceil(step));
  return { top: whole * Math.ceil(max / whole), step: whole };
}

/** Bar geometry for `count` categories over a plot `plotW` wide: slot, bar width and offset in the slot. */
export function barLayout(count: number, plotW: number): { slot: number; barW: number; offset: number } {
  const slot = plotW / Math.max(1, count);
  const barW = Math.max(1, Math.min(MAX_BAR, slot * (count > 48 ? 0.85 : 0.7)));
  return { slot, barW, offset: (slot - barW) / 2 };
}

const shorten = (label: string, max = 12) => (label.length > max ? `${label.slice(0, max - 1)}…` : label);

/** Stacked (or single) vertical bars over categories, with a y axis, gridlines and x labels. */
/** The horizontal grid lines and their value labels on the left, shared by the bar and line charts. */
function ChartGrid({
  ticks,
  y,
  label,
}: {
  ticks: number[];
  y: (value: number) => number;
  label: (tick: number) => string;
}) {
  return (
    <g className="chart-grid" aria-hidden="true">
      {ticks.map((tick) => (
        <g key={tick}>
          <line
            x1={MARGIN.left}
            x2={VIEW_W - MARGIN.right}
            y1={y(tick)}
            y2={y(tick)}
            className={tick === 0 ? 'chart-baseline' : 'chart-gridline'}
          />
          <text x={MARGIN.left - 6} y={y(tick)} dy="0.35em" textAnchor="end" className="chart-tick">
            {label(tick)}
          </text>
        </g>
      ))}
    </g>
  );
}

export function BarChart({
  title,
  categories,
  series,
  height = 150,
  unit = '',
  max: fixedMax,
}: {
  title: string;
  categories: string[];
  series: Series[];
  height?: number;
  unit?: string;
  max?: number;
}) {
  const { t } = useTranslation();
  const totals = categories.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const highest = Math.max(0, ...totals);
  const { top, step } = niceScale(Math.max(fixedMax ?? 0, highest, 1));
  const plotW = VIEW_W - MARGIN.left - MARGIN.right;
  const plotH = height;
  const viewH = MARGIN.top + plotH + MARGIN.bottom;
  const { slot, barW, offset } = barLayout(categories.length, plotW);
  const labelEvery = Math.max(1, Math.ceil(categories.length / MAX_X_LABELS));
  const y = (v: number) => MARGIN.top + plotH - (v / top) * plotH;
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const id = title.replace(/\W+/g, '-').toLowerCase();
  const summary =
    categories.length === 0
      ? t('supervisor.chart.noDataSummary', { title })
      : t('supervisor.chart.summary', { title, count: categories.length, highest: `${highest}${unit}` });
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart-title">
        {title}
      </figcaption>
      <svg
        className="chart-svg"
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${VIEW_W} ${viewH}`}
        preserveAspectRatio="xMidYMid meet"
      >
        <ChartGrid ticks={ticks} y={y} label={(tick) => `${tick}${unit.trim() === '%' ? '%' : ''}`} />
        {categories.length === 0 && (
          <text
            x={MARGIN.left + plotW / 2}
            y={MARGIN.top + plotH / 2}
            textAnchor="middle"
            className="chart-empty"
          >
            {t('supervisor.chart.noData')}
          </text>
        )}
        {categories.map((c, i) => {
          let acc = 0;
          const x = MARGIN.left + i * slot + offset;
          return (
            <g key={`${c}-${i}`}>
              {series.map((s) => {
                const v = s.values[i] ?? 0;
                if (v <= 0) return null;
                const y1 = y(acc);
                acc += v;
                const y2 = y(acc);
                return (
                  <rect
                    key={s.name}
                    x={x}
                    y={y2}
                    width={barW}
                    height={Math.max(1, y1 - y2)}
                    fill={s.color}
                    rx={barW >= 8 ? 2 : 0}
                  >
                    <title>{`${c} · ${s.name}: ${v}${unit}`}</title>
                  </rect>
                );
              })}
              {i % labelEvery === 0 && (
                <text
                  x={MARGIN.left + i * slot + slot / 2}
                  y={MARGIN.top + plotH + 18}
                  textAnchor="middle"
                  className="chart-tick"
                  aria-hidden="true"
                >
                  {shorten(c)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      {series.length > 1 && (
        <ul className="chart-legend">
          {series.map((s) => (
            <li key={s.name}>
              <span className="swatch" style={{ background: s.color }} aria-hidden="true" /> {s.name}
            </li>
          ))}
        </ul>
      )}
      <details className="chart-data">
        <summary>{t('supervisor.chart.dataTable')}</summary>
        <table className="counts">
          <thead>
            <tr>
              <th scope="col">{'\u00a0'}</th>
              {series.map((s) => (
                <th key={s.name} scope="col">
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {categories.map((c, i) => (
              <tr key={`${c}-${i}`}>
                <th scope="row">{c}</th>
                {series.map((s) => (
                  <td key={s.name}>
                    {s.values[i] ?? 0}
                    {unit}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

export interface LineSeries {
  name: string;
  /** One value per category; null where there is nothing to show (no answers that day). */
  values: Array<number | null>;
  color: string;
}

/** The y axis of a line chart: a fixed range when given, else from 0 (or the lowest value) to a nice top. */
function lineScale(values: number[], fixed?: { min: number; max: number }) {
  if (fixed) return { min: fixed.min, max: fixed.max, step: (fixed.max - fixed.min) / 4 };
  const low = Math.min(0, ...values);
  const { top, step } = niceScale(Math.max(1, ...values) - low);
  return { min: low, max: low + top, step };
}

/**
 * Values over days as lines with a dot per value; a day without a value breaks the line rather
 * than pretending it was zero. Like BarChart: a title, a summary naming the last value for
 * screen readers, and the numbers in a table (with an optional count column, such as answers).
 */
export function LineChart({
  title,
  categories,
  series,
  range,
  format = (v) => String(v),
  counts,
  testId,
  height = 150,
}: {
  title: string;
  categories: string[];
  series: LineSeries[];
  range?: { min: number; max: number };
  format?: (v: number) => string;
  counts?: { name: string; values: number[] };
  testId?: string;
  height?: number;
}) {
  const { t } = useTranslation();
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const { min, max, step } = lineScale(all, range);
  const plotW = VIEW_W - MARGIN.left - MARGIN.right;
  const viewH = MARGIN.top + height + MARGIN.bottom;
  const slot = plotW / Math.max(1, categories.length);
  const x = (i: number) => MARGIN.left + i * slot + slot / 2;
  const y = (v: number) => MARGIN.top + height - ((v - min) / (max - min || 1)) * height;
  const ticks = Array.from({ length: Math.round((max - min) / step) + 1 }, (_, i) => min + i * step);
  const labelEvery = Math.max(1, Math.ceil(categories.length / MAX_X_LABELS));
  const id = `line-${title.replace(/\W+/g, '-').toLowerCase()}`;
  const last = categories.length - 1;
  const today = series.map(
    (s) => `${s.name} ${s.values[last] == null ? t('trends.none') : format(s.values[last]!)}`,
  );
  const summary =
    all.length === 0
      ? t('trends.summaryEmpty', { title })
      : t('trends.summary', { title, count: categories.length, today: today.join(', ') });
  // Consecutive values form one path; a null ends it.
  const paths = series.map((s) => {
    const runs: string[] = [];
    let run = '';
    s.values.forEach((v, i) => {
      if (v === null) {
        if (run) runs.push(run);
        run = '';
      } else run += `${run ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    });
    if (run) runs.push(run);
    return runs;
  });
  return (
    <figure className="chart" aria-labelledby={`${id}-title`} data-testid={testId}>
      <figcaption id={`${id}-title`} className="chart-title">
        {title}
      </figcaption>
      <svg
        className="chart-svg"
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${VIEW_W} ${viewH}`}
        preserveAspectRatio="xMidYMid meet"
      >
        <ChartGrid ticks={ticks} y={y} label={format} />
        {all.length === 0 && (
          <text
            x={MARGIN.left + plotW / 2}
            y={MARGIN.top + height / 2}
            textAnchor="middle"
            className="chart-empty"
          >
            {t('supervisor.chart.noData')}
          </text>
        )}
        {series.map((s, si) => (
          <g key={s.name}>
            {paths[si].map((d) => (
              <path key={d} d={d} fill="none" stroke={s.color} strokeWidth={2} />
            ))}
            {s.values.map((v, i) =>
              v === null ? null : (
                <circle key={i} cx={x(i)} cy={y(v)} r={categories.length > 45 ? 2 : 3} fill={s.color}>
                  <title>{`${categories[i]} · ${s.name}: ${format(v)}`}</title>
                </circle>
              ),
            )}
          </g>
        ))}
        {categories.map((c, i) =>
          // Counted back from the last day, so today always has its label and none crowd it.
          (last - i) % labelEvery === 0 ? (
            <text
              key={`${c}-${i}`}
              x={x(i)}
              y={MARGIN.top + height + 18}
              textAnchor="middle"
              className="chart-tick"
              aria-hidden="true"
            >
              {shorten(c)}
            </text>
          ) : null,
        )}
      </svg>
      {series.length > 1 && (
        <ul className="chart-legend">
          {series.map((s) => (
            <li key={s.name}>
              <span className="swatch" style={{ background: s.color }} aria-hidden="true" /> {s.name}
            </li>
          ))}
        </ul>
      )}
      <details className="chart-data">
        <summary>{t('supervisor.chart.dataTable')}</summary>
        <table className="counts">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('trends.day')}</th>
              {series.map((s) => (
                <th key={s.name} scope="col" className="num">
                  {s.name}
                </th>
              ))}
              {counts && (
                <th scope="col" className="num">
                  {counts.name}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {categories.map((c, i) => (
              <tr key={`${c}-${i}`} data-testid={i === last ? 'trend-today' : undefined}>
                <th scope="row">{c}</th>
                {series.map((s) => (
                  <td key={s.name} className="num">
                    {s.values[i] === null ? t('trends.none') : format(s.values[i]!)}
                  </td>
                ))}
                {counts && <td className="num">{counts.values[i] ?? 0}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
