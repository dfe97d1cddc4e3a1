import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateChannelAccountBody, UpdateChannelAccountBody } from '@switchboard/contracts';
import { queryKeys } from '../../../lib/query-keys';
import {
  createChannelAccount,
  fetchChannelAccounts,
  rotateApiKey,
  testChannelAccount,
  updateChannelAccount,
} from '../api/channels-api';

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

/** Renames, re-teams, enables or disables an account or changes its settings; the list shows the result. */
export function useUpdateChannelAccount(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateChannelAccountBody) => updateChannelAccount(id, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.channelAccounts() }),
  });
}

/** The new key lives only in this mutation's state: shown once, gone when the admin dismisses it. */
export function useRotateApiKey(id: string) {
  return useMutation({ mutationFn: () => rotateApiKey(id) });
}

/** One per account row, so each row keeps its own last result. */
export function useTestChannelAccount(id: string) {
  return useMutation({ mutationFn: () => testChannelAccount(id) });
}
