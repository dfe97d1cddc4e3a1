import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PatchContactBody } from '@switchboard/contracts';
import { queryKeys } from '../../../lib/query-keys';
import {
  addContactNote,
  fetchContactPage,
  fetchContactProfile,
  fetchContactTimeline,
  fetchOrganizations,
  mergeContacts,
  patchContact,
  type ContactListParams,
} from '../api/contacts-api';

export function useContactList(params: ContactListParams) {
  return useInfiniteQuery({
    queryKey: queryKeys.contactList(params),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => fetchContactPage(params, pageParam),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useContactProfile(id: string | null) {
  return useQuery({
    queryKey: queryKeys.contactProfile(id ?? ''),
    queryFn: () => fetchContactProfile(id!),
    enabled: Boolean(id),
  });
}

export function useContactTimeline(id: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.contactTimeline(id),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => fetchContactTimeline(id, pageParam),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useOrganizations() {
  return useQuery({
    queryKey: queryKeys.organizations(),
    queryFn: fetchOrganizations,
    staleTime: 5 * 60_000,
  });
}

/** Profile edits, notes and merges; each refreshes every contact query (lists, pages, ticket panels). */
export function useContactMutations(id: string) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.contacts() });
  return {
    patch: useMutation({
      mutationFn: (body: PatchContactBody) => patchContact(id, body),
      onSuccess: (profile) => {
        client.setQueryData(queryKeys.contactProfile(id), profile);
        return refresh();
      },
    }),
    addNote: useMutation({ mutationFn: (body: string) => addContactNote(id, body), onSuccess: refresh }),
    merge: useMutation({
      mutationFn: (otherId: string) => mergeContacts(id, otherId),
      onSuccess: () => Promise.all([refresh(), client.invalidateQueries({ queryKey: queryKeys.tickets() })]),
    }),
  };
}
