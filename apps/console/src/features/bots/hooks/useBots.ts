import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BotBody } from '@switchboard/contracts';
import { createBot, fetchBots, updateBot } from '../api/bots-api';

const botsKey = ['admin', 'bots'] as const;

export function useBots() {
  return useQuery({ queryKey: botsKey, queryFn: fetchBots, retry: false });
}

/** Creates a bot, or replaces the one with `id`; the list refreshes either way. */
export function useSaveBot() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: BotBody }) =>
      id ? updateBot(id, body) : createBot(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: botsKey }),
  });
}
