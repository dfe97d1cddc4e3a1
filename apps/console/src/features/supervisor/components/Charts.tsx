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
        <g className="chart-grid" aria-hidden="true">
          {ticks.map((t) => (
            <g key={t}>
              <line
                x1={MARGIN.left}
                x2={VIEW_W - MARGIN.right}
                y1={y(t)}
                y2={y(t)}
                className={t === 0 ? 'chart-baseline' : 'chart-gridline'}
              />
              <text x={MARGIN.left - 6} y={y(t)} dy="0.35em" textAnchor="end" className="chart-tick">
                {t}
                {unit.trim() === '%' ? '%' : ''}
              </text>
            </g>
          ))}
        </g>
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
