import { describe, expect, it } from '@jest/globals';
import { useState } from 'react';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TicketView } from '@switchboard/contracts';
import { agent, makeTicket, renderWithProviders } from '../../../test-support/render';
import { mockApi, type Call } from '../../../test-support/api-mock';
import { DEFAULT_FILTERS, listParams, matchesList, type TicketFilters } from '../../../lib/ticket-filters';
import { QueuePane } from '../components/QueuePane';
import { QueueSidebar } from '../components/QueueSidebar';
import { TicketList } from '../components/TicketList';

const teams = [{ id: agent.teamIds[0], name: 'Billing' }];

function Pane({ onOpen = () => undefined }: { onOpen?: (t: TicketView) => void }) {
  const [filters, setFilters] = useState<TicketFilters>(DEFAULT_FILTERS);
  return (
    <QueuePane
      filters={filters}
      onFiltersChange={setFilters}
      openTicketId={null}
      onOpen={onOpen}
      teams={teams}
      nameOf={() => 'Someone'}
      unread={new Set()}
    />
  );
}

const lastListQuery = (calls: Call[]) =>
  new URL(calls.filter((c) => c.url.startsWith('/api/tickets?')).at(-1)!.url, 'http://x').searchParams;

describe('ticket list', () => {
  it('keeps at most 100 row elements in the DOM with 10,000 tickets, also when scrolled', async () => {
    const tickets = Array.from({ length: 10_000 }, (_, i) => makeTicket({ id: `t-${i}`, number: i + 1 }));
    const props = {
      tickets,
      openTicketId: null,
      hasMore: false,
      loadingMore: false,
      onLoadMore: () => undefined,
      onActiveIndexChange: () => undefined,
      onOpen: () => undefined,
      assigneeName: () => '',
      unread: new Set<string>(),
    };
    renderWithProviders(<TicketList {...props} activeIndex={0} />);
    const rows = screen.getAllByTestId('ticket-row');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThanOrEqual(100);
    expect(screen.getByRole('grid').firstElementChild!.getAttribute('style')).toContain('height: 600000px');

    act(() => screen.getByRole('grid').scrollTo({ top: 7_500 * 60 }));
    await waitFor(() => expect(screen.getByText('#7501')).toBeTruthy());
    expect(screen.queryByText('#1')).toBeNull();
    expect(screen.getAllByTestId('ticket-row').length).toBeLessThanOrEqual(100);
    expect(screen.getByRole('grid').getAttribute('aria-rowcount')).toBe('10000');
  });
});

describe('queue filters', () => {
  function api() {
    return mockApi([
      [
        'GET',
        /^\/api\/tickets\?/,
        { body: { items: [makeTicket({ subject: 'Printer on fire' })], nextCursor: null } },
      ],
    ]);
  }

  it('starts with my active tickets', async () => {
    const calls = api();
    renderWithProviders(<Pane />);
    await screen.findByText('Printer on fire');
    const query = lastListQuery(calls);
    expect(query.get('assigneeId')).toBe('me');
    expect(query.get('status')).toBe('active');
    expect(calls[0].headers.Authorization).toBeUndefined();
  });

  it('sends status, channel, priority, team and tag filters to the API', async () => {
    const calls = api();
    renderWithProviders(<Pane />);
    await screen.findByText('Printer on fire');
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'pending');
    await userEvent.selectOptions(screen.getByLabelText('Channel'), 'SMS');
    await userEvent.selectOptions(screen.getByLabelText('Priority'), 'urgent');
    await userEvent.selectOptions(screen.getByLabelText('Team'), 'Billing');
    await userEvent.type(screen.getByLabelText('Tag'), 'refund{enter}');
    await waitFor(() => expect(lastListQuery(calls).get('tag')).toBe('refund'));
    const query = lastListQuery(calls);
    expect(query.get('status')).toBe('pending');
    expect(query.get('channel')).toBe('twilio_sms');
    expect(query.get('priority')).toBe('urgent');
    expect(query.get('teamId')).toBe(teams[0].id);
  });

  it.each([
    ['#1042', '1042'],
    ['kettle lid', 'kettle lid'],
  ])('searches "%s" as q=%s through the search API', async (typed, q) => {
    const calls = api();
    renderWithProviders(<Pane />);
    await screen.findByText('Printer on fire');
    await userEvent.type(screen.getByLabelText('Search tickets by text or #number'), `${typed}{enter}`);
    await waitFor(() =>
      expect(
        calls
          .filter((c) => c.url.startsWith('/api/search?'))
          .map((c) => new URL(c.url, 'http://x').searchParams.get('q')),
      ).toEqual([q]),
    );
    // The queue list is not asked again with the text: search results take its place.
    expect(calls.filter((c) => c.url.startsWith('/api/tickets?') && c.url.includes('q='))).toEqual([]);
  });

  it('moves with j/k and opens with Enter', async () => {
    mockApi([
      [
        'GET',
        /^\/api\/tickets\?/,
        {
          body: {
            items: [
              makeTicket({ subject: 'First', updatedAt: '2026-11-20T10:05:00.000Z' }),
              makeTicket({ subject: 'Second' }),
            ],
            nextCursor: null,
          },
        },
      ],
    ]);
    const opened: string[] = [];
    renderWithProviders(<Pane onOpen={(t) => opened.push(t.subject)} />);
    await screen.findByText('Second');
    await userEvent.keyboard('j');
    await userEvent.keyboard('{Enter}');
    expect(opened).toEqual(['Second']);
    await userEvent.keyboard('k{Enter}');
    expect(opened).toEqual(['Second', 'First']);
  });
});

describe('queue sidebar', () => {
  it('shows Mine, Unassigned and my teams to an agent, with counts from list pages when the API has no counts', async () => {
    mockApi([
      [
        'GET',
        /\/api\/queues\/counts/,
        {
          status: 404,
          body: { statusCode: 404, error: 'Not Found', message: 'Cannot GET /api/queues/counts' },
        },
      ],
      ['GET', /assigneeId=me/, { body: { items: [makeTicket(), makeTicket()], nextCursor: null } }],
      ['GET', /assigneeId=none/, { body: { items: [makeTicket()], nextCursor: 'next' } }],
      ['GET', /teamId=/, { body: { items: [], nextCursor: null } }],
    ]);
    renderWithProviders(
      <QueueSidebar me={agent} active="mine" onSelect={() => undefined} teamName={() => 'Billing'} />,
    );
    const nav = screen.getByRole('navigation', { name: 'Queues' });
    expect(within(nav).queryByRole('button', { name: /^All/ })).toBeNull();
    expect((await screen.findByTestId('count-mine')).textContent).toBe('2');
    expect((await screen.findByTestId('count-unassigned')).textContent).toBe('1+');
    expect(within(nav).getByRole('button', { name: /^Billing/ })).toBeTruthy();
  });

  it('adds All for supervisors and uses the counts endpoint when present', async () => {
    mockApi([['GET', /\/api\/queues\/counts/, { body: { mine: 3, unassigned: 9, all: 120, teams: {} } }]]);
    renderWithProviders(
      <QueueSidebar
        me={{ ...agent, role: 'supervisor', teamIds: [] }}
        active="all"
        onSelect={() => undefined}
        teamName={() => ''}
      />,
    );
    expect((await screen.findByTestId('count-all')).textContent).toBe('120');
    expect(screen.getByRole('button', { name: /^All/ }).getAttribute('aria-current')).toBe('page');
  });
});

describe('which live tickets belong in a list', () => {
  const me = { id: agent.id };
  it.each<[string, Partial<TicketView>, TicketFilters, boolean | undefined]>([
    ['mine, assigned to me', { assigneeId: agent.id }, { queue: 'mine', status: 'active' }, true],
    ['mine, assigned to someone else', { assigneeId: 'other' }, { queue: 'mine', status: 'active' }, false],
    ['unassigned', { assigneeId: null }, { queue: 'unassigned', status: 'active' }, true],
    ['active excludes solved', { status: 'solved' }, { queue: 'all', status: 'active' }, false],
    ['channel filter', { channel: 'sms' }, { queue: 'all', status: 'any', channel: 'email' }, false],
    ['tag filter', { tags: ['vip'] }, { queue: 'all', status: 'any', tag: 'vip' }, true],
    ['text search is left to the server', {}, { queue: 'all', status: 'any', q: 'kettle' }, undefined],
    ['a ticket a bot still holds is in no queue', { botId: 'bot-1' }, { queue: 'all', status: 'any' }, false],
  ])('%s', (_name, ticket, filters, expected) => {
    expect(matchesList(makeTicket(ticket), listParams(filters), me)).toBe(expected);
  });
});
