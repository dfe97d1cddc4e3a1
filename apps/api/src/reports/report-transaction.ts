import type { Db, Sql } from '../common/db.js';

/**
 * Runs report queries in one read-only transaction without PostgreSQL's JIT compiler: the
 * planner's cost estimate for a year of tickets crosses the JIT threshold, and compiling the
 * expressions then took longer (0.8 s measured) than running the query it was meant to speed up.
 */
export function reportTransaction<T>(db: Db, work: (sql: Sql) => Promise<T>): Promise<T> {
  return db.tx(async (sql) => {
    await sql.query('SET TRANSACTION READ ONLY');
    await sql.query('SET LOCAL jit = off');
    return work(sql);
  });
}
