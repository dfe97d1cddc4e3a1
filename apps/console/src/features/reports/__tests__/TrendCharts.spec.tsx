import { describe, expect, it, jest } from '@jest/globals';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SatisfactionReport } from '@switchboard/contracts';
import { mockApi } from '../../../test-support/api-mock';
import { renderWithProviders } from '../../../test-support/render';
import { TrendCharts } from '../components/TrendCharts';
import { dayKey, trendRange } from '../lib/trend-days';

const today = dayKey(new Date());
const now = new Date();
const yesterday = dayKey(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1));

const day = (key: string, csat: number, satisfied: number, nps: number | null, ces: number | null) => ({
  key,
  label: key,
  csat: { answered: csat, satisfied, satisfiedShare: csat ? satisfied / csat : null, responseRate: null },
  nps: { answered: nps === null ? 0 : 1, promoters: 0, detractors: 0, score: nps },
  ces: { answered: ces === null ? 0 : 1, average: ces },
});

const satisfaction = (groups: SatisfactionReport['groups']): SatisfactionReport => ({
  range: { from: '', to: '' },
  groupBy: 'day',
  csat: { answered: 0, satisfied: 0, satisfiedShare: null, responseRate: null },
  nps: { answered: 0, promoters: 0, detractors: 0, score: null },
  ces: { answered: 0, average: null },
  groups,
});

const times = {
  rows: [
    {
      key: yesterday,
      firstResponse: { count: 4, businessMedianSeconds: 1_800, businessP90Seconds: 5_400 },
      resolution: { count: 3, businessMedianSeconds: 7_200, businessP90Seconds: 28_800 },
    },
  ],
};

/** The row of today's point in a chart's data table: [day, value…, count]. */
const todayRow = (chart: string) =>
  Array.from(within(screen.getByTestId(chart)).getByTestId('trend-today').querySelectorAll('th, td')).map(
    (c) => c.textContent,
  );

describe('trend charts', () => {
  it('draws a point per day for CSAT, NPS, CES and business-hours p50/p90, with the numbers in tables', async () => {
    const calls = mockApi([
      [
        'GET',
        /\/api\/reports\/satisfaction\?/,
        { body: satisfaction([day(yesterday, 4, 3, 50, 2.5), day(today, 2, 1, -20, 6)]) },
      ],
      ['GET', /\/api\/reports\/response-times\?/, { body: times }],
    ]);
    renderWithProviders(<TrendCharts teamId="t1" />);
    await waitFor(() => expect(todayRow('trend-csat').slice(1)).toEqual(['50 %', '2']));
    expect(todayRow('trend-nps').slice(1)).toEqual(['-20', '1']);
    expect(todayRow('trend-ces').slice(1)).toEqual(['6', '1']);
    // No ticket opened today: no value, and no zero pretending to be one.
    expect(todayRow('trend-first-response').slice(1)).toEqual(['–', '–', '0']);
    const firstResponse = within(screen.getByTestId('trend-first-response')).getByRole('table');
    expect(firstResponse.textContent).toContain('30'); // 1800 s = 30 min median yesterday
    expect(firstResponse.textContent).toContain('90'); // p90 5400 s = 90 min
    const resolution = within(screen.getByTestId('trend-resolution')).getByRole('table');
    expect(resolution.textContent).toContain('2'); // 7200 s = 2 h
    expect(resolution.textContent).toContain('8'); // 28800 s = 8 h
    // The chart itself names today's value for screen readers.
    expect(within(screen.getByTestId('trend-csat')).getByRole('img').getAttribute('aria-label')).toMatch(
      /over 30 days\. Today: Satisfied 50 %/,
    );
    expect(within(screen.getByTestId('trend-csat')).getAllByRole('row')).toHaveLength(1 + 30);

    const sat = new URL(calls.find((c) => c.url.includes('satisfaction'))!.url, 'http://x');
    expect(sat.searchParams.get('groupBy')).toBe('day');
    expect(sat.searchParams.get('teamId')).toBe('t1');
    expect(sat.searchParams.get('from')).toBe(trendRange(30).from);
    const rt = new URL(calls.find((c) => c.url.includes('response-times'))!.url, 'http://x');
    expect(rt.searchParams.get('groupBy')).toBe('day');
    expect(rt.searchParams.get('from')).toBe(trendRange(30).from);
  });

  it('follows a live refresh: a new answer moves today’s point; another period asks for its days', async () => {
    let groups = [day(today, 1, 1, null, null)];
    const calls = mockApi([
      ['GET', /\/api\/reports\/satisfaction\?/, () => ({ body: satisfaction(groups) })],
      ['GET', /\/api\/reports\/response-times\?/, { body: { rows: [] } }],
    ]);
    const { queryClient } = renderWithProviders(<TrendCharts />);
    await waitFor(() => expect(todayRow('trend-csat').slice(1)).toEqual(['100 %', '1']));
    groups = [day(today, 2, 1, null, null)];
    // What the supervisor dashboard does on a ticket event (a survey answer is one).
    await act(() => queryClient.invalidateQueries({ queryKey: ['supervisor'] }));
    await waitFor(() => expect(todayRow('trend-csat').slice(1)).toEqual(['50 %', '2']));

    await userEvent.selectOptions(screen.getByLabelText('Trend period'), '7');
    await waitFor(() => expect(within(screen.getByTestId('trend-csat')).getAllByRole('row')).toHaveLength(8));
    const last = new URL(calls.filter((c) => c.url.includes('satisfaction')).at(-1)!.url, 'http://x');
    expect(last.searchParams.get('from')).toBe(trendRange(7).from);
  });

  it('exports the daily figures as CSV', async () => {
    const calls = mockApi([
      ['GET', /\/api\/reports\/satisfaction\?.*format=csv/, { body: 'key,label\r\n' }],
      ['GET', /\/api\/reports\/response-times\?.*format=csv/, { body: 'key,label\r\n' }],
      ['GET', /\/api\/reports\/satisfaction\?/, { body: satisfaction([]) }],
      ['GET', /\/api\/reports\/response-times\?/, { body: { rows: [] } }],
    ]);
    Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:csv'), revokeObjectURL: jest.fn() });
    const saved: string[] = [];
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    renderWithProviders(<TrendCharts />);
    await userEvent.click(screen.getByRole('button', { name: 'Export daily satisfaction (CSV)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Export daily response times (CSV)' }));
    await waitFor(() =>
      expect(saved).toEqual(['satisfaction-by-day-30d.csv', 'response-times-by-day-30d.csv']),
    );
    expect(calls.filter((c) => c.url.includes('format=csv')).map((c) => c.url.split('?')[0])).toEqual([
      '/api/reports/satisfaction',
      '/api/reports/response-times',
    ]);
  });
});

describe('trend days', () => {
  it('are calendar days ending today, also across a daylight-saving change', () => {
    // 2026-03-29 is the spring change in Europe; any zone the test runs in still has whole days.
    const range = trendRange(7, new Date(2026, 3, 2, 15, 0));
    expect(range.days).toEqual([
      '2026-03-27',
      '2026-03-28',
      '2026-03-29',
      '2026-03-30',
      '2026-03-31',
      '2026-04-01',
      '2026-04-02',
    ]);
    expect(new Date(range.from).getHours()).toBe(0);
    expect(dayKey(new Date(range.from))).toBe('2026-03-27');
  });
});
