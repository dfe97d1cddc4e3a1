import { describe, expect, it } from '@jest/globals';
import { useState } from 'react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TicketSearchHit, TicketView } from '@switchboard/contracts';
import { agent, makeTicket, renderWithProviders } from '../../../test-support/render';
import { mockApi } from '../../../test-support/api-mock';
import { DEFAULT_FILTERS, type TicketFilters } from '../../../lib/ticket-filters';
import { QueuePane } from '../../queues/components/QueuePane';
import { snippetParts } from '../lib/snippet-parts';

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

function hit(ticket: Partial<TicketView>, rest: Partial<TicketSearchHit> = {}): TicketSearchHit {
  return {
    ticket: makeTicket(ticket),
    snippet: '',
    matchedIn: 'message',
    messageMatches: 1,
    ...rest,
  };
}

const refund = hit(
  { id: 't-refund', number: 1042, subject: 'Money back', contact: { id: 'c-1', name: 'Jürgen Müller' } },
  {
    message: {
      id: 'm-1',
      kind: 'note',
      direction: 'out',
      authorName: 'Ana',
      createdAt: '2026-11-20T10:00:00.000Z',
    },
    snippet: 'Ask about the <mark>Rückerstattung</mark> &lt;img src=x onerror=alert(1)&gt; today',
    messageMatches: 3,
  },
);
const byPhone = hit(
  { id: 't-phone', number: 1043, subject: 'Parcel', channel: 'twilio_sms' },
  { matchedIn: 'contact', snippet: '+49<mark>17012345678</mark>', messageMatches: 0 },
);

describe('the search box', () => {
  it('shows results grouped by ticket with the snippet marked, never as HTML', async () => {
    const calls = mockApi([
      [
        'GET',
        /^\/api\/tickets\?/,
        { body: { items: [makeTicket({ subject: 'Printer on fire' })], nextCursor: null } },
      ],
      ['GET', /^\/api\/search\?/, { body: { items: [refund, byPhone], nextCursor: null } }],
    ]);
    const { container } = renderWithProviders(<Pane />);
    await screen.findByText('Printer on fire');
    await userEvent.type(screen.getByLabelText('Search tickets by text or #number'), 'ruckerstattung{enter}');

    const results = await screen.findByRole('list', { name: 'Search results' });
    const items = within(results).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(screen.getByRole('heading', { name: 'Search: “ruckerstattung”' })).toBeTruthy();
    expect(screen.queryByText('Printer on fire')).toBeNull();

    const first = within(items[0]);
    expect(first.getByText('#1042')).toBeTruthy();
    expect(first.getByText('Money back')).toBeTruthy();
    expect(first.getByText(/^Note by Ana/)).toBeTruthy();
    expect(first.getByText('and 2 more matching messages')).toBeTruthy();
    expect([...items[0].querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Rückerstattung']);
    expect(items[0].textContent).toContain('<img src=x onerror=alert(1)>');
    expect(container.querySelector('img')).toBeNull();

    const second = within(items[1]);
    expect(second.getByText('Contact')).toBeTruthy();
    expect([...items[1].querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['17012345678']);

    const query = new URL(calls.filter((c) => c.url.startsWith('/api/search?')).at(-1)!.url, 'http://x')
      .searchParams;
    expect(Object.fromEntries(query)).toEqual({ q: 'ruckerstattung', status: 'active', limit: '20' });
  });

  it('pages with the cursor, opens a result, and goes back to the queue when the box is cleared', async () => {
    const opened: string[] = [];
    const calls = mockApi([
      [
        'GET',
        /^\/api\/tickets\?/,
        { body: { items: [makeTicket({ subject: 'Printer on fire' })], nextCursor: null } },
      ],
      [
        'GET',
        /^\/api\/search\?/,
        (call) =>
          new URL(call.url, 'http://x').searchParams.get('cursor') === 'page-2'
            ? { body: { items: [byPhone], nextCursor: null } }
            : { body: { items: [refund], nextCursor: 'page-2' } },
      ],
    ]);
    renderWithProviders(<Pane onOpen={(ticket) => opened.push(ticket.id)} />);
    await screen.findByText('Printer on fire');
    const box = screen.getByLabelText('Search tickets by text or #number');
    await userEvent.type(box, 'parcel{enter}');
    await screen.findByText('Money back');
    expect(screen.getByText('1+ tickets')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'More results' }));
    await screen.findByText('Parcel');
    expect(screen.getByText('2 tickets')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'More results' })).toBeNull();

    await userEvent.click(screen.getByText('Parcel'));
    expect(opened).toEqual(['t-phone']);

    await userEvent.clear(box);
    await screen.findByText('Printer on fire');
    expect(screen.queryByRole('list', { name: 'Search results' })).toBeNull();
    expect(calls.filter((c) => c.url.startsWith('/api/search?'))).toHaveLength(2);
  });

  it('says so when nothing the agent may open matches', async () => {
    mockApi([
      ['GET', /^\/api\/tickets\?/, { body: { items: [], nextCursor: null } }],
      ['GET', /^\/api\/search\?/, { body: { items: [], nextCursor: null } }],
    ]);
    renderWithProviders(<Pane />);
    await userEvent.type(screen.getByLabelText('Search tickets by text or #number'), 'quokka{enter}');
    await waitFor(() => expect(screen.getByText(/^No ticket you can open matches/)).toBeTruthy());
  });
});

describe('snippet pieces', () => {
  it.each([
    ['plain', [{ text: 'plain', marked: false }]],
    [
      'a <mark>b &amp; c</mark> &lt;d&gt; &quot;e&quot; &#39;f&#39;',
      [
        { text: 'a ', marked: false },
        { text: 'b & c', marked: true },
        { text: ' <d> "e" \'f\'', marked: false },
      ],
    ],
    ['&amp;lt;', [{ text: '&lt;', marked: false }]],
  ])('%s', (snippet, parts) => {
    expect(snippetParts(snippet)).toEqual(parts);
  });
});
