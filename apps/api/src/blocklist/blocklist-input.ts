import { z } from 'zod';
import { BLOCKLIST_KINDS } from './blocked-senders.js';

/** `POST /api/admin/blocklist`: a contact id, a channel handle (email, phone, chat or API sender) or a domain. */
export const NewBlocklistEntry = z
  .object({
    kind: z.enum(BLOCKLIST_KINDS),
    value: z.string().trim().min(1).max(320),
  })
  .strict();
export type NewBlocklistEntry = z.infer<typeof NewBlocklistEntry>;

/** `GET /api/spam/tickets`: a search over the spam view, paged by `cursor`. */
export const SpamListQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();
export type SpamListQuery = z.infer<typeof SpamListQuery>;
