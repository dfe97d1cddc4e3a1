import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateMacroBody, PatchMacroBody } from '@switchboard/contracts';
import { queryKeys } from '../../../lib/query-keys';
import {
  applyMacro,
  applyMacroInBulk,
  createMacro,
  deleteMacro,
  fetchMacros,
  updateMacro,
} from '../api/macros-api';

export function useMacros(enabled = true) {
  return useQuery({ queryKey: queryKeys.macros(), queryFn: fetchMacros, retry: false, enabled });
}

export function useMacroMutations() {
  const queryClient = useQueryClient();
  const onSuccess = () => void queryClient.invalidateQueries({ queryKey: queryKeys.macros() });
  return {
    create: useMutation({ mutationFn: (body: CreateMacroBody) => createMacro(body), onSuccess }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: PatchMacroBody }) => updateMacro(id, body),
      onSuccess,
    }),
    remove: useMutation({ mutationFn: (id: string) => deleteMacro(id), onSuccess }),
  };
}

/** Applying changes tickets: their detail, timeline and the lists read afresh (live events also arrive). */
export function useApplyMacro() {
  const queryClient = useQueryClient();
  const onSuccess = () => void queryClient.invalidateQueries({ queryKey: queryKeys.tickets() });
  return {
    one: useMutation({
      mutationFn: ({ ticketId, macroId }: { ticketId: string; macroId: string }) =>
        applyMacro(ticketId, macroId),
      onSuccess,
    }),
    bulk: useMutation({
      mutationFn: ({ ticketIds, macroId }: { ticketIds: string[]; macroId: string }) =>
        applyMacroInBulk(ticketIds, macroId),
      onSuccess,
    }),
  };
}
