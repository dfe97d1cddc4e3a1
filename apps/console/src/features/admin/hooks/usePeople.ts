import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { CreateUserBody, PatchUserBody } from '@switchboard/contracts';
import { queryKeys } from '../../../lib/query-keys';
import { PEOPLE_NAMES_KEY } from '../../tickets/hooks/useDirectory';
import {
  createTeam,
  createUser,
  disableUser,
  fetchAdminTeams,
  fetchAdminUsers,
  renameTeam,
  resetPassword,
  updateUser,
} from '../api/people-api';

export function useAdminUsers() {
  return useQuery({ queryKey: queryKeys.adminUsers(), queryFn: fetchAdminUsers, retry: false });
}

export function useAdminTeams() {
  return useQuery({ queryKey: queryKeys.adminTeams(), queryFn: fetchAdminTeams, retry: false });
}

// People and teams also feed the assign and transfer pickers (`/api/users`, `/api/teams`): refresh both.
function refreshPeople(queryClient: QueryClient) {
  for (const queryKey of [
    queryKeys.adminUsers(),
    queryKeys.adminTeams(),
    queryKeys.users(),
    queryKeys.teams(),
    PEOPLE_NAMES_KEY,
  ])
    void queryClient.invalidateQueries({ queryKey });
}

export function usePeopleMutations() {
  const queryClient = useQueryClient();
  const onSuccess = () => refreshPeople(queryClient);
  return {
    create: useMutation({ mutationFn: (body: CreateUserBody) => createUser(body), onSuccess }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: PatchUserBody }) => updateUser(id, body),
      onSuccess,
    }),
    disable: useMutation({
      mutationFn: ({ id, reassignToAgentId }: { id: string; reassignToAgentId: string | null }) =>
        disableUser(id, reassignToAgentId),
      // Their tickets moved: every list that shows an assignee reads afresh.
      onSuccess: () => {
        refreshPeople(queryClient);
        void queryClient.invalidateQueries({ queryKey: queryKeys.tickets() });
      },
    }),
    resetPassword: useMutation({ mutationFn: (id: string) => resetPassword(id) }),
    createTeam: useMutation({ mutationFn: (name: string) => createTeam(name), onSuccess }),
    renameTeam: useMutation({
      mutationFn: ({ id, name }: { id: string; name: string }) => renameTeam(id, name),
      onSuccess,
    }),
  };
}
