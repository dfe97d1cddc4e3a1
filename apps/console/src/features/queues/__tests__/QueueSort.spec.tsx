import { describe, expect, it } from '@jest/globals';
import { useState } from 'react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeTicket, renderWithProviders } from '../../../test-support/render';
import { mockApi } from '../../../test-support/api-mock';
import { DEFAULT_FILTERS, type TicketFilters } from '../../../lib/ticket-filters';
import { QueuePane } from '../components/QueuePane';
import { sortTickets } from '../lib/ticket-order';

function Pane() {
  const [filters, setFilters] = useState<TicketFilters>(DEFAULT_FILTERS);
  return (
    <QueuePane
      filters={filters}
      onFiltersChange={setFilters}
      openTicketId={null}
      onOpen={() => undefined}
      teams={[]}
      nameOf={() => ''}
      unread={new Set()}
    />
  );
}

const sla = (dueAt: string | null) => ({
  firstResponseDueAt: dueAt,
  resolutionDueAt: null,
  breachedAt: null,
  dueAt,
});

describe('queue sorted by time to breach', () => {
  it('asks the API for sort=due and lists the soonest breach first, tickets without a clock last', async () => {
    const items = [
      makeTicket({ id: 'a', number: 1, subject: 'No clock', sla: sla(null) }),
      makeTicket({ id: 'b', number: 2, subject: 'Due later', sla: sla('2026-11-20T12:00:00Z') }),
      makeTicket({ id: 'c', number: 3, subject: 'Due soon', sla: sla('2026-11-20T10:00:00Z') }),
    ];
    const calls = mockApi([['GET', /^\/api\/tickets\?/, { body: { items, nextCursor: null } }]]);
    renderWithProviders(<Pane />);
    await screen.findByText('No clock');
    await userEvent.selectOptions(screen.getByLabelText('Sort'), 'due');
    await waitFor(() => expect(new URL(calls.at(-1)!.url, 'http://x').searchParams.get('sort')).toBe('due'));
    await waitFor(() =>
      expect(screen.getAllByTestId('ticket-row').map((r) => r.textContent?.match(/#\d+/)?.[0])).toEqual([
        '#3',
        '#2',
        '#1',
      ]),
    );
  });

  it('sorts by last activity like the server, or by time to breach', () => {
    const items = [
      makeTicket({ id: 'a', sla: sla(null), updatedAt: '2026-11-20T09:00:00Z' }),
      makeTicket({ id: 'b', sla: sla('2026-11-20T10:00:00Z'), updatedAt: '2026-11-20T08:00:00Z' }),
    ];
    expect(sortTickets(items, undefined).map((t) => t.id)).toEqual(['a', 'b']);
    expect(sortTickets(items, 'due').map((t) => t.id)).toEqual(['b', 'a']);
  });
});
