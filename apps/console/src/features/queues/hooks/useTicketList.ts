import { useInfiniteQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import type { ListParams } from '../../../lib/ticket-filters';
import { useLive } from '../../presence/hooks/useLive';
import { fetchTicketPage } from '../api/ticket-list-api';

/** A queue's tickets page by page; `enabled: false` while the search results take its place. */
export function useTicketList(params: ListParams, enabled = true) {
  const live = useLive();
  return useInfiniteQuery({
    queryKey: queryKeys.ticketList(params),
    enabled,
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) => {
      const page = await fetchTicketPage(params, pageParam);
      for (const ticket of page.items) live?.noteTicket(ticket);
      return page;
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Live events keep lists current; a refetch of many pages on focus would only cost time.
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
  });
}
