import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Message search newest first without reading every match. The search index alone answers
 * "which messages have these words" but not in time order, so a word in a few percent of ten
 * million messages meant fetching every match to keep the newest. With the week a message was
 * written as a second key of the same index (`btree_gin`), a search asks for this week's matches,
 * then last week's, and stops once it has enough: each week is one exact lookup of the index (a
 * range of weeks would be a partial match, which gathers the whole range first), and a common
 * word or phrase is found in the first.
 */
export class SearchNewestWeeks1764004400000 implements MigrationInterface {
  name = 'SearchNewestWeeks1764004400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    // Weeks since the epoch: an instant's epoch seconds do not depend on the time zone, so the
    // function is immutable even though extract() over timestamptz is only declared stable.
    await q.query(`
      CREATE FUNCTION search_week(at timestamptz) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
        SELECT floor(extract(epoch FROM at) / 604800)::integer
      $$`);
    // One sort in memory rather than many merges on disk for a large inbox.
    await q.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    await q.query(
      `CREATE INDEX ix_messages_search_week ON messages USING gin (search_week(created_at), search_vector)`,
    );
    // The new index answers word-only lookups too.
    await q.query(`DROP INDEX ix_messages_search`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_messages_search ON messages USING gin (search_vector)`);
    await q.query(`DROP INDEX ix_messages_search_week`);
    await q.query(`DROP FUNCTION search_week(timestamptz)`);
  }
}
