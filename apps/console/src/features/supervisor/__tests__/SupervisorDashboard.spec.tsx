import { describe, expect, it, jest } from '@jest/globals';
import { act, screen, within } from '@testing-library/react';
import type { SlaSummaryView, UserView } from '@switchboard/contracts';
import { renderWithProviders } from '../../../test-support/render';
import { SummaryTiles } from '../components/SummaryTiles';
import { AtRiskList } from '../components/AtRiskList';
import { slaState } from '../../sla/components/SlaCountdown';
import SupervisorDashboard from '../components/SupervisorDashboard';

const supervisor: UserView = {
  id: '00000000-0000-4000-8000-000000000009',
  email: 'sue@example.com',
  name: 'Sue Supervisor',
  role: 'supervisor',
  teamIds: [],
};

function summary(over: Partial<SlaSummaryView['totals']> = {}): SlaSummaryView {
  const totals = { open: 12, unassigned: 3, onTrack: 7, atRisk: 2, breached: 1, ...over };
  return {
    generatedAt: '2026-11-20T10:00:00.000Z',
    totals,
    byTeam: [{ teamId: 't1', teamName: 'Billing', ...totals }],
    byChannel: [{ channel: 'email', ...totals }],
    atRisk: [],
    agents: [],
  };
}

describe('supervisor dashboard tiles', () => {
  it('shows open, unassigned, at-risk and breached counts, and updates when the summary changes', () => {
    const { rerender } = renderWithProviders(<SummaryTiles summary={summary()} teamName={() => 'Team'} />);
    expect(within(screen.getByTestId('tile-open')).getByText('12')).toBeTruthy();
    expect(within(screen.getByTestId('tile-unassigned')).getByText('3')).toBeTruthy();
    expect(within(screen.getByTestId('tile-atRisk')).getByText('2')).toBeTruthy();
    expect(within(screen.getByTestId('tile-breached')).getByText('1')).toBeTruthy();
    expect(screen.getByRole('table', { name: 'By team' }).textContent).toContain('Billing');
    rerender(<SummaryTiles summary={summary({ atRisk: 1, breached: 2 })} teamName={() => 'Team'} />);
    expect(within(screen.getByTestId('tile-breached')).getByText('2')).toBeTruthy();
  });

  it('counts down at-risk tickets every second and marks them breached once due', () => {
    jest.useFakeTimers({ now: Date.parse('2026-11-20T10:00:00Z') });
    try {
      const items = [
        {
          ticketId: 'a',
          number: 1042,
          subject: 'Refund',
          teamId: null,
          channel: 'email',
          assigneeId: null,
          priority: 'high',
          dueAt: '2026-11-20T10:00:02Z',
          atRiskAt: '2026-11-20T09:59:00Z',
          breached: false,
        },
      ];
      renderWithProviders(<AtRiskList items={items} onOpen={() => undefined} />);
      expect(screen.getByTestId('at-risk-row').textContent).toContain('due in 0:02');
      act(() => jest.advanceTimersByTime(3000));
      expect(screen.getByTestId('at-risk-row').textContent).toContain('breached');
    } finally {
      jest.useRealTimers();
    }
  });

  it('derives the badge state from the stored due and at-risk instants', () => {
    const now = Date.parse('2026-11-20T10:00:00Z');
    const sla = {
      firstResponseDueAt: '2026-11-20T10:30:00Z',
      resolutionDueAt: null,
      breachedAt: null,
      dueAt: '2026-11-20T10:30:00Z',
      atRiskAt: '2026-11-20T10:20:00Z',
    };
    expect(slaState(sla, now)?.state).toBe('on-track');
    expect(slaState(sla, Date.parse('2026-11-20T10:25:00Z'))?.state).toBe('at-risk');
    expect(slaState(sla, Date.parse('2026-11-20T10:31:00Z'))?.state).toBe('breached');
    expect(
      slaState(
        {
          firstResponseDueAt: null,
          resolutionDueAt: null,
          breachedAt: null,
          pausedSince: '2026-11-20T09:00:00Z',
        },
        now,
      )?.state,
    ).toBe('paused');
  });

  it('tells an agent the dashboard is not for them', () => {
    renderWithProviders(
      <SupervisorDashboard me={{ ...supervisor, role: 'agent' }} teams={[]} onOpenTicket={() => undefined} />,
    );
    expect(screen.getByRole('alert').textContent).toMatch(/supervisors and admins/);
  });
});
