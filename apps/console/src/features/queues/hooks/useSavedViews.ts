import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateSavedViewBody } from '@switchboard/contracts';
import { queryKeys } from '../../../lib/query-keys';
import { createSavedView, deleteSavedView, fetchSavedViews, renameSavedView } from '../api/saved-views-api';

/** My views and the shared ones, each with its count; refreshed whenever queue counts are. */
export function useSavedViews() {
  return useQuery({ queryKey: queryKeys.savedViews(), queryFn: fetchSavedViews, retry: false });
}

export function useSaveView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSavedViewBody) => createSavedView(body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.savedViews() }),
  });
}

export function useDeleteView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteSavedView(id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.savedViews() }),
  });
}

export function useRenameView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) => renameSavedView(id, name),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.savedViews() }),
  });
}
