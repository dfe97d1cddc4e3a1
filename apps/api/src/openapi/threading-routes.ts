import * as c from '@switchboard/contracts';
import { z } from 'zod';
import type { ApiRoute } from './api-routes.js';

/** Cross-channel continuity: the workspace's threading settings and merge suggestions. */
const WorkspaceSettings = z.object({ threading: c.ThreadingSettings, retention: c.RetentionSettings });
const MergeSuggestion = z.object({
  id: z.uuid(),
  contact: z.object({ id: z.uuid(), name: z.string().nullable() }),
  identity: z.object({ kind: z.string(), address: z.string() }),
  createdAt: z.string(),
});

export const THREADING_ROUTES: ApiRoute[] = [
  {
    method: 'get',
    path: '/api/admin/settings',
    tag: 'admin',
    auth: 'bearer',
    summary:
      "The workspace settings (admins): threading.joinAcrossChannels (a contact's message joins their open ticket whatever the channel) threading.reopenWindowSeconds, and retention (days after which closed tickets and quarantined mail are deleted; null keeps forever)",
    reply: { status: 200, json: WorkspaceSettings },
  },
  {
    method: 'patch',
    path: '/api/admin/settings',
    tag: 'admin',
    auth: 'bearer',
    summary: 'Change workspace settings; only the fields given change (admins); 400 names a wrong field',
    body: c.WorkspaceSettingsPatch,
    reply: { status: 200, json: WorkspaceSettings },
  },
  {
    method: 'get',
    path: '/api/contacts/{id}/merge-suggestions',
    tag: 'contacts',
    auth: 'bearer',
    summary:
      'Contacts that may be the same person: an address seen on another channel without proof (merge them with POST /api/contacts/{id}/merge)',
    reply: { status: 200, json: z.object({ items: z.array(MergeSuggestion) }) },
  },
  {
    method: 'post',
    path: '/api/contacts/{id}/merge-suggestions/{otherId}/dismiss',
    tag: 'contacts',
    auth: 'bearer',
    summary:
      '"Not the same person": dismisses every open suggestion between the two contacts for good (204; 404 when there is none)',
    reply: { status: 204 },
  },
];
