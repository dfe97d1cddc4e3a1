import { describe, expect, it } from '@jest/globals';
import { useState } from 'react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MessageView } from '@switchboard/contracts';
import { agent, makeTicket, renderWithProviders } from '../../../test-support/render';
import { mockApi } from '../../../test-support/api-mock';
import { normalizeTimeline, type TimelineEntry } from '../../../lib/timeline';
import type { ComposerKind } from '../api/composer-api';
import { Composer } from '../components/Composer';

const ticket = { ...makeTicket({ number: 7 }), contact: { id: 'c1', name: 'Carla Marquez' } };

const sent = (overrides: Partial<MessageView> = {}): MessageView => ({
  id: 'reply-1',
  ticketId: ticket.id,
  direction: 'out',
  kind: 'message',
  channel: 'email',
  authorId: agent.id,
  authorName: agent.name,
  text: 'On it',
  html: null,
  deliveryState: 'queued',
  deliveryError: null,
  externalId: null,
  createdAt: '2026-11-20T10:00:00.000Z',
  ...overrides,
});

const asTimeline = (messages: MessageView[]): TimelineEntry[] =>
  normalizeTimeline({ items: messages.map((m) => ({ ...m, entry: 'message' })) });

function Harness({ entries }: { entries: TimelineEntry[] }) {
  const [kind, setKind] = useState<ComposerKind>('reply');
  return <Composer ticket={ticket} entries={entries} kind={kind} onKindChange={setKind} />;
}

async function sendReply() {
  await userEvent.type(screen.getByLabelText('Reply to the customer'), 'On it');
  await userEvent.click(screen.getByRole('button', { name: 'Send reply' }));
  await screen.findByText('Reply queued for sending.');
}

describe('the composer follows the delivery of the reply it sent', () => {
  it('says sent, then delivered, as the timeline learns it', async () => {
    mockApi([['POST', /\/messages$/, { status: 201, body: sent() }]]);
    const view = renderWithProviders(<Harness entries={[]} />);
    await sendReply();
    view.rerender(<Harness entries={asTimeline([sent({ deliveryState: 'sent' })])} />);
    await screen.findByText('Reply sent.');
    view.rerender(<Harness entries={asTimeline([sent({ deliveryState: 'delivered' })])} />);
    await screen.findByText('Reply delivered.');
    expect(screen.queryByText('Reply queued for sending.')).toBeNull();
  });

  it('says why it failed and offers to send it again', async () => {
    const calls = mockApi([
      ['POST', /\/messages$/, { status: 201, body: sent() }],
      ['POST', /\/retry$/, { status: 200, body: sent({ deliveryState: 'queued' }) }],
    ]);
    const view = renderWithProviders(<Harness entries={[]} />);
    await sendReply();
    const reason = 'the API channel has no callback URL configured';
    view.rerender(
      <Harness entries={asTimeline([sent({ deliveryState: 'failed', deliveryError: reason })])} />,
    );
    const status = await screen.findByText(/Reply failed/);
    expect(status.textContent).toBe(`Reply failed — ${reason}.`);
    await userEvent.click(screen.getByRole('button', { name: 'Send the failed reply again' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && /retry$/.test(c.url))).toBe(true));
  });
});
