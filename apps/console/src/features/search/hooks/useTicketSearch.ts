import { useInfiniteQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchSearchPage } from '../api/search-api';
import type { SearchParams } from '../lib/search-params';

/** Search results page by page (best first); nothing is fetched while the box is empty. */
export function useTicketSearch(params: SearchParams | null) {
  return useInfiniteQuery({
    queryKey: queryKeys.ticketSearch(params ?? { q: '' }),
    enabled: params !== null,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => fetchSearchPage(params!, pageParam),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 30_000,
    refetchOnWindowFocus: false,
  });
}
