import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchTimeline } from '../api/tickets-api';

export function useTimeline(ticketId: string) {
  return useQuery({ queryKey: queryKeys.timeline(ticketId), queryFn: () => fetchTimeline(ticketId) });
}
