import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RetentionSettings } from '@switchboard/contracts';
import { queryKeys } from '../../../lib/query-keys';
import {
  downloadContactExport,
  eraseContact,
  fetchWorkspaceSettings,
  privacyKeys,
  saveRetention,
} from '../api/privacy-api';

/** Export and erasure of one contact; an erasure refreshes every contact and ticket query. */
export function useContactPrivacy(contactId: string) {
  const client = useQueryClient();
  return {
    exportArchive: useMutation({ mutationFn: () => downloadContactExport(contactId) }),
    erase: useMutation({
      mutationFn: () => eraseContact(contactId),
      onSuccess: () =>
        Promise.all([
          client.invalidateQueries({ queryKey: queryKeys.contacts() }),
          client.invalidateQueries({ queryKey: queryKeys.tickets() }),
        ]),
    }),
  };
}

export function useWorkspaceSettings() {
  return useQuery({ queryKey: privacyKeys.settings(), queryFn: fetchWorkspaceSettings });
}

export function useSaveRetention() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (retention: RetentionSettings) => saveRetention(retention),
    onSuccess: (settings) => client.setQueryData(privacyKeys.settings(), settings),
  });
}
