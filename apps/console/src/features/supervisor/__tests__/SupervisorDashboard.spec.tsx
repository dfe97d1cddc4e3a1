import { describe, expect, it, jest } from '@jest/globals';
import { act, screen, within } from '@testing-library/react';
import type { SlaSummaryView, UserView } from '@switchboard/contracts';
import { renderWithProviders } from '../../../test-support/render';
import { SummaryTiles } from '../components/SummaryTiles';
import { NeedsAttention } from '../components/NeedsAttention';
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

  it('says how many open tickets have a running SLA, from the same counts as the other tiles', () => {
    const noPolicy = summary({ open: 4, unassigned: 4, onTrack: 0, atRisk: 0, breached: 0 });
    const { rerender } = renderWithProviders(<SummaryTiles summary={noPolicy} teamName={() => 'Team'} />);
    expect(screen.getByTestId('tile-open').textContent).toBe('Open4none with a running SLA');
    rerender(
      <SummaryTiles
        summary={summary({ open: 5, onTrack: 2, atRisk: 0, breached: 1 })}
        teamName={() => 'Team'}
      />,
    );
    expect(screen.getByTestId('tile-open').textContent).toBe('Open53 with a running SLA');
  });

  it('lists breached tickets under "Needs attention", counted as the tiles count them', () => {
    const breachedRow = (n: number) => ({
      ticketId: `b${n}`,
      number: 1000 + n,
      subject: `Late ${n}`,
      teamId: null,
      channel: 'email',
      assigneeId: null,
      priority: 'normal',
      dueAt: '2020-01-01T00:00:00Z',
      atRiskAt: '2019-12-31T23:00:00Z',
      breached: true,
    });
    const data = {
      ...summary({ open: 4, onTrack: 2, atRisk: 0, breached: 2 }),
      atRisk: [breachedRow(1), breachedRow(2)],
    };
    renderWithProviders(
      <>
        <SummaryTiles summary={data} teamName={() => 'Team'} />
        <NeedsAttention summary={data} onOpen={() => undefined} />
      </>,
    );
    const tile = (key: string) =>
      Number(within(screen.getByTestId(`tile-${key}`)).getByText(/^\d+$/).textContent);
    const heading = screen.getByRole('heading', { name: /^Needs attention/ });
    expect(heading.textContent).toBe(`Needs attention ${tile('atRisk') + tile('breached')}`);
    expect(screen.getByTestId('needs-attention-split').textContent).toBe(
      `${tile('atRisk')} at risk · ${tile('breached')} breached`,
    );
    expect(screen.getAllByTestId('at-risk-row')).toHaveLength(2);
    expect(screen.queryByRole('heading', { name: /^At risk/ })).toBeNull();
  });

  it('names channels as people say them, in the list and the by-channel table', () => {
    const row = {
      ticketId: 'w1',
      number: 77,
      subject: 'Where is my parcel?',
      teamId: null,
      channel: 'web_chat',
      assigneeId: null,
      priority: 'normal',
      dueAt: '2099-01-01T00:00:00Z',
      atRiskAt: '2098-12-31T23:00:00Z',
      breached: false,
    };
    const data = { ...summary(), byChannel: [{ channel: 'twilio_sms', ...summary().totals }] };
    renderWithProviders(
      <>
        <SummaryTiles summary={data} teamName={() => 'Team'} />
        <AtRiskList items={[row]} onOpen={() => undefined} />
      </>,
    );
    expect(screen.getByTestId('at-risk-row').textContent).toContain('Web chat');
    expect(screen.getByTestId('at-risk-row').textContent).not.toContain('web_chat');
    const byChannel = screen.getByRole('table', { name: 'By channel' }).textContent;
    expect(byChannel).toContain('SMS');
    expect(byChannel).not.toContain('twilio_sms');
  });

  it('tells an agent the dashboard is not for them', () => {
    renderWithProviders(
      <SupervisorDashboard me={{ ...supervisor, role: 'agent' }} teams={[]} onOpenTicket={() => undefined} />,
    );
    expect(screen.getByRole('alert').textContent).toMatch(/supervisors and admins/);
  });
});
