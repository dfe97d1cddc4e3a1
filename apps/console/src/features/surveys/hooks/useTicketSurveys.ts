import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchTicketSurveys } from '../api/surveys-api';

/**
 * Under the ticket's timeline key: every live change of the ticket (an answer arriving is one)
 * refetches the timeline, and with it this.
 */
export const ticketSurveysKey = (ticketId: string) => [...queryKeys.timeline(ticketId), 'surveys'] as const;

export function useTicketSurveys(ticketId: string) {
  return useQuery({
    queryKey: ticketSurveysKey(ticketId),
    queryFn: () => fetchTicketSurveys(ticketId),
    retry: false,
  });
}
