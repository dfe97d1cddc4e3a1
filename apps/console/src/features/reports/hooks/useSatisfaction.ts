import { useQuery } from '@tanstack/react-query';
import { fetchSatisfaction, satisfactionKeys, type SatisfactionFilters } from '../api/satisfaction-api';

export const useSatisfaction = (
  f: SatisfactionFilters,
  groupBy: 'team' | 'agent' | 'channel' | 'day' = 'team',
) =>
  useQuery({
    queryKey: satisfactionKeys.report(f, groupBy),
    queryFn: () => fetchSatisfaction(f, groupBy),
    staleTime: 5_000,
  });
