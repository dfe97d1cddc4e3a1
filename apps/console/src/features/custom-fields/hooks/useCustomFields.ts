import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CustomFieldEntity, PatchContactBody } from '@switchboard/contracts';
import { queryKeys } from '../../../lib/query-keys';
import { fetchContactProfile, fetchFieldDefinitions, patchContact } from '../api/custom-fields-api';

/** Keys of this feature; the contact profile sits under the contact's key, so a contact refresh refreshes it. */
export const customFieldKeys = {
  all: () => ['custom-fields'] as const,
  definitions: (entity: CustomFieldEntity) => ['custom-fields', entity] as const,
  contactProfile: (id: string) => [...queryKeys.contact(id), 'profile'] as const,
};

/** The fields admins defined for tickets or contacts, in their order. */
export function useFieldDefinitions(entity: CustomFieldEntity) {
  return useQuery({
    queryKey: customFieldKeys.definitions(entity),
    queryFn: () => fetchFieldDefinitions(entity),
    staleTime: 60_000,
  });
}

export function useContactProfile(contactId: string | undefined) {
  return useQuery({
    queryKey: customFieldKeys.contactProfile(contactId ?? ''),
    queryFn: () => fetchContactProfile(contactId!),
    enabled: Boolean(contactId),
    retry: false,
  });
}

export function useUpdateContact(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PatchContactBody) => patchContact(contactId, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.contact(contactId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.tickets() }); // contact names on tickets and timelines
    },
  });
}
