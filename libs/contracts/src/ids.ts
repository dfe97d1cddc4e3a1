/**
 * The one check for ids taken from paths, sockets and cursors before they reach a `uuid`
 * column: anything else (such as 36 dashes) would make PostgreSQL fail the query.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
