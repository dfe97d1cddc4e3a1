import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AssistSettingsBody } from '@switchboard/contracts';
import {
  fetchAssistCalls,
  fetchAssistSettings,
  fetchAssistStatus,
  requestReply,
  requestSummary,
  saveAssistSettings,
} from '../api/assist-api';

const keys = {
  status: ['assist', 'status'] as const,
  settings: ['admin', 'assist-settings'] as const,
  calls: ['admin', 'assist-calls'] as const,
};

/** Whether the assist buttons belong on a ticket of this team: on, and not turned off for the team. */
export function useAssistAvailable(teamId: string | null | undefined): boolean {
  const status = useQuery({
    queryKey: keys.status,
    queryFn: fetchAssistStatus,
    staleTime: 60_000,
    retry: false,
  });
  if (!status.data?.enabled) return false;
  return !(teamId && status.data.disabledTeamIds.includes(teamId));
}

export function useRequestSummary(ticketId: string) {
  return useMutation({ mutationFn: () => requestSummary(ticketId) });
}

export function useRequestReply(ticketId: string) {
  return useMutation({ mutationFn: () => requestReply(ticketId) });
}

export function useAssistSettings() {
  return useQuery({ queryKey: keys.settings, queryFn: fetchAssistSettings, retry: false });
}

export function useSaveAssistSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AssistSettingsBody) => saveAssistSettings(body),
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.settings, saved);
      void queryClient.invalidateQueries({ queryKey: keys.status });
    },
  });
}

export function useAssistCalls() {
  return useQuery({ queryKey: keys.calls, queryFn: fetchAssistCalls, retry: false });
}
