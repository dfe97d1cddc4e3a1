import type { ContactErasureView, RetentionSettings, WorkspaceSettingsView } from '@switchboard/contracts';
import { api } from '../../../lib/api-client';
import { saveApiFile } from '../../../lib/download';

const contactPath = (id: string) => `/api/contacts/${encodeURIComponent(id)}`;
const SETTINGS = '/api/admin/settings';

export const privacyKeys = { settings: () => ['admin-settings'] as const };

/** Saves everything held about the contact as one zip (supervisors and admins). */
export const downloadContactExport = (id: string) =>
  saveApiFile(`${contactPath(id)}/export`, ['contact', id].join('-') + '.zip');

/** Erases the contact for good (admins): the API keeps their tickets as anonymous statistics. */
export const eraseContact = (id: string) => api.delete<ContactErasureView>(`${contactPath(id)}?erase=true`);

export const fetchWorkspaceSettings = () => api.get<WorkspaceSettingsView>(SETTINGS);

export const saveRetention = (retention: RetentionSettings) =>
  api.put<WorkspaceSettingsView>(SETTINGS, { retention });
