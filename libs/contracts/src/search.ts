import { MESSAGE_DIRECTIONS, MESSAGE_KINDS, TICKET_STATUSES } from '@switchboard/domain/vocabulary';
import { z } from 'zod';
import { keyText } from './text.js';
import { TicketView, pageOf } from './views.js';

/** The longest search text: longer questions add nothing but parsing cost. */
export const SEARCH_TEXT_MAX = 200;

const SEARCH_TEXT_EMPTY = 'must not be empty: type the words, name, address or number to search for';
/** What `keyText()` allows: no control or bidi characters. */
const KEY_TEXT = /^[^\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]*$/;

/**
 * `GET /api/search`: full-text search of the tickets the caller may open. `from`/`to` bound the
 * time of the matched message (of the ticket's creation for subject and contact matches).
 */
export const TicketSearchQuery = z
  .strictObject({
    q: z
      // A missing `q` gets the same reason as an empty one.
      .string({ error: (issue) => (issue.input === undefined ? SEARCH_TEXT_EMPTY : 'must be text') })
      .regex(KEY_TEXT, 'must not contain control characters (NUL, line breaks, bidi controls)')
      .trim()
      .min(1, SEARCH_TEXT_EMPTY)
      .max(SEARCH_TEXT_MAX, `must be at most ${SEARCH_TEXT_MAX} characters`),
    status: z.union([z.enum(TICKET_STATUSES), z.literal('active')]).optional(),
    teamId: z.uuid('must be the id of a team').optional(),
    channel: keyText().max(40).optional(),
    from: z.iso
      .datetime({ offset: true, error: 'must be a date-time such as 2026-01-31T00:00:00Z' })
      .optional(),
    to: z.iso
      .datetime({ offset: true, error: 'must be a date-time such as 2026-01-31T00:00:00Z' })
      .optional(),
    cursor: keyText().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .refine((query) => !query.from || !query.to || Date.parse(query.from) < Date.parse(query.to), {
    path: ['to'],
    message: 'must be later than from',
  });
export type TicketSearchQuery = z.infer<typeof TicketSearchQuery>;

/** Where a ticket matched: a message or note, its subject or tags, its contact, or its number. */
export const SEARCH_MATCH_KINDS = ['message', 'subject', 'contact', 'number'] as const;
export type SearchMatchKind = (typeof SEARCH_MATCH_KINDS)[number];

/** The message a snippet comes from. */
export const SearchMessageView = z.object({
  id: z.string(),
  kind: z.enum(MESSAGE_KINDS),
  direction: z.enum(MESSAGE_DIRECTIONS),
  authorName: z.string().nullable(),
  createdAt: z.string().meta({ format: 'date-time' }),
});
export type SearchMessageView = z.infer<typeof SearchMessageView>;

/**
 * One ticket of the results, with its best match. `snippet` is HTML: the text is escaped and
 * only the matched words are wrapped in `<mark>`, so it can be shown as it is.
 */
export const TicketSearchHit = z.object({
  ticket: TicketView,
  message: SearchMessageView.optional(),
  snippet: z.string(),
  matchedIn: z.enum(SEARCH_MATCH_KINDS),
  /** How many of the ticket's messages and notes match. */
  messageMatches: z.number(),
});
export type TicketSearchHit = z.infer<typeof TicketSearchHit>;

export const TicketSearchPage = pageOf(TicketSearchHit);
export type TicketSearchPage = z.infer<typeof TicketSearchPage>;
