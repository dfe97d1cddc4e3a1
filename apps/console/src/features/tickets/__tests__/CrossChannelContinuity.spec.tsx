import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { UserView } from '@switchboard/contracts';
import { mockApi } from '../../../test-support/api-mock';
import { agent, makeTicket, renderWithProviders } from '../../../test-support/render';
import { normalizeTimeline } from '../../../lib/timeline';
import { ContactPanel } from '../components/ContactPanel';
import { Timeline } from '../components/Timeline';

const ticketId = '20000000-0000-4000-8000-000000000042';
const contactId = '40000000-0000-4000-8000-000000000001';
const visitorContactId = '40000000-0000-4000-8000-000000000002';
const supervisor: UserView = { ...agent, id: '00000000-0000-4000-8000-000000000009', role: 'supervisor' };

const message = (id: string, channel: string, text: string, createdAt: string) => ({
  entry: 'message',
  id,
  ticketId,
  direction: 'in',
  kind: 'message',
  channel,
  authorId: null,
  authorName: null,
  text,
  html: null,
  deliveryState: null,
  deliveryError: null,
  externalId: null,
  createdAt,
});

describe('one conversation across channels', () => {
  it('shows each message with the icon of the channel it came by, and the switch between them', () => {
    const entries = normalizeTimeline({
      items: [
        message('m1', 'email', 'My parcel never arrived', '2026-11-20T10:00:00.000Z'),
        {
          entry: 'event',
          id: '7',
          ticketId,
          type: 'channel_switched',
          actorId: null,
          data: { from: 'email', to: 'twilio_sms' },
          createdAt: '2026-11-20T11:00:00.000Z',
        },
        message('m2', 'twilio_sms', 'Any news about my parcel?', '2026-11-20T11:00:00.000Z'),
      ],
    });
    renderWithProviders(<Timeline entries={entries} nameOf={() => 'Someone'} />);

    const iconOf = (text: string) => {
      const row = screen.getByText(text).closest('[data-message-id]') as HTMLElement;
      return within(row).getByRole('img');
    };
    expect(iconOf('My parcel never arrived').getAttribute('aria-label')).toBe('Email');
    expect(iconOf('Any news about my parcel?').getAttribute('aria-label')).toBe('SMS');
    expect(screen.getByText('The customer switched from Email to SMS')).toBeTruthy();
  });

  it('suggests a merge on the contact panel, and the button merges through the contact-merge API', async () => {
    const calls = mockApi([
      [
        'GET',
        /\/merge-suggestions$/,
        {
          body: {
            items: [
              {
                id: 's1',
                contact: { id: visitorContactId, name: 'Carol?' },
                identity: { kind: 'email', address: 'carol@customer.test' },
                createdAt: '2026-11-20T10:00:00.000Z',
              },
            ],
          },
        },
      ],
      ['POST', /\/merge$/, { body: { contactId, mergedContactId: visitorContactId } }],
      [
        'GET',
        new RegExp(`/api/contacts/${contactId}$`),
        { body: { id: contactId, name: 'Carol Chen', identities: [], tickets: [], notes: [] } },
      ],
    ]);
    const ticket = makeTicket({ id: ticketId, contact: { id: contactId, name: 'Carol Chen' } });
    renderWithProviders(<ContactPanel ticket={ticket} />, { user: supervisor });

    expect(await screen.findByText('Possibly the same person as Carol? (carol@customer.test)')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Merge into this contact' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Merge into this contact' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({
      url: `/api/contacts/${contactId}/merge`,
      body: { otherContactId: visitorContactId },
    });
  });

  it('tells an agent that a supervisor can merge, without a button the API would refuse', async () => {
    mockApi([
      [
        'GET',
        /\/merge-suggestions$/,
        {
          body: {
            items: [
              {
                id: 's1',
                contact: { id: visitorContactId, name: null },
                identity: { kind: 'email', address: 'carol@customer.test' },
                createdAt: '2026-11-20T10:00:00.000Z',
              },
            ],
          },
        },
      ],
    ]);
    renderWithProviders(
      <ContactPanel ticket={makeTicket({ contact: { id: contactId, name: 'Carol Chen' } })} />,
    );
    expect(
      await screen.findByText('Possibly the same person as carol@customer.test (carol@customer.test)'),
    ).toBeTruthy();
    expect(screen.getByText('A supervisor can merge them.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Merge into this contact' })).toBeNull();
  });

  it('"Not the same person" dismisses the suggestion through the API and it leaves the panel', async () => {
    let dismissed = false;
    const suggestion = {
      id: 's1',
      contact: { id: visitorContactId, name: 'Carol?' },
      identity: { kind: 'email', address: 'carol@customer.test' },
      createdAt: '2026-11-20T10:00:00.000Z',
    };
    const calls = mockApi([
      ['GET', /\/merge-suggestions$/, () => ({ body: { items: dismissed ? [] : [suggestion] } })],
      [
        'POST',
        /\/dismiss$/,
        () => {
          dismissed = true;
          return { status: 204 };
        },
      ],
    ]);
    renderWithProviders(
      <ContactPanel ticket={makeTicket({ contact: { id: contactId, name: 'Carol Chen' } })} />,
    );
    await screen.findByText('Possibly the same person as Carol? (carol@customer.test)');
    await userEvent.click(screen.getByRole('button', { name: 'Not the same person' }));
    await waitFor(() =>
      expect(screen.queryByText('Possibly the same person as Carol? (carol@customer.test)')).toBeNull(),
    );
    expect(calls.find((c) => c.method === 'POST')?.url).toBe(
      `/api/contacts/${contactId}/merge-suggestions/${visitorContactId}/dismiss`,
    );
  });
});
