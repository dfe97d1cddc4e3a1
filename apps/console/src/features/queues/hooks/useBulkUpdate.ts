import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PatchTicketBody } from '@switchboard/contracts';
import { queryKeys } from '../../../lib/query-keys';
import { upsertTicket } from '../../../lib/ticket-cache';
import { useMe } from '../../auth/hooks/useSession';
import { bulkPatch } from '../api/bulk-api';

export interface BulkChange {
  ticketIds: string[];
  bodyFor(ticketId: string): PatchTicketBody;
}

export function useBulkUpdate() {
  const queryClient = useQueryClient();
  const me = useMe();
  return useMutation({
    mutationFn: ({ ticketIds, bodyFor }: BulkChange) => bulkPatch(ticketIds, bodyFor),
    onSuccess: (result) => {
      for (const ticket of result.updated) upsertTicket(queryClient, ticket, me);
      void queryClient.invalidateQueries({ queryKey: queryKeys.queueCounts() });
    },
  });
}
