import { useQuery } from '@tanstack/react-query';
import {
  fetchResponseTimesTrend,
  fetchSatisfactionTrend,
  trendKeys,
  type TrendFilters,
} from '../api/trends-api';

export const useSatisfactionTrend = (f: TrendFilters) =>
  useQuery({
    queryKey: trendKeys.satisfaction(f),
    queryFn: () => fetchSatisfactionTrend(f),
    staleTime: 5_000,
  });

export const useResponseTimesTrend = (f: TrendFilters) =>
  useQuery({
    queryKey: trendKeys.responseTimes(f),
    queryFn: () => fetchResponseTimesTrend(f),
    staleTime: 5_000,
  });
