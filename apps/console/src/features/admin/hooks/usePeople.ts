import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { CreateUserBody, PatchUserBody } from '@switchboard/contracts';
import { queryKeys } from '../../../lib/query-keys';
import {
  createTeam,
  createUser,
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
    resetPassword: useMutation({ mutationFn: (id: string) => resetPassword(id) }),
    createTeam: useMutation({ mutationFn: (name: string) => createTeam(name), onSuccess }),
    renameTeam: useMutation({
      mutationFn: ({ id, name }: { id: string; name: string }) => renameTeam(id, name),
      onSuccess,
    }),
  };
}
