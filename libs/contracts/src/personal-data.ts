import { z } from 'zod';

/** The longest retention an admin may set: a hundred years (anything longer is "keep forever", null). */
export const MAX_RETENTION_DAYS = 36_500;

const retentionDays = z
  .number('must be a number of days, or null to keep forever')
  .int('must be a whole number of days')
  .min(1, 'must be at least 1 day')
  .max(MAX_RETENTION_DAYS, `must be at most ${MAX_RETENTION_DAYS} days`)
  .nullable();

/** How long the workspace keeps what it no longer needs; null keeps it forever (the default). */
export const RetentionSettings = z.strictObject({
  /** Closed tickets (with their messages and files) are deleted this many days after closing. */
  deleteClosedTicketsAfterDays: retentionDays,
  /** Quarantined mail (too large or unparsable) is deleted this many days after it arrived. */
  deleteQuarantineAfterDays: retentionDays,
});
export type RetentionSettings = z.infer<typeof RetentionSettings>;

/** `DELETE /api/contacts/:id?erase=true`: what the erasure removed or blanked. */
export interface ContactErasureView {
  contactId: string;
  erasedAt: string;
  tickets: number;
  messages: number;
  identities: number;
  files: number;
}
