import { z } from 'zod';
import { RetentionSettings } from './personal-data.js';

/** The longest reopen window an admin may set: a year. */
export const MAX_REOPEN_WINDOW_SECONDS = 365 * 24 * 3600;

/** How inbound messages find their ticket, for the whole workspace. */
export const ThreadingSettings = z.strictObject({
  /** A message from a contact with an open ticket joins it, whatever channel it came by. */
  joinAcrossChannels: z.boolean('must be true or false'),
  /** A solved ticket takes the customer's next message for this long after solving; later it opens a new one. */
  reopenWindowSeconds: z
    .number('must be a number of seconds')
    .int('must be a whole number of seconds')
    .min(0, 'must be 0 or more')
    .max(MAX_REOPEN_WINDOW_SECONDS, `must be at most ${MAX_REOPEN_WINDOW_SECONDS} (a year)`),
});
export type ThreadingSettings = z.infer<typeof ThreadingSettings>;

/** `GET /api/admin/settings`: the workspace settings. */
export interface WorkspaceSettingsView {
  threading: ThreadingSettings;
  retention: RetentionSettings;
}

/** `PATCH` (or `PUT`) `/api/admin/settings`: only the fields given change. */
export const WorkspaceSettingsPatch = z.strictObject({
  threading: ThreadingSettings.partial().optional(),
  retention: RetentionSettings.partial().optional(),
});
export type WorkspaceSettingsPatch = z.infer<typeof WorkspaceSettingsPatch>;

/** `GET /api/contacts/:id/merge-suggestions`: another contact that may be the same person. */
export interface ContactMergeSuggestionView {
  id: string;
  /** The other contact, the one the console offers to merge into this one. */
  contact: { id: string; name: string | null };
  /** The address both were seen with (an email typed into the chat form, say). */
  identity: { kind: string; address: string };
  createdAt: string;
}
