import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchHoldTemplate } from '../api/hold-api';

export function useHoldTemplate() {
  return useQuery({
    queryKey: queryKeys.holdTemplate(),
    queryFn: fetchHoldTemplate,
    staleTime: 5 * 60_000,
    retry: false,
  });
}
