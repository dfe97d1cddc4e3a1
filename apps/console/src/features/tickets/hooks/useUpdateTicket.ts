import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PatchTicketBody } from '@switchboard/contracts';
import { queryKeys } from '../../../lib/query-keys';
import { upsertTicket } from '../../../lib/ticket-cache';
import { useMe } from '../../auth/hooks/useSession';
import { updateTicket } from '../api/tickets-api';

export function useUpdateTicket(ticketId: string) {
  const queryClient = useQueryClient();
  const me = useMe();
  return useMutation({
    mutationFn: (body: PatchTicketBody) => updateTicket(ticketId, body),
    onSuccess: (ticket) => {
      if (ticket && typeof ticket === 'object' && 'id' in ticket) upsertTicket(queryClient, ticket, me);
      void queryClient.invalidateQueries({ queryKey: queryKeys.ticket(ticketId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.timeline(ticketId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.queueCounts() });
    },
  });
}
