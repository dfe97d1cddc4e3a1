import { describe, expect, it } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MessageView } from '@switchboard/contracts';
import { makeQueryClient, renderWithProviders } from '../../../test-support/render';
import { mockApi } from '../../../test-support/api-mock';
import { queryKeys } from '../../../lib/query-keys';
import { normalizeTimeline, type TimelineEntry } from '../../../lib/timeline';
import { Timeline } from '../components/Timeline';

const ticketId = '20000000-0000-4000-8000-000000000009';
const failed: MessageView = {
  id: '30000000-0000-4000-8000-000000000001',
  ticketId,
  direction: 'out',
  kind: 'message',
  channel: 'sms',
  authorId: 'a',
  authorName: 'Ana Agent',
  text: 'Your parcel ships today',
  html: null,
  deliveryState: 'failed',
  deliveryError: 'the number is not reachable',
  externalId: null,
  createdAt: '2026-11-20T10:00:00.000Z',
};

function CachedTimeline({ queryClient }: { queryClient: ReturnType<typeof makeQueryClient> }) {
  const entries = queryClient.getQueryData<TimelineEntry[]>(queryKeys.timeline(ticketId)) ?? [];
  return <Timeline entries={entries} nameOf={() => 'Someone'} />;
}

describe('retrying a failed delivery', () => {
  it('shows the reason and a Retry button that queues the message again', async () => {
    const calls = mockApi([
      ['POST', /\/retry$/, { body: { ...failed, deliveryState: 'queued', deliveryError: null } }],
    ]);
    const queryClient = makeQueryClient();
    queryClient.setQueryData(
      queryKeys.timeline(ticketId),
      normalizeTimeline({ items: [{ ...failed, entry: 'message' }] }),
    );
    const view = renderWithProviders(<CachedTimeline queryClient={queryClient} />, { queryClient });
    expect(screen.getByText(/failed — the number is not reachable/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Retry sending this message' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toMatchObject({
      method: 'POST',
      url: `/api/tickets/${ticketId}/messages/${failed.id}/retry`,
    });
    await waitFor(() =>
      expect(queryClient.getQueryData<TimelineEntry[]>(queryKeys.timeline(ticketId))![0]).toMatchObject({
        message: { deliveryState: 'queued' },
      }),
    );
    view.rerender(<CachedTimeline queryClient={queryClient} />);
    expect(screen.queryByRole('button', { name: 'Retry sending this message' })).toBeNull();
    expect(document.querySelector('[data-delivery="queued"]')).toBeTruthy();
  });

  it('says why a retry was refused', async () => {
    mockApi([
      [
        'POST',
        /\/retry$/,
        {
          status: 409,
          body: {
            statusCode: 409,
            error: 'Conflict',
            message: 'only a failed message can be retried; this one is sent',
          },
        },
      ],
    ]);
    const entries = normalizeTimeline({ items: [{ ...failed, entry: 'message' }] });
    renderWithProviders(<Timeline entries={entries} nameOf={() => 'Someone'} />);
    await userEvent.click(screen.getByRole('button', { name: 'Retry sending this message' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'only a failed message can be retried; this one is sent',
    );
  });

  it('offers no retry for sent messages', () => {
    const entries = normalizeTimeline({ items: [{ ...failed, deliveryState: 'sent', entry: 'message' }] });
    renderWithProviders(<Timeline entries={entries} nameOf={() => 'Someone'} />);
    expect(screen.queryByRole('button', { name: 'Retry sending this message' })).toBeNull();
  });
});
