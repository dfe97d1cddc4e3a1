import { describe, expect, it } from '@jest/globals';
import { useState } from 'react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TicketView } from '@switchboard/contracts';
import { agent, makeTicket, renderWithProviders } from '../../../test-support/render';
import { mockApi } from '../../../test-support/api-mock';
import { DEFAULT_FILTERS, type TicketFilters } from '../../../lib/ticket-filters';
import { QueuePane } from '../components/QueuePane';

function Pane() {
  const [filters, setFilters] = useState<TicketFilters>({ ...DEFAULT_FILTERS, queue: 'unassigned' });
  return (
    <QueuePane
      filters={filters}
      onFiltersChange={setFilters}
      openTicketId={null}
      onOpen={() => undefined}
      teams={[]}
      nameOf={() => 'Ana Agent'}
      unread={new Set()}
    />
  );
}

const tickets: TicketView[] = [
  makeTicket({
    id: 'a0000000-0000-4000-8000-000000000001',
    number: 1,
    subject: 'Blender broken',
    tags: ['vip'],
  }),
  makeTicket({ id: 'a0000000-0000-4000-8000-000000000002', number: 2, subject: 'Refund please' }),
  makeTicket({ id: 'a0000000-0000-4000-8000-000000000003', number: 3, subject: 'Wrong colour' }),
];

function api(fail: string[] = []) {
  return mockApi([
    ['GET', /^\/api\/tickets\?/, { body: { items: tickets, nextCursor: null } }],
    [
      'PATCH',
      /^\/api\/tickets\//,
      (call) => {
        const id = call.url.split('/').pop()!;
        if (fail.includes(id))
          return {
            status: 409,
            body: { statusCode: 409, error: 'Conflict', message: 'a closed ticket cannot become open' },
          };
        return { body: { ...tickets.find((t) => t.id === id)!, ...(call.body as object) } };
      },
    ],
  ]);
}

describe('bulk actions from the queue', () => {
  it('assigns every ticked ticket to me with one PATCH each, and they leave the unassigned queue', async () => {
    const calls = api();
    renderWithProviders(<Pane />);
    await screen.findByText('Blender broken');
    await userEvent.click(screen.getByLabelText('Select #1'));
    await userEvent.click(screen.getByLabelText('Select #3'));
    const bar = screen.getByRole('toolbar', { name: 'Bulk actions' });
    expect(within(bar).getByText('2 selected')).toBeTruthy();
    await userEvent.click(within(bar).getByRole('button', { name: 'Assign to me' }));
    await within(bar).findByText('Assign to me: 2 updated.');
    const patches = calls.filter((c) => c.method === 'PATCH');
    expect(patches.map((c) => c.url).sort()).toEqual([
      `/api/tickets/${tickets[0].id}`,
      `/api/tickets/${tickets[2].id}`,
    ]);
    expect(patches.every((c) => (c.body as { assigneeId: string }).assigneeId === agent.id)).toBe(true);
    await waitFor(() => expect(screen.queryByText('Blender broken')).toBeNull());
    expect(screen.getByText('Refund please')).toBeTruthy();
  });

  it('adds a tag while keeping each ticket’s own tags', async () => {
    const calls = api();
    renderWithProviders(<Pane />);
    await screen.findByText('Blender broken');
    await userEvent.click(screen.getByLabelText('Select #1'));
    await userEvent.click(screen.getByLabelText('Select #2'));
    await userEvent.type(screen.getByLabelText('Tag for selected'), 'damaged');
    await userEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    await screen.findByText('Tag "damaged": 2 updated.');
    const bodies = Object.fromEntries(
      calls.filter((c) => c.method === 'PATCH').map((c) => [c.url.split('/').pop(), c.body]),
    );
    expect(bodies[tickets[0].id]).toEqual({ tags: ['vip', 'damaged'] });
    expect(bodies[tickets[1].id]).toEqual({ tags: ['damaged'] });
  });

  it('sets a status and says which tickets failed and why, keeping them selected', async () => {
    const calls = api([tickets[1].id]);
    renderWithProviders(<Pane />);
    await screen.findByText('Blender broken');
    await userEvent.click(screen.getByLabelText('Select #1'));
    await userEvent.click(screen.getByLabelText('Select #2'));
    await userEvent.selectOptions(screen.getByLabelText('Set status of selected'), 'solved');
    await screen.findByText('Status solved: 1 updated, 1 failed — a closed ticket cannot become open');
    expect(
      calls
        .filter((c) => c.method === 'PATCH')
        .every((c) => (c.body as { status: string }).status === 'solved'),
    ).toBe(true);
    expect((screen.getByLabelText('Select #2') as HTMLInputElement).checked).toBe(true);
  });
});
