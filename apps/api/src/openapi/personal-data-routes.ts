import * as c from '@switchboard/contracts';
import { z } from 'zod';
import type { ApiRoute } from './api-routes.js';

/** A contact's personal data (export, erasure) and the retention policy: the routes for the OpenAPI document. */
const ContactErasure = z.object({
  contactId: z.uuid(),
  erasedAt: z.string(),
  tickets: z.number().int(),
  messages: z.number().int(),
  identities: z.number().int(),
  files: z.number().int(),
});
const WorkspaceSettings = z.object({ threading: c.ThreadingSettings, retention: c.RetentionSettings });

export const PERSONAL_DATA_ROUTES: ApiRoute[] = [
  {
    method: 'get',
    path: '/api/contacts/{id}/export',
    tag: 'contacts',
    auth: 'bearer',
    summary:
      'Everything about a contact as one zip (supervisors and admins; audited): contact.json (profile, custom fields, identities, notes, tickets with every message, messages on other tickets, survey answers) and the files and original mail those messages carry',
    reply: {
      status: 200,
      content: 'application/zip',
      description: 'contact.json and files/ticket-<number>/<message id>/…',
    },
  },
  {
    method: 'delete',
    path: '/api/contacts/{id}',
    tag: 'contacts',
    auth: 'bearer',
    summary:
      'Erase a contact (admins; audited; erase=true is required): message bodies, attachments, raw mail, identities, notes and profile are removed or blanked, files leave the data directory; tickets stay as anonymous statistics so reports count the same. 404 for an unknown contact',
    query: z.object({ erase: z.literal('true') }),
    reply: { status: 200, json: ContactErasure },
  },
  {
    method: 'put',
    path: '/api/admin/settings',
    tag: 'admin',
    auth: 'bearer',
    summary:
      'Change workspace settings as PATCH does (admins; audited), e.g. retention.deleteClosedTicketsAfterDays and retention.deleteQuarantineAfterDays (days, or null to keep forever); a worker deletes what is older and logs each batch in the audit log',
    body: c.WorkspaceSettingsPatch,
    reply: { status: 200, json: WorkspaceSettings },
  },
];
