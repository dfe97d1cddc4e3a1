import { useCallback } from 'react';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import type { NameOf } from '../../../lib/timeline';
import { fetchTeams, fetchUsers } from '../api/tickets-api';

const LONG = 5 * 60_000;

export function useUsers() {
  return useQuery({ queryKey: queryKeys.users(), queryFn: fetchUsers, staleTime: LONG, retry: false });
}

export function useTeams() {
  return useQuery({ queryKey: queryKeys.teams(), queryFn: fetchTeams, staleTime: LONG, retry: false });
}

/** Names of agents and teams by id, for headers, events and the handoff card. */
export function useNameOf(): NameOf {
  const users = useUsers().data;
  const teams = useTeams().data;
  return useCallback(
    (id) => {
      if (!id) return 'Unknown';
      return users?.find((u) => u.id === id)?.name ?? teams?.find((t) => t.id === id)?.name ?? 'Someone';
    },
    [users, teams],
  );
}
