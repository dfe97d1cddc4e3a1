import { describe, expect, it } from '@jest/globals';
import { act, screen, waitFor, within } from '@testing-library/react';
import type { SatisfactionReport } from '@switchboard/contracts';
import { mockApi } from '../../../test-support/api-mock';
import { renderWithProviders } from '../../../test-support/render';
import { SatisfactionTiles } from '../components/SatisfactionTiles';

const figures = (csat: number, satisfied: number) => ({
  csat: { answered: csat, satisfied, satisfiedShare: csat ? satisfied / csat : null, responseRate: 0.8333 },
  nps: { answered: 6, promoters: 3, detractors: 2, score: 16.7 },
  ces: { answered: 4, average: 4.5 },
});

function report(csat: number, satisfied: number): SatisfactionReport {
  return {
    range: { from: '2026-06-01T00:00:00.000Z', to: '2026-06-08T00:00:00.000Z' },
    groupBy: 'team',
    ...figures(csat, satisfied),
    groups: [{ key: 't1', label: 'Billing', ...figures(csat, satisfied) }],
  };
}

describe('satisfaction tiles', () => {
  it('shows CSAT share, response rate, NPS and CES, and follows a refetch', async () => {
    let current = report(5, 3);
    const calls = mockApi([['GET', /\/api\/reports\/satisfaction\?/, () => ({ body: current })]]);
    const { queryClient } = renderWithProviders(
      <SatisfactionTiles filters={{ period: '7d', teamId: 't1' }} />,
    );
    await screen.findByTestId('tile-csat');
    expect(within(screen.getByTestId('tile-csat')).getByText('60 %')).toBeTruthy();
    expect(within(screen.getByTestId('tile-csat')).getByText('3 of 5 rated 4–5')).toBeTruthy();
    expect(within(screen.getByTestId('tile-response-rate')).getByText('83.3 %')).toBeTruthy();
    expect(within(screen.getByTestId('tile-nps')).getByText('+16.7')).toBeTruthy();
    expect(within(screen.getByTestId('tile-ces')).getByText('4.5')).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Satisfaction by team' }).textContent).toContain('Billing');
    const url = new URL(calls[0].url, 'http://x');
    expect(url.searchParams.get('groupBy')).toBe('team');
    expect(url.searchParams.get('teamId')).toBe('t1');
    expect(Date.parse(url.searchParams.get('to')!) - Date.parse(url.searchParams.get('from')!)).toBe(
      7 * 86_400_000,
    );

    // A new answer arrives: the dashboard's live refresh invalidates its report keys.
    current = report(6, 3);
    await act(() => queryClient.invalidateQueries({ queryKey: ['supervisor'] }));
    await waitFor(() => expect(within(screen.getByTestId('tile-csat')).getByText('50 %')).toBeTruthy());
  });
});
