import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { act, render, screen } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { LiveUpdates } from '../../../lib/live';
import { FakeSocket } from '../../../test-support/fake-socket';
import { agent, makeQueryClient } from '../../../test-support/render';
import { LiveContext } from '../hooks/useLive';
import { useUnread } from '../hooks/useUnread';

const shown: Array<{ title: string; body?: string }> = [];
class FakeNotification {
  static permission: NotificationPermission = 'granted';
  onclick: (() => void) | null = null;
  constructor(title: string, options?: { body?: string }) {
    shown.push({ title, body: options?.body });
  }
}

function Unread({ openTicketId }: { openTicketId: string | null }) {
  const unread = useUnread(agent, openTicketId, () => undefined);
  return <output aria-label="unread">{[...unread].join(',')}</output>;
}

function setup(openTicketId: string | null = null) {
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
  render(
    <QueryClientProvider client={queryClient}>
      <LiveContext.Provider value={live}>
        <Unread openTicketId={openTicketId} />
      </LiveContext.Provider>
    </QueryClientProvider>,
  );
  return { socket, live };
}

const mention = {
  ticketId: 't-7',
  messageId: 'm-1',
  byUserId: 'u-2',
  byName: 'Ben Colleague',
  excerpt: '@Ana Agent can you call the customer?',
};

describe('mention notifications', () => {
  beforeEach(() => {
    shown.length = 0;
    (globalThis as { Notification?: unknown }).Notification = FakeNotification;
    document.hasFocus = () => false;
  });
  afterEach(() => {
    delete (globalThis as { Notification?: unknown }).Notification;
  });

  it('a mention raises a browser notification and counts as unread in the tab title', () => {
    const { socket, live } = setup();
    act(() => socket.fire('mention', mention));
    expect(shown).toEqual([
      { title: 'Ben Colleague mentioned you', body: '@Ana Agent can you call the customer?' },
    ]);
    expect(screen.getByLabelText('unread').textContent).toBe('t-7');
    expect(document.title).toBe('(1) Switchboard');
    live.stop();
  });

  it('stays quiet without permission, but still counts the ticket as unread', () => {
    FakeNotification.permission = 'denied';
    try {
      const { socket, live } = setup();
      act(() => socket.fire('mention', mention));
      expect(shown).toEqual([]);
      expect(screen.getByLabelText('unread').textContent).toBe('t-7');
      live.stop();
    } finally {
      FakeNotification.permission = 'granted';
    }
  });

  it('a note that merely contains my name, without a mention event, notifies nobody', () => {
    const { socket, live } = setup();
    act(() =>
      socket.fire('message.created', {
        ticketId: 't-8',
        seq: 2,
        message: {
          id: 'm-2',
          ticketId: 't-8',
          direction: 'out',
          kind: 'note',
          channel: 'email',
          authorId: 'u-2',
          authorName: 'Ben',
          text: '@Ana Agent hello',
          html: null,
          deliveryState: null,
          deliveryError: null,
          externalId: null,
          createdAt: new Date().toISOString(),
        },
      }),
    );
    expect(shown).toEqual([]);
    live.stop();
  });
});
