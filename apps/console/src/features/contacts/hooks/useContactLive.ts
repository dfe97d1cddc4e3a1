import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useLive } from '../../presence/hooks/useLive';
import { queryKeys } from '../../../lib/query-keys';

/**
 * Keeps an open contact page current: a change to one of the contact's tickets (a survey answer
 * is one, and so is a new ticket of theirs) refetches the page, so a new score shows without a
 * reload. The server sends ticket events only to agents who may see the ticket, the same rule
 * the page's REST read applies. A burst of events costs one refetch.
 */
export function useContactLive(contactId: string, ticketIds: readonly string[], delayMs = 300): void {
  const live = useLive();
  const queryClient = useQueryClient();
  const idsKey = ticketIds.join(',');
  useEffect(() => {
    if (!live) return;
    const mine = new Set(idsKey.split(','));
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = live.onTicket((event, ticket, _changes, ticketId) => {
      const ours = mine.has(ticketId) || (event === 'created' && ticket?.contact?.id === contactId);
      if (!ours) return;
      timer ??= setTimeout(() => {
        timer = null;
        void queryClient.invalidateQueries({ queryKey: queryKeys.contactProfile(contactId) });
      }, delayMs);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [live, queryClient, contactId, idsKey, delayMs]);
}
