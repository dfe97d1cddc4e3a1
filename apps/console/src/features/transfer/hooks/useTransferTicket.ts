import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TransferBody } from '@switchboard/contracts';
import { queryKeys } from '../../../lib/query-keys';
import { acknowledgeHandoff, transferTicket } from '../api/transfer-api';

export function useTransferTicket(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TransferBody) => transferTicket(ticketId, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.ticket(ticketId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.timeline(ticketId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.queueCounts() });
    },
  });
}

export function useAcknowledgeHandoff(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (eventId: string) => acknowledgeHandoff(ticketId, eventId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.timeline(ticketId) }),
  });
}
