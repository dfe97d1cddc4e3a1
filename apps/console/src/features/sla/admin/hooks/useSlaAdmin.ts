import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PatchSlaPolicyBody } from '@switchboard/contracts';
import {
  createCalendar,
  createPolicy,
  deleteCalendar,
  deletePolicy,
  fetchCalendars,
  fetchPolicies,
  patchPolicy,
  replaceCalendar,
  slaAdminKeys,
  type NewCalendar,
  type NewPolicy,
} from '../api/sla-admin-api';

export const useCalendars = () => useQuery({ queryKey: slaAdminKeys.calendars(), queryFn: fetchCalendars });
export const usePolicies = () => useQuery({ queryKey: slaAdminKeys.policies(), queryFn: fetchPolicies });

export function useCreateCalendar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewCalendar) => createCalendar(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: slaAdminKeys.calendars() }),
  });
}

export function useCreatePolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewPolicy) => createPolicy(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: slaAdminKeys.policies() }),
  });
}

export function usePatchPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: PatchSlaPolicyBody }) => patchPolicy(id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: slaAdminKeys.policies() }),
  });
}

export function useReplaceCalendar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: NewCalendar }) => replaceCalendar(id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: slaAdminKeys.calendars() }),
  });
}

export function useDeleteCalendar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteCalendar(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: slaAdminKeys.calendars() }),
  });
}

export function useDeletePolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deletePolicy(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: slaAdminKeys.policies() }),
  });
}
