import { describe, expect, it } from '@jest/globals';
import { act, screen, waitFor, within } from '@testing-library/react';
import type { ContactSatisfactionView } from '@switchboard/contracts';
import { LiveUpdates } from '../../../lib/live';
import { mockApi } from '../../../test-support/api-mock';
import { FakeSocket } from '../../../test-support/fake-socket';
import { agent, makeQueryClient, makeTicket, renderWithProviders } from '../../../test-support/render';
import { LiveContext } from '../../presence/hooks/useLive';
import { ContactPage } from '../components/ContactPage';
import type { ContactProfile } from '../api/contacts-api';

const CONTACT = '30000000-0000-4000-8000-000000000001';
const ticket = makeTicket({ contact: { id: CONTACT, name: 'Rita Customer' } });
const other = makeTicket();

const profile = (satisfaction: ContactSatisfactionView[]): ContactProfile => ({
  id: CONTACT,
  name: 'Rita Customer',
  tags: [],
  language: null,
  timeZone: null,
  organization: null,
  createdAt: '2026-11-01T10:00:00.000Z',
  identities: [{ id: 'i1', kind: 'email', address: 'rita@customer.test' }],
  tickets: [ticket],
  contactNotes: [],
  satisfaction,
});

const rated: ContactSatisfactionView = {
  ticketId: ticket.id,
  ticketNumber: ticket.number,
  kind: 'csat',
  score: 2,
  comment: 'still broken',
  createdAt: '2026-11-20T10:05:00.000Z',
  agentName: 'Ana Agent',
};

describe('contact page, live', () => {
  it('a survey answer on one of the contact’s tickets appears without a reload; other tickets’ events fetch nothing', async () => {
    let answers: ContactSatisfactionView[] = [];
    const calls = mockApi([
      ['GET', new RegExp(`/api/contacts/${CONTACT}$`), () => ({ body: profile(answers) })],
      ['GET', /\/api\/contacts\/[^/]+\/timeline/, { body: { items: [], nextCursor: null } }],
      ['GET', /\/api\/contacts\/[^/]+\/notes/, { body: { items: [] } }],
    ]);
    const queryClient = makeQueryClient();
    const socket = new FakeSocket();
    const live = new LiveUpdates({
      queryClient,
      me: agent,
      token: 't',
      connect: () => socket.asSocket(),
      fetchChangedSince: async () => [],
    });
    live.start();
    renderWithProviders(
      <LiveContext.Provider value={live}>
        <ContactPage contactId={CONTACT} onBack={() => undefined} />
      </LiveContext.Provider>,
      { queryClient },
    );
    await screen.findByRole('heading', { name: 'Rita Customer' });
    expect(screen.queryByRole('region', { name: 'Satisfaction' })).toBeNull();
    act(() => socket.fire('connect'));
    const profileReads = () => calls.filter((c) => c.url === `/api/contacts/${CONTACT}`).length;
    const before = profileReads();

    // A colleague's ticket changes: not this contact's, nothing to fetch.
    act(() => socket.fire('ticket.updated', { ticketId: other.id, seq: 5, changes: {} }));
    await act(() => new Promise((r) => setTimeout(r, 500)));
    expect(profileReads()).toBe(before);

    // Rita rates her ticket: the API records it and announces the ticket's change.
    answers = [rated];
    act(() => socket.fire('ticket.updated', { ticketId: ticket.id, seq: 9, changes: {} }));
    const section = await screen.findByRole('region', { name: 'Satisfaction' }, { timeout: 3000 });
    const item = within(section).getByRole('listitem');
    expect(item.textContent).toContain('still broken');
    expect(item.textContent).toContain('Ana Agent');
    expect(
      within(item)
        .getByRole('link', { name: `#${ticket.number}` })
        .getAttribute('href'),
    ).toBe(`#/tickets/${ticket.id}`);
    await waitFor(() => expect(profileReads()).toBe(before + 1));
    live.stop();
  });
});
