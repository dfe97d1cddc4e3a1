import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchSystemStatus, retryAllFailed } from '../api/system-api';

/** Read again every 10 s while the screen is open: it is watched during incidents. */
export function useSystemStatus() {
  return useQuery({ queryKey: queryKeys.system(), queryFn: fetchSystemStatus, refetchInterval: 10_000 });
}

export function useRetryAllFailed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: retryAllFailed,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.system() }),
  });
}
