import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import {
  fetchLinks,
  fetchMergePreview,
  mergeKeys,
  mergeTicket,
  searchMergeTargets,
  splitTicket,
  undoMerge,
} from '../api/merge-api';

/** Both ends of a move show new timelines, statuses and links. */
export function refreshMoved(queryClient: QueryClient, ids: string[]): void {
  for (const id of ids) {
    void queryClient.invalidateQueries({ queryKey: queryKeys.ticket(id) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.timeline(id) });
    void queryClient.invalidateQueries({ queryKey: mergeKeys.links(id) });
  }
  void queryClient.invalidateQueries({ queryKey: queryKeys.ticketLists() });
  // The contact panel lists the contact's tickets with their statuses.
  void queryClient.invalidateQueries({ queryKey: ['contacts'] });
}

export function useTicketLinks(ticketId: string) {
  return useQuery({ queryKey: mergeKeys.links(ticketId), queryFn: () => fetchLinks(ticketId) });
}

export function useMergeSearch(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: mergeKeys.search(query),
    queryFn: () => searchMergeTargets(query),
    enabled: query.length > 0,
  });
}

export function useMergePreview(ticketId: string, intoTicketId: string | null) {
  return useQuery({
    queryKey: mergeKeys.preview(ticketId, intoTicketId ?? ''),
    queryFn: () => fetchMergePreview(ticketId, intoTicketId!),
    enabled: Boolean(intoTicketId),
  });
}

export function useMergeTicket(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (intoTicketId: string) => mergeTicket(ticketId, intoTicketId),
    onSuccess: (result) => refreshMoved(queryClient, [result.source.id, result.target.id]),
  });
}

export function useUndoMerge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ticketId: string) => undoMerge(ticketId),
    onSuccess: (result) => refreshMoved(queryClient, [result.source.id, result.target.id]),
  });
}

export function useSplitTicket(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (messageIds: string[]) => splitTicket(ticketId, messageIds),
    onSuccess: (result) => refreshMoved(queryClient, [result.source.id, result.target.id]),
  });
}
