import { describe, expect, it, jest } from '@jest/globals';
import { useState } from 'react';
import { act, screen, waitFor } from '@testing-library/react';
import type { InfiniteData } from '@tanstack/react-query';
import type { Socket } from 'socket.io-client';
import type { Page, TicketView } from '@switchboard/contracts';
import { FakeSocket } from '../../../test-support/fake-socket';
import { mockApi } from '../../../test-support/api-mock';
import { agent, makeQueryClient, makeTicket, renderWithProviders } from '../../../test-support/render';
import { LiveUpdates } from '../../../lib/live';
import { queryKeys } from '../../../lib/query-keys';
import { patchTicket } from '../../../lib/ticket-cache';
import { DEFAULT_FILTERS, listParams, type TicketFilters } from '../../../lib/ticket-filters';
import { QueuePane } from '../components/QueuePane';

type ListData = InfiniteData<Page<TicketView>, string | null>;
const unassigned = listParams({ queue: 'unassigned', status: 'active' });
const mine = listParams({ queue: 'mine', status: 'active' });

function live(changed: TicketView[] = []) {
  const queryClient = makeQueryClient();
  const socket = new FakeSocket();
  const fetchChangedSince = jest.fn(async (_since: string) => changed);
  const updates = new LiveUpdates({
    queryClient,
    me: agent,
    token: 't',
    connect: () => socket as unknown as Socket,
    fetchChangedSince,
    resyncDelayMs: 0,
  });
  updates.start();
  return { queryClient, socket, fetchChangedSince };
}

function seed(queryClient: ReturnType<typeof makeQueryClient>, params: object, items: TicketView[]) {
  queryClient.setQueryData<ListData>(queryKeys.ticketList(params as never), {
    pages: [{ items, nextCursor: null }],
    pageParams: [null],
  });
}

const subjects = (queryClient: ReturnType<typeof makeQueryClient>, params: object) =>
  queryClient
    .getQueryData<ListData>(queryKeys.ticketList(params as never))!
    .pages.flatMap((p) => p.items.map((t) => t.subject));

const flush = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('lists and counts kept live', () => {
  it('moves a held ticket from Unassigned to Mine when the update names its new assignee', () => {
    const { queryClient, socket } = live();
    const held = makeTicket({ subject: 'Held', seq: 2 });
    seed(queryClient, unassigned, [held, makeTicket({ subject: 'Waiting' })]);
    seed(queryClient, mine, []);
    socket.fire('ticket.updated', {
      ticketId: held.id,
      seq: 3,
      changes: { status: 'on_hold', assigneeId: agent.id, teamId: null, updatedAt: '2026-11-20T11:00:00Z' },
    });
    expect(subjects(queryClient, unassigned)).toEqual(['Waiting']);
    expect(subjects(queryClient, mine)).toEqual(['Held']);
  });

  it('asks what changed on the first connect too, so a ticket that arrived meanwhile is in list and count', async () => {
    const arrived = makeTicket({ subject: 'Arrived before the socket', seq: 1 });
    const { queryClient, socket, fetchChangedSince } = live([arrived]);
    seed(queryClient, unassigned, [makeTicket({ subject: 'Loaded' })]);
    queryClient.setQueryData([...queryKeys.queueCounts(), 'endpoint'], { unassigned: 1 });
    socket.fire('connect');
    await flush();
    expect(fetchChangedSince).toHaveBeenCalledTimes(1);
    expect(subjects(queryClient, unassigned)).toEqual(['Arrived before the socket', 'Loaded']);
    expect(queryClient.getQueryState([...queryKeys.queueCounts(), 'endpoint'])?.isInvalidated).toBe(true);
  });

  it('re-sorts a row whose last activity moved, by the same time its label shows', async () => {
    const older = makeTicket({ subject: 'Older', updatedAt: '2026-11-20T09:47:00Z' });
    const newer = makeTicket({ subject: 'Newer', updatedAt: '2026-11-20T09:50:00Z' });
    mockApi([['GET', /^\/api\/tickets\?/, { body: { items: [newer, older], nextCursor: null } }]]);
    function Pane() {
      const [filters, setFilters] = useState<TicketFilters>({ ...DEFAULT_FILTERS, queue: 'unassigned' });
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
    const { queryClient } = renderWithProviders(<Pane />);
    await screen.findByText('Older');
    const rows = () =>
      screen.getAllByTestId('ticket-row').map((r) => r.querySelector('.row-subject')?.textContent);
    expect(rows()).toEqual(['Newer', 'Older']);
    act(() => {
      patchTicket(queryClient, older.id, { updatedAt: new Date().toISOString() }, agent);
    });
    await waitFor(() => expect(rows()).toEqual(['Older', 'Newer']));
    expect(screen.getAllByTestId('ticket-row')[0].querySelector('.row-time')?.textContent).toBe('now');
  });
});
