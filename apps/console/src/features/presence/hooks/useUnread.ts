import { i18n } from '../../../i18n';
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { UserView } from '@switchboard/contracts';
import { findCachedTicket } from '../../../lib/ticket-cache';
import { notify } from '../api/notifications';
import { useLive } from './useLive';

const TITLE = 'Switchboard';

/**
 * Tickets with customer messages the agent has not looked at yet, shown in the tab title; a
 * mention in a note or a transfer to me also raises a browser notification.
 */
export function useUnread(
  me: UserView,
  openTicketId: string | null,
  open: (ticketId: string) => void,
): ReadonlySet<string> {
  const live = useLive();
  const queryClient = useQueryClient();
  const [unread, setUnread] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    if (!live) return;
    const offMessage = live.onMessage((message) => {
      const ticketId = message.ticketId;
      const looking = ticketId === openTicketId && document.visibilityState === 'visible';
      if (message.direction === 'in' && !looking) setUnread((s) => new Set(s).add(ticketId));
    });
    // The API decides who a note mentions (and only tells those who may see the ticket).
    const offMention = live.onMention((mention) => {
      const looking = mention.ticketId === openTicketId && document.visibilityState === 'visible';
      if (!looking) setUnread((s) => new Set(s).add(mention.ticketId));
      const ticket = findCachedTicket(queryClient, mention.ticketId);
      notify(
        i18n.t('live.mentionedYou', { name: mention.byName }),
        `${ticket ? `#${ticket.number} ` : ''}${mention.excerpt}`,
        () => open(mention.ticketId),
      );
    });
    const offTicket = live.onTicket((kind, ticket, changes) => {
      // Assigning the open ticket to myself is not news; a ticket landing elsewhere is.
      if (kind === 'updated' && ticket && changes.assigneeId === me.id && ticket.id !== openTicketId) {
        setUnread((s) => new Set(s).add(ticket.id));
        notify(i18n.t('live.transferredToYou'), `#${ticket.number} ${ticket.subject}`, () => open(ticket.id));
      }
    });
    return () => {
      offMessage();
      offTicket();
      offMention();
    };
  }, [live, me, openTicketId, open, queryClient]);

  useEffect(() => {
    if (!openTicketId) return;
    const clear = () => {
      if (document.visibilityState !== 'visible') return;
      setUnread((s) => {
        if (!s.has(openTicketId)) return s;
        const next = new Set(s);
        next.delete(openTicketId);
        return next;
      });
    };
    clear();
    document.addEventListener('visibilitychange', clear);
    return () => document.removeEventListener('visibilitychange', clear);
  }, [openTicketId]);

  useEffect(() => {
    document.title = unread.size ? `(${unread.size}) ${TITLE}` : TITLE;
  }, [unread]);

  return unread;
}
