import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { addAnsweredMessage } from '../../../lib/ticket-cache';
import { postMessage, type ComposerKind } from '../api/composer-api';

export function usePostMessage(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      kind,
      body,
      ...extras
    }: { kind: ComposerKind; body: string } & Parameters<typeof postMessage>[3]) =>
      postMessage(ticketId, kind, body, extras),
    onSuccess: (message) => {
      // Any copy already there came from the socket, so it is the same or newer.
      if (message && typeof message === 'object' && 'id' in message)
        addAnsweredMessage(queryClient, { ...message, ticketId: message.ticketId || ticketId }, () => true);
      else void queryClient.invalidateQueries({ queryKey: queryKeys.timeline(ticketId) });
    },
  });
}
