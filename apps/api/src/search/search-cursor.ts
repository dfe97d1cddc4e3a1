import { isUuid } from '@switchboard/contracts';

/** Where the next page starts: the last ticket's score, last activity and id (the sort order). */
export interface SearchCursor {
  score: number;
  /** The ticket's `updated_at` in UTC to the microsecond (`SEARCH_CURSOR_TIME`): JS dates keep only milliseconds. */
  updatedAt: string;
  ticketId: string;
}

/** How the search query prints `updated_at` for a cursor. */
export const SEARCH_CURSOR_TIME = `to_char(t.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** A real instant: the pattern alone lets 2026-02-30 through, which PostgreSQL would refuse with a 500. */
function isCursorTime(text: string): boolean {
  if (!CURSOR_TIME.test(text)) return false;
  const time = Date.parse(text);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 19) === text.slice(0, 19);
}

export function encodeSearchCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify([cursor.score, cursor.updatedAt, cursor.ticketId])).toString('base64url');
}

/** A cursor this API handed out, or null: only a number, a timestamp and a uuid reach the SQL. */
export function decodeSearchCursor(text: string): SearchCursor | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 3) return null;
  const [score, updatedAt, ticketId] = value as unknown[];
  if (typeof score !== 'number' || !Number.isFinite(score)) return null;
  if (typeof updatedAt !== 'string' || !isCursorTime(updatedAt)) return null;
  if (typeof ticketId !== 'string' || !isUuid(ticketId)) return null;
  return { score, updatedAt, ticketId };
}
