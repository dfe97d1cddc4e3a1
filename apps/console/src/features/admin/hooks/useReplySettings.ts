import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReplySettingsBody } from '@switchboard/contracts';
import { api } from '../../../lib/api-client';
import { endpoints } from '../../../lib/endpoints';
import { queryKeys } from '../../../lib/query-keys';

/** How replies behave for the whole workspace: read by everyone, changed by admins. */
export function useReplySettings() {
  return useQuery({
    queryKey: queryKeys.replySettings(),
    queryFn: () => api.get<ReplySettingsBody>(endpoints.replySettings),
  });
}

export function useSaveReplySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReplySettingsBody) => api.put<ReplySettingsBody>(endpoints.adminReplySettings, body),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.replySettings(), saved),
  });
}
