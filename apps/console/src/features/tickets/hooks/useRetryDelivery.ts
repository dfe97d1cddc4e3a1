import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MessageView } from '@switchboard/contracts';
import { api } from '../../../lib/api-client';
import { endpoints } from '../../../lib/endpoints';
import { addAnsweredMessage } from '../../../lib/ticket-cache';

/** Sends a failed reply again; the API queues it under the same idempotency key. */
export function useRetryDelivery(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string) => api.post<MessageView>(endpoints.retryMessage(ticketId, messageId)),
    // Only the failed copy is older than the answer; anything else came from the socket since.
    onSuccess: (message) =>
      addAnsweredMessage(
        queryClient,
        { ...message, ticketId: message.ticketId || ticketId },
        (current) => current.deliveryState !== 'failed',
      ),
  });
}
