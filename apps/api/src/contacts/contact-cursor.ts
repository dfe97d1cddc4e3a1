import { isUuid } from '@switchboard/contracts';
import { invalid } from '@switchboard/domain';

/**
 * Keyset cursors over (created_at, id). The time travels as whole microseconds since the epoch,
 * read and compared in SQL: a JavaScript Date keeps milliseconds only, and a cursor rounded to
 * them would skip or repeat rows created within the same millisecond.
 */
export const MICROS_SQL = (column: string) => `(extract(epoch from ${column}) * 1000000)::bigint::text`;
export const FROM_MICROS_SQL = (param: string) =>
  `('epoch'::timestamptz + ${param}::bigint * interval '1 microsecond')`;

export function encodeCursor(micros: string, id: string): string {
  return Buffer.from(`${micros}|${id}`).toString('base64url');
}

/** The cursor this API handed out, or a 400 naming the field: only digits and a uuid reach SQL. */
export function decodeCursor(cursor: string): { micros: string; id: string } {
  const [micros, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (rest.length || !/^-?\d{1,18}$/.test(micros ?? '') || !isUuid(id))
    throw invalid('cursor: must be a nextCursor returned by this list');
  return { micros, id };
}
