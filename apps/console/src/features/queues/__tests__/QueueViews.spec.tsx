import { describe, expect, it } from '@jest/globals';
import { useState } from 'react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SavedViewView, TicketView } from '@switchboard/contracts';
import { agent, makeTicket, renderWithProviders } from '../../../test-support/render';
import { mockApi } from '../../../test-support/api-mock';
import { DEFAULT_FILTERS, listParams, type TicketFilters } from '../../../lib/ticket-filters';
import { filtersOfView } from '../api/saved-views-api';
import { QueuePane } from '../components/QueuePane';
import { QueueSidebar } from '../components/QueueSidebar';

const counts = { mine: 2, unassigned: 3, all: 5, teams: {}, pending: 4, onHold: 1, solved: 9, mentions: 2 };
const view: SavedViewView = {
  id: 'v1',
  name: 'Urgent email',
  shared: true,
  ownerId: 'someone',
  filters: { priority: 'urgent', channel: 'email', status: 'active', customFields: { plan: 'pro' } },
  sort: 'due',
  count: 7,
  editable: false,
};

describe('sidebar queues and saved views', () => {
  it.each([
    ['pending', { status: 'pending' }],
    ['on_hold', { status: 'on_hold' }],
    ['solved', { status: 'solved' }],
    ['mentions', { mentions: 'me', status: 'active' }],
  ] as const)('lists the %s queue with the filters its count uses', (queue, params) => {
    expect(listParams({ queue, status: 'active' })).toEqual(params);
  });

  it('shows Mentions, Pending, On hold, Solved and saved views with their counts; a view applies its filters, a custom field too', async () => {
    mockApi([
      ['GET', /\/api\/queues\/counts/, { body: counts }],
      ['GET', /^\/api\/views$/, { body: { items: [view] } }],
    ]);
    const chosen: TicketFilters[] = [];
    renderWithProviders(
      <QueueSidebar
        me={agent}
        active="mine"
        onSelect={() => undefined}
        teamName={() => 'Billing'}
        filters={DEFAULT_FILTERS}
        onSelectView={(v) => chosen.push(filtersOfView(v))}
      />,
    );
    expect((await screen.findByTestId('count-mentions')).textContent).toBe('2');
    expect(screen.getByTestId('count-pending').textContent).toBe('4');
    expect(screen.getByTestId('count-on_hold').textContent).toBe('1');
    expect(screen.getByTestId('count-solved').textContent).toBe('9');
    const views = within(await screen.findByRole('list', { name: 'Saved views' }));
    await userEvent.click(await views.findByRole('button', { name: /^Urgent email \(shared\)\s*7$/ }));
    // Someone else's shared view: usable, not deletable by an agent.
    expect(views.queryByRole('button', { name: /Actions for view/ })).toBeNull();
    expect(listParams(chosen[0])).toEqual({
      status: 'active',
      channel: 'email',
      priority: 'urgent',
      sort: 'due',
      'cf.plan': 'pro',
    });
  });

  it('saves the current queue and filters, a custom field too, as a personal view', async () => {
    const calls = mockApi([
      ['GET', /\/api\/queues\/counts/, { body: counts }],
      ['GET', /^\/api\/views$/, { body: { items: [] } }],
      ['POST', /^\/api\/views$/, { status: 201, body: { ...view, id: 'v2', shared: false, editable: true } }],
    ]);
    renderWithProviders(
      <QueueSidebar
        me={agent}
        active="mentions"
        onSelect={() => undefined}
        teamName={() => 'Billing'}
        filters={{
          queue: 'mentions',
          status: 'active',
          priority: 'high',
          customField: { key: 'plan', value: 'pro' },
        }}
        onSelectView={() => undefined}
      />,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Save as view…' }));
    // Agents may not share: no checkbox for it.
    expect(screen.queryByLabelText(/Share with everyone/)).toBeNull();
    await userEvent.type(screen.getByLabelText('View name'), 'My mentions');
    await userEvent.click(screen.getByRole('button', { name: 'Save view' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      name: 'My mentions',
      shared: false,
      filters: { mentions: 'me', status: 'active', priority: 'high', customFields: { plan: 'pro' } },
      sort: 'updated',
    });
  });
});

describe('select all and bulk changes', () => {
  const tickets: TicketView[] = [1, 2, 3].map((n) =>
    makeTicket({ id: `b000000${n}-0000-4000-8000-000000000000`, number: n, subject: `Case ${n}` }),
  );

  function Pane() {
    const [filters, setFilters] = useState<TicketFilters>({ ...DEFAULT_FILTERS, queue: 'unassigned' });
    return (
      <QueuePane
        filters={filters}
        onFiltersChange={setFilters}
        openTicketId={null}
        onOpen={() => undefined}
        teams={[{ id: 'team-1', name: 'Billing' }]}
        nameOf={() => ''}
        unread={new Set()}
      />
    );
  }

  it('selects every loaded row, sets their priority and keeps them selected for the next action', async () => {
    const calls = mockApi([
      ['GET', /^\/api\/tickets\?/, { body: { items: tickets, nextCursor: null } }],
      ['GET', /^\/api\/users/, { body: [agent, { ...agent, id: 'u-ben', name: 'Ben Colleague' }] }],
      ['GET', /^\/api\/teams/, { body: [{ id: 'team-1', name: 'Billing' }] }],
      [
        'PATCH',
        /^\/api\/tickets\//,
        (call) => ({ body: { ...tickets.find((t) => call.url.endsWith(t.id))!, ...(call.body as object) } }),
      ],
    ]);
    renderWithProviders(<Pane />);
    await screen.findByText('Case 1');
    await userEvent.click(screen.getByLabelText('Select all 3 loaded tickets'));
    const bar = within(screen.getByRole('toolbar', { name: 'Bulk actions' }));
    expect(bar.getByText('3 selected')).toBeTruthy();
    await userEvent.selectOptions(bar.getByLabelText('Set priority of selected'), 'urgent');
    await bar.findByText('Priority urgent: 3 updated.');
    expect(bar.getByText('3 selected')).toBeTruthy();

    await waitFor(() => expect(bar.getByRole('option', { name: 'Billing' })).toBeTruthy());
    await userEvent.selectOptions(bar.getByLabelText('Assign selected to'), 'team:team-1');
    await bar.findByText('Move to Billing: 3 updated.');
    const patches = calls.filter((c) => c.method === 'PATCH').map((c) => c.body);
    expect(patches).toEqual([
      ...tickets.map(() => ({ priority: 'urgent' })),
      ...tickets.map(() => ({ teamId: 'team-1' })),
    ]);
    await userEvent.selectOptions(bar.getByLabelText('Assign selected to'), 'agent:u-ben');
    await bar.findByText('Assign to Ben Colleague: 3 updated.');
    // Assigned away, they leave the Unassigned list and so the selection.
    await waitFor(() => expect(screen.queryByText('Case 1')).toBeNull());
  });
});
