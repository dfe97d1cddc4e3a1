import * as c from '@switchboard/contracts';
import type { ApiRoute } from './api-routes.js';
import { ContactDetailResponse } from './response-schemas.js';

/** The contact workspace and organizations: the routes for the OpenAPI document. */
const base = { tag: 'contacts', auth: 'bearer' } as const;

export const CONTACT_ROUTES: ApiRoute[] = [
  {
    ...base,
    method: 'get',
    path: '/api/contacts',
    summary:
      'Contacts the caller may see, newest first: q matches any part of a name, an email/phone/handle or the organization name; filter by tag or organization',
    query: c.ContactListQuery,
    reply: { status: 200, json: c.pageOf(c.ContactListItem) },
  },
  {
    ...base,
    method: 'patch',
    path: '/api/contacts/{id}',
    summary:
      "Edit a contact's name, tags, language, time zone; add identities (checked by kind; 409 if another contact has the address) or remove them",
    body: c.PatchContactBody,
    reply: { status: 200, json: ContactDetailResponse },
  },
  {
    ...base,
    method: 'get',
    path: '/api/contacts/{id}/timeline',
    summary:
      'Every message and note of the contact across their tickets and channels that the caller may see, newest first, by cursor',
    query: c.ContactTimelineQuery,
    reply: { status: 200, json: c.pageOf(c.ContactTimelineEntry) },
  },
  {
    ...base,
    method: 'get',
    path: '/api/contacts/{id}/notes',
    summary: "The contact's notes, newest first",
    reply: { status: 200, json: c.itemsOf(c.ContactNoteView) },
  },
  {
    ...base,
    method: 'post',
    path: '/api/contacts/{id}/notes',
    summary: 'Add a note about the contact',
    body: c.CreateContactNoteBody,
    reply: { status: 201, json: c.ContactNoteView },
  },
  {
    ...base,
    method: 'get',
    path: '/api/admin/organizations',
    summary: 'Organizations with their email domains and contact counts (every agent may list them)',
    reply: { status: 200, json: c.itemsOf(c.OrganizationView) },
  },
  {
    ...base,
    method: 'post',
    path: '/api/admin/organizations',
    summary:
      'Create an organization (admin): existing contacts with an email at one of its domains join it now, new ones as they write; 409 if the name or a domain is taken',
    body: c.CreateOrganizationBody,
    reply: { status: 201, json: c.OrganizationView },
  },
  {
    ...base,
    method: 'patch',
    path: '/api/admin/organizations/{id}',
    summary: 'Rename an organization or change its domains (admin); contacts of added domains join it',
    body: c.PatchOrganizationBody,
    reply: { status: 200, json: c.OrganizationView },
  },
];
