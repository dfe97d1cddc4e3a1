import { describe, expect, it } from '@jest/globals';
import { act, screen, waitFor } from '@testing-library/react';
import type { SurveyResponseView } from '@switchboard/contracts';
import { queryKeys } from '../../../lib/query-keys';
import { mockApi } from '../../../test-support/api-mock';
import { renderWithProviders } from '../../../test-support/render';
import { TicketSatisfaction } from '../components/TicketSatisfaction';

const answer = (score: number, comment: string | null): SurveyResponseView => ({
  id: 's1',
  ticketId: 't1',
  ticketNumber: 1042,
  kind: 'csat',
  score,
  comment,
  channel: 'email',
  agent: { id: 'u1', name: 'Sam Solver' },
  answeredAt: '2026-12-05T10:00:00.000Z',
});

describe('the score in the ticket header', () => {
  it('shows nothing before an answer, then "Rated 2/5: still broken" for the solving agent when a live change arrives', async () => {
    let items: SurveyResponseView[] = [];
    const calls = mockApi([['GET', /\/api\/tickets\/t1\/surveys$/, () => ({ body: { items } })]]);
    const { queryClient } = renderWithProviders(<TicketSatisfaction ticketId="t1" />);
    await waitFor(() =>
      expect(queryClient.getQueryState([...queryKeys.timeline('t1'), 'surveys'])?.status).toBe('success'),
    );
    expect(calls).toHaveLength(1);
    expect(screen.queryByLabelText('Customer satisfaction')).toBeNull();

    // The answer comes in: the live ticket.updated refetches the timeline, and the header with it.
    items = [answer(2, 'still broken')];
    await act(() => queryClient.invalidateQueries({ queryKey: queryKeys.timeline('t1') }));
    const badge = await screen.findByText(/Rated 2\/5: still broken/);
    expect(badge.textContent).toBe('Rated 2/5: still broken · for Sam Solver');
    expect(badge.className).toContain('survey-unhappy');

    items = [answer(5, null)];
    await act(() => queryClient.invalidateQueries({ queryKey: queryKeys.timeline('t1') }));
    expect((await screen.findByText(/Rated 5\/5/)).className).not.toContain('survey-unhappy');
  });
});

describe('a survey answer on the timeline', () => {
  it('names the agent the score counts for, and CES/NPS out of their own scales', async () => {
    const { Timeline } = await import('../../tickets/components/Timeline');
    const event = (id: string, data: Record<string, unknown>) => ({
      type: 'event' as const,
      id,
      createdAt: '2026-12-05T10:00:00.000Z',
      event: {
        id,
        ticketId: 't1',
        type: 'survey' as const,
        actorId: null,
        data,
        createdAt: '2026-12-05T10:00:00.000Z',
      },
    });
    mockApi([]);
    renderWithProviders(
      <Timeline
        nameOf={() => 'Someone'}
        contactName="Dana"
        entries={[
          event('e1', {
            kind: 'csat',
            score: 2,
            comment: 'still broken',
            channel: 'email',
            agentName: 'Sam Solver',
          }),
          event('e2', { kind: 'ces', score: 6, comment: null, channel: 'email', agentName: 'Sam Solver' }),
        ]}
      />,
    );
    const [csat, ces] = screen.getAllByRole('article', { name: 'Survey answer from Dana' });
    expect(csat.textContent).toContain('Dana rated the conversation 2/5 in Email');
    expect(csat.textContent).toContain('for Sam Solver');
    expect(csat.textContent).toContain('still broken');
    expect(ces.textContent).toContain('CES 6/7');
  });
});
