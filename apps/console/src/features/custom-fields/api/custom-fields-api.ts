import type {
  CreateCustomFieldBody,
  CustomFieldEntity,
  CustomFieldView,
  PatchContactBody,
  PatchCustomFieldBody,
} from '@switchboard/contracts';
import { api, toQuery } from '../../../lib/api-client';

/** Paths of the custom field and contact-edit routes. */
export const customFieldEndpoints = {
  definitions: '/api/custom-fields',
  admin: '/api/admin/custom-fields',
  adminField: (id: string) => `/api/admin/custom-fields/${encodeURIComponent(id)}`,
  contact: (id: string) => `/api/contacts/${encodeURIComponent(id)}`,
};

/** What the contact panel edits, as `GET /api/contacts/:id` returns it. */
export interface ContactProfile {
  id: string;
  name: string | null;
  language: string | null;
  timeZone: string | null;
  tags: string[];
  customFields: Record<string, unknown>;
}

export async function fetchFieldDefinitions(entity: CustomFieldEntity): Promise<CustomFieldView[]> {
  return (await api.get<{ items: CustomFieldView[] }>(customFieldEndpoints.definitions + toQuery({ entity })))
    .items;
}

export async function fetchAllFields(): Promise<CustomFieldView[]> {
  return (await api.get<{ items: CustomFieldView[] }>(customFieldEndpoints.admin)).items;
}

export const createField = (body: CreateCustomFieldBody) =>
  api.post<CustomFieldView>(customFieldEndpoints.admin, body);
export const patchField = (id: string, body: PatchCustomFieldBody) =>
  api.patch<CustomFieldView>(customFieldEndpoints.adminField(id), body);
export const deleteField = (id: string) => api.delete<void>(customFieldEndpoints.adminField(id));

export async function fetchContactProfile(id: string): Promise<ContactProfile> {
  const body = await api.get<Partial<ContactProfile>>(customFieldEndpoints.contact(id));
  return {
    id,
    name: body.name ?? null,
    language: body.language ?? null,
    timeZone: body.timeZone ?? null,
    tags: body.tags ?? [],
    customFields: body.customFields ?? {},
  };
}

export const patchContact = (id: string, body: PatchContactBody) =>
  api.patch<ContactProfile>(customFieldEndpoints.contact(id), body);
