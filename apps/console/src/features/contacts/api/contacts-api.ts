import type {
  ContactListItem,
  ContactNoteView,
  ContactSatisfactionView,
  ContactTimelineEntry,
  OrganizationView,
  Page,
  PatchContactBody,
  TicketView,
} from '@switchboard/contracts';
import { api } from '../../../lib/api-client';
import { endpoints } from '../../../lib/endpoints';

/** The contacts list's filters, as the API reads them. */
export interface ContactListParams {
  q?: string;
  tag?: string;
  organizationId?: string;
}

/** `GET /api/contacts/:id`: the contact page's data. */
export interface ContactProfile {
  id: string;
  name: string | null;
  tags: string[];
  language: string | null;
  timeZone: string | null;
  organization: { id: string; name: string } | null;
  createdAt: string;
  identities: Array<{ id: string; kind: string; address: string; optedOutAt?: string | null }>;
  tickets: TicketView[];
  contactNotes: ContactNoteView[];
  satisfaction: ContactSatisfactionView[];
}

const query = (params: Record<string, string | null | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
};

export function fetchContactPage(params: ContactListParams, cursor: string | null) {
  return api.get<Page<ContactListItem>>(`${endpoints.contacts}${query({ ...params, cursor })}`);
}

export function fetchContactProfile(id: string) {
  return api.get<ContactProfile>(endpoints.contact(id));
}

export function patchContact(id: string, body: PatchContactBody) {
  return api.patch<ContactProfile>(endpoints.contact(id), body);
}

export function fetchContactTimeline(id: string, cursor: string | null) {
  return api.get<Page<ContactTimelineEntry>>(`${endpoints.contactTimeline(id)}${query({ cursor })}`);
}

export function addContactNote(id: string, body: string) {
  return api.post<ContactNoteView>(endpoints.contactNotes(id), { body });
}

export async function fetchOrganizations() {
  return (await api.get<{ items: OrganizationView[] }>(endpoints.organizations)).items;
}

/** Moves `otherId`'s identities, tickets and notes onto `intoId`; `otherId` is removed. */
export function mergeContacts(intoId: string, otherId: string) {
  return api.post<{ contactId: string; movedIdentities: number; movedTickets: string[] }>(
    endpoints.contactMerge(intoId),
    { otherContactId: otherId },
  );
}
