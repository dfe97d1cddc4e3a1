import * as c from '@switchboard/contracts';
import { z } from 'zod';
import type { ApiRoute } from './api-routes.js';

/** Custom fields (definitions by admins, read by agents) and contact editing: the routes for the OpenAPI document. */
const CustomField = z.object({
  id: z.uuid(),
  entity: z.enum(c.CUSTOM_FIELD_ENTITIES),
  key: z.string(),
  label: z.string(),
  type: z.enum(c.CUSTOM_FIELD_TYPES),
  options: z.array(z.string()),
  requiredToSolve: z.boolean(),
  order: z.number(),
});
const ListQuery = z.object({ entity: z.enum(c.CUSTOM_FIELD_ENTITIES).optional() });
const Items = z.object({ items: z.array(CustomField) });
const ContactProfile = z.object({
  id: z.uuid(),
  name: z.string().nullable(),
  language: z.string().nullable(),
  timeZone: z.string().nullable(),
  tags: z.array(z.string()),
  customFields: z.record(z.string(), z.unknown()),
});

const admin = { tag: 'custom-fields', auth: 'bearer' } as const;

export const CUSTOM_FIELD_ROUTES: ApiRoute[] = [
  {
    ...admin,
    method: 'get',
    path: '/api/admin/custom-fields',
    summary: 'The custom fields of tickets and contacts, in display order (admins)',
    query: ListQuery,
    reply: { status: 200, json: Items },
  },
  {
    ...admin,
    method: 'post',
    path: '/api/admin/custom-fields',
    summary:
      'Define a field: text, number, select, multiselect (with options), date or checkbox; a ticket field may be required to solve (admins); 409 for a key in use',
    body: c.CreateCustomFieldBody,
    reply: { status: 201, json: CustomField },
  },
  {
    ...admin,
    method: 'get',
    path: '/api/admin/custom-fields/{id}',
    summary: 'One custom field (admins)',
    reply: { status: 200, json: CustomField },
  },
  {
    ...admin,
    method: 'patch',
    path: '/api/admin/custom-fields/{id}',
    summary: 'Change the label, options, order or required-to-solve; entity, key and type stay (admins)',
    body: c.PatchCustomFieldBody,
    reply: { status: 200, json: CustomField },
  },
  {
    ...admin,
    method: 'delete',
    path: '/api/admin/custom-fields/{id}',
    summary: 'Delete a field: its values no longer show, filter or block solving (admins)',
    reply: { status: 204 },
  },
  {
    ...admin,
    method: 'get',
    path: '/api/custom-fields',
    summary: 'The custom field definitions, for the ticket and contact panels (any agent)',
    query: ListQuery,
    reply: { status: 200, json: Items },
  },
  {
    method: 'patch',
    path: '/api/contacts/{id}',
    tag: 'contacts',
    auth: 'bearer',
    summary:
      "Edit a contact's name, language, time zone, tags and custom fields; each change shows on the timelines of their open tickets; 400 names a wrong field",
    body: c.PatchContactBody,
    reply: { status: 200, json: ContactProfile },
  },
];
