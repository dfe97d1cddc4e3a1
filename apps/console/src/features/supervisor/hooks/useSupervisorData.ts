import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useLive } from '../../presence/hooks/useLive';
import {
  fetchAttainment,
  fetchResponseTimes,
  fetchSummary,
  fetchVolume,
  supervisorKeys,
  type DashboardFilters,
} from '../api/supervisor-api';

export const useSlaSummary = (f: DashboardFilters) =>
  useQuery({
    queryKey: supervisorKeys.summary(f),
    queryFn: () => fetchSummary(f),
    staleTime: 5_000,
    refetchInterval: 30_000,
  });
export const useAttainment = (f: DashboardFilters) =>
  useQuery({ queryKey: supervisorKeys.report('sla', f), queryFn: () => fetchAttainment(f) });
export const useResponseTimes = (f: DashboardFilters) =>
  useQuery({ queryKey: supervisorKeys.report('response-times', f), queryFn: () => fetchResponseTimes(f) });
export const useVolume = (f: DashboardFilters) =>
  useQuery({ queryKey: supervisorKeys.report('volume', f), queryFn: () => fetchVolume(f) });

/** Refreshes the dashboard on SLA and ticket events, coalesced so a burst costs one refetch. */
export function useSupervisorLive(delayMs = 400): void {
  const live = useLive();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!live) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      timer ??= setTimeout(() => {
        timer = null;
        void queryClient.invalidateQueries({ queryKey: supervisorKeys.all() });
      }, delayMs);
    };
    const offSla = live.onSla(refresh);
    const offTicket = live.onTicket(refresh);
    return () => {
      offSla();
      offTicket();
      if (timer) clearTimeout(timer);
    };
  }, [live, queryClient, delayMs]);
}
