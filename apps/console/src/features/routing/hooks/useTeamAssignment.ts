import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AdminTeamView, AssignmentSettings } from '@switchboard/contracts';
import { api } from '../../../lib/api-client';
import { endpoints } from '../../../lib/endpoints';
import { queryKeys } from '../../../lib/query-keys';

/** `PATCH /api/admin/teams/:id { assignment }`; the teams list reads afresh. */
export function useTeamAssignment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, assignment }: { id: string; assignment: AssignmentSettings }) =>
      api.patch<AdminTeamView>(endpoints.adminTeam(id), { assignment }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.adminTeams() }),
  });
}
