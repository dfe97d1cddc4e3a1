import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchEmailQuarantine, reimportQuarantinedMail } from '../api/channels-api';

/** Mail that could not be read; a re-imported one leaves the list (the API lists only what is left). */
export function useEmailQuarantine() {
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: queryKeys.emailQuarantine(),
    queryFn: fetchEmailQuarantine,
    retry: false,
  });
  const reimport = useMutation({
    mutationFn: (id: string) => reimportQuarantinedMail(id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.emailQuarantine() }),
  });
  return { list, reimport };
}
