import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { dismissMergeSuggestion, fetchMergeSuggestions, mergeContact } from '../api/merge-suggestions-api';

export function useMergeSuggestions(contactId: string | undefined) {
  return useQuery({
    queryKey: queryKeys.contactMergeSuggestions(contactId ?? ''),
    queryFn: () => fetchMergeSuggestions(contactId!),
    enabled: Boolean(contactId),
    retry: false,
  });
}

/** Merges a suggested contact into this one; the contact, its suggestions and tickets are read again. */
export function useMergeSuggestedContact(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (otherContactId: string) => mergeContact(contactId, otherContactId),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.contact(contactId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.tickets() }),
      ]),
  });
}

/** Dismisses the suggestion of `otherContactId` ("not the same person"); the list is read again. */
export function useDismissMergeSuggestion(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (otherContactId: string) => dismissMergeSuggestion(contactId, otherContactId),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: queryKeys.contactMergeSuggestions(contactId) }),
  });
}
