import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import {
  addBlocklistEntry,
  fetchBlocklist,
  fetchFloodLimit,
  fetchSpamState,
  fetchSpamTickets,
  markNotSpam,
  markSpam,
  removeBlocklistEntry,
  saveFloodLimit,
  spamKeys,
  type BlocklistKind,
  type FloodLimit,
} from '../api/spam-api';

/** The spam view, newest first, one page after the other; polled, since spam tells no socket. */
export const useSpamTickets = (q: string) =>
  useInfiniteQuery({
    queryKey: spamKeys.list(q),
    queryFn: ({ pageParam }) => fetchSpamTickets(q, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: 30_000,
  });

export const useSpamState = (ticketId: string) =>
  useQuery({ queryKey: spamKeys.state(ticketId), queryFn: () => fetchSpamState(ticketId) });

/** Mark as spam or not spam: the ticket leaves or rejoins the queues, so every ticket list refreshes. */
export function useToggleSpam(ticketId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (spam: boolean): Promise<void> => {
      await (spam ? markSpam(ticketId) : markNotSpam(ticketId));
    },
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.tickets() }),
        client.invalidateQueries({ queryKey: queryKeys.queueCounts() }),
        client.invalidateQueries({ queryKey: spamKeys.blocklist() }),
      ]),
  });
}

export const useBlocklist = () => useQuery({ queryKey: spamKeys.blocklist(), queryFn: fetchBlocklist });

export function useBlocklistChanges() {
  const client = useQueryClient();
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: spamKeys.blocklist() }),
      client.invalidateQueries({ queryKey: queryKeys.tickets() }),
    ]);
  const add = useMutation({
    mutationFn: ({ kind, value }: { kind: BlocklistKind; value: string }) => addBlocklistEntry(kind, value),
    onSuccess: refresh,
  });
  const remove = useMutation({ mutationFn: removeBlocklistEntry, onSuccess: refresh });
  return { add, remove };
}

export const useFloodLimit = () => useQuery({ queryKey: spamKeys.floodLimit(), queryFn: fetchFloodLimit });

export function useSaveFloodLimit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (limit: FloodLimit) => saveFloodLimit(limit),
    onSuccess: (saved) => client.setQueryData(spamKeys.floodLimit(), saved),
  });
}
