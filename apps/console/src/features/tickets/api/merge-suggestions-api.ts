import type { ContactMergeSuggestionView } from '@switchboard/contracts';
import { api } from '../../../lib/api-client';
import { endpoints } from '../../../lib/endpoints';

/** Contacts that may be the same person as this one (an address seen on another channel without proof). */
export async function fetchMergeSuggestions(contactId: string): Promise<ContactMergeSuggestionView[]> {
  const body = await api.get<{ items?: ContactMergeSuggestionView[] }>(
    endpoints.contactMergeSuggestions(contactId),
  );
  return Array.isArray(body?.items) ? body.items : [];
}

/** "Not the same person": the suggestion between the two contacts goes away for good. */
export function dismissMergeSuggestion(contactId: string, otherContactId: string): Promise<unknown> {
  return api.post(endpoints.dismissMergeSuggestion(contactId, otherContactId), {});
}

/** The existing contact merge: `otherContactId` (the suggested contact) joins `contactId`. */
export function mergeContact(contactId: string, otherContactId: string): Promise<unknown> {
  return api.post(endpoints.contactMerge(contactId), { otherContactId });
}
