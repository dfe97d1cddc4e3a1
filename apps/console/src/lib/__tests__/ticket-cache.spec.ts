import { describe, expect, it } from '@jest/globals';
import type { MessageView } from '@switchboard/contracts';
import { makeQueryClient } from '../../test-support/render';
import { queryKeys } from '../query-keys';
import { addAnsweredMessage, addMessage } from '../ticket-cache';
import type { TimelineEntry } from '../timeline';

const reply = (deliveryState: MessageView['deliveryState']): MessageView => ({
  id: 'm1',
  ticketId: 't1',
  direction: 'out',
  kind: 'message',
  channel: 'api',
  authorId: 'u1',
  authorName: 'Ana',
  text: 'A replacement is on its way',
  html: null,
  deliveryState,
  deliveryError: null,
  externalId: null,
  createdAt: '2026-11-24T10:00:00.000Z',
});

function setup() {
  const queryClient = makeQueryClient();
  queryClient.setQueryData<TimelineEntry[]>(queryKeys.timeline('t1'), []);
  const state = () =>
    queryClient
      .getQueryData<TimelineEntry[]>(queryKeys.timeline('t1'))!
      .map((e) => (e.type === 'message' ? e.message.deliveryState : null));
  return { queryClient, state };
}

describe('answers of REST calls meet socket events in the timeline cache', () => {
  it('a reply sent before its POST returned stays "sent", not "queued" again', () => {
    const { queryClient, state } = setup();
    addMessage(queryClient, reply('sent')); // message.updated over the socket
    addAnsweredMessage(queryClient, reply('queued'), () => true); // the POST's late answer
    expect(state()).toEqual(['sent']);
  });

  it('the POST answer adds the reply when the socket has not brought it yet', () => {
    const { queryClient, state } = setup();
    addAnsweredMessage(queryClient, reply('queued'), () => true);
    expect(state()).toEqual(['queued']);
  });

  it('a retry answer replaces the failed copy, but not a newer state the socket brought', () => {
    const { queryClient, state } = setup();
    const olderThanRetry = (current: MessageView) => current.deliveryState !== 'failed';
    addMessage(queryClient, reply('failed'));
    addAnsweredMessage(queryClient, reply('queued'), olderThanRetry);
    expect(state()).toEqual(['queued']);
    addMessage(queryClient, reply('sent'));
    addAnsweredMessage(queryClient, reply('queued'), olderThanRetry);
    expect(state()).toEqual(['sent']);
  });
});
