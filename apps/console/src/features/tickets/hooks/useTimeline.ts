import { replaceEqualDeep, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { keepFurtherDelivery, type TimelineEntry } from '../../../lib/timeline';
import { fetchTimeline } from '../api/tickets-api';

export function useTimeline(ticketId: string) {
  return useQuery({
    queryKey: queryKeys.timeline(ticketId),
    queryFn: () => fetchTimeline(ticketId),
    structuralSharing: (cached: unknown, fetched: unknown) =>
      replaceEqualDeep(
        cached,
        keepFurtherDelivery(cached as TimelineEntry[] | undefined, fetched as TimelineEntry[]),
      ),
  });
}
