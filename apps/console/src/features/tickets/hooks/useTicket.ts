import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { useLive } from '../../presence/hooks/useLive';
import { fetchTicket } from '../api/tickets-api';

const noRetryOnClientErrors = (count: number, error: Error) =>
  !(error instanceof ApiError && error.status < 500) && count < 2;

export function useTicket(id: string) {
  const live = useLive();
  return useQuery({
    queryKey: queryKeys.ticket(id),
    queryFn: async () => {
      const ticket = await fetchTicket(id);
      live?.noteTicket(ticket);
      return ticket;
    },
    retry: noRetryOnClientErrors,
  });
}
