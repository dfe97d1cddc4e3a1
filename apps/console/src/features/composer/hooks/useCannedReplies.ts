import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchCannedReplies } from '../api/composer-api';

export function useCannedReplies() {
  return useQuery({
    queryKey: queryKeys.cannedReplies(),
    queryFn: fetchCannedReplies,
    staleTime: 10 * 60_000,
    retry: false,
  });
}
