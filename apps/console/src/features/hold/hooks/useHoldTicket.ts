import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { HoldBody } from '@switchboard/contracts';
import { queryKeys } from '../../../lib/query-keys';
import { holdTicket, resumeTicket } from '../api/hold-api';

function useRefreshTicket(ticketId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.ticket(ticketId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.timeline(ticketId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.queueCounts() });
  };
}

export function useHoldTicket(ticketId: string) {
  const refresh = useRefreshTicket(ticketId);
  return useMutation({ mutationFn: (body: HoldBody) => holdTicket(ticketId, body), onSuccess: refresh });
}

export function useResumeTicket(ticketId: string) {
  const refresh = useRefreshTicket(ticketId);
  return useMutation({ mutationFn: () => resumeTicket(ticketId), onSuccess: refresh });
}
