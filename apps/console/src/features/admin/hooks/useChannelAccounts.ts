import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateChannelAccountBody } from '@switchboard/contracts';
import { queryKeys } from '../../../lib/query-keys';
import { createChannelAccount, fetchChannelAccounts, testChannelAccount } from '../api/channels-api';

export function useChannelAccounts() {
  return useQuery({ queryKey: queryKeys.channelAccounts(), queryFn: fetchChannelAccounts, retry: false });
}

/** Adds an account; the list refreshes so the new one shows with its webhook URL. */
export function useCreateChannelAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateChannelAccountBody) => createChannelAccount(body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.channelAccounts() }),
  });
}

/** One per account row, so each row keeps its own last result. */
export function useTestChannelAccount(id: string) {
  return useMutation({ mutationFn: () => testChannelAccount(id) });
}
