import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateCannedReplyBody, PatchCannedReplyBody } from '@switchboard/contracts';
import { queryKeys } from '../../../lib/query-keys';
import {
  createCannedReply,
  deleteCannedReply,
  fetchCannedReplyList,
  updateCannedReply,
} from '../api/admin-api';

const adminKey = () => [...queryKeys.cannedReplies(), 'admin'] as const;

/** The full list with edit times; saving refreshes the composer's list as well. */
export function useCannedReplyAdmin() {
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: adminKey(), queryFn: fetchCannedReplyList, retry: false });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.cannedReplies() });
  const create = useMutation({
    mutationFn: (body: CreateCannedReplyBody) => createCannedReply(body),
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: ({ id, body }: { id: string; body: PatchCannedReplyBody }) => updateCannedReply(id, body),
    onSuccess: refresh,
  });
  const remove = useMutation({ mutationFn: (id: string) => deleteCannedReply(id), onSuccess: refresh });
  return { list, create, update, remove };
}
