import { i18n } from '../../../i18n';
import { useCallback } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { PersonNameView } from '@switchboard/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import type { NameOf } from '../../../lib/timeline';
import { fetchTeams, fetchUsers } from '../api/tickets-api';

const LONG = 5 * 60_000;

/** Everyone's name, disabled people included; refreshed when an admin changes people. */
export const PEOPLE_NAMES_KEY = ['people', 'names'] as const;

export function useUsers() {
  return useQuery({ queryKey: queryKeys.users(), queryFn: fetchUsers, staleTime: LONG, retry: false });
}

export function useTeams() {
  return useQuery({ queryKey: queryKeys.teams(), queryFn: fetchTeams, staleTime: LONG, retry: false });
}

function usePeopleNames() {
  return useQuery({
    queryKey: PEOPLE_NAMES_KEY,
    queryFn: async () => (await api.get<{ items: PersonNameView[] }>('/api/people/names')).items,
    staleTime: LONG,
    retry: false,
  });
}

/** A disabled person keeps their name on old tickets and events, marked so nobody assigns to them. */
export function personLabel(person: { name: string; active: boolean }): string {
  return person.active ? person.name : i18n.t('tickets.disabledPerson', { name: person.name });
}

/** Names of agents and teams by id, for headers, events and the handoff card. */
export function useNameOf(): NameOf {
  const users = useUsers().data;
  const teams = useTeams().data;
  const names = usePeopleNames().data;
  return useCallback(
    (id) => {
      if (!id) return i18n.t('tickets.unknown');
      const active = users?.find((u) => u.id === id);
      if (active) return active.name;
      const person = names?.find((p) => p.id === id);
      if (person) return personLabel(person);
      return teams?.find((t) => t.id === id)?.name ?? i18n.t('tickets.unknownPerson');
    },
    [users, teams, names],
  );
}
