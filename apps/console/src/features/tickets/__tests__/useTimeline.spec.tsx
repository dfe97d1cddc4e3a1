import { describe, expect, it } from '@jest/globals';
import { QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { MessageView } from '@switchboard/contracts';
import { mockApi } from '../../../test-support/api-mock';
import { makeQueryClient } from '../../../test-support/render';
import { addMessage } from '../../../lib/ticket-cache';
import { queryKeys } from '../../../lib/query-keys';
import { normalizeTimeline } from '../../../lib/timeline';
import { useTimeline } from '../hooks/useTimeline';

const ticketId = '20000000-0000-4000-8000-000000000010';
const reply: MessageView = {
  id: '30000000-0000-4000-8000-000000000002',
  ticketId,
  direction: 'out',
  kind: 'message',
  channel: 'api',
  authorId: 'a',
  authorName: 'Ana Agent',
  text: 'A replacement is on its way',
  html: null,
  deliveryState: 'queued',
  deliveryError: null,
  externalId: null,
  createdAt: '2026-12-05T10:00:00.000Z',
};

/** The timeline as REST answers it, then a `message.updated` from the socket before that answer lands. */
function timelineAfterSocketSaid(
  state: MessageView['deliveryState'],
  restSays: MessageView['deliveryState'],
) {
  const calls = mockApi([
    ['GET', /\/messages$/, { body: { items: [{ ...reply, deliveryState: restSays, entry: 'message' }] } }],
  ]);
  const queryClient = makeQueryClient();
  queryClient.setQueryData(
    queryKeys.timeline(ticketId),
    normalizeTimeline({ items: [{ ...reply, entry: 'message' }] }),
  );
  addMessage(queryClient, { ...reply, deliveryState: state });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  const { result } = renderHook(() => useTimeline(ticketId), { wrapper });
  return { calls, result };
}

function stateOf(entries: ReturnType<typeof useTimeline>['data']) {
  const entry = entries?.find((e) => e.type === 'message');
  return entry?.type === 'message' ? entry.message.deliveryState : undefined;
}

describe('the timeline read over REST', () => {
  it('keeps a reply "sent" when a read that began before the send answers "queued" after it', async () => {
    const { calls, result } = timelineAfterSocketSaid('sent', 'queued');
    await waitFor(() => expect(calls).toHaveLength(1));
    await waitFor(() => expect(result.current.isFetching).toBe(false));
    expect(stateOf(result.current.data)).toBe('sent');
  });

  it('still takes a state the read brings that is further along', async () => {
    const { calls, result } = timelineAfterSocketSaid('sent', 'delivered');
    await waitFor(() => expect(calls).toHaveLength(1));
    await waitFor(() => expect(stateOf(result.current.data)).toBe('delivered'));
  });
});
