import { DataSource, type DataSourceOptions } from 'typeorm';

/** The advisory lock every node takes while migrating; any constant no other lock of the app uses. */
export const MIGRATION_LOCK_KEY = 7_301_880_291;

/**
 * Opens the data source and runs pending migrations while holding a PostgreSQL advisory lock
 * on one dedicated connection. Nodes that start together wait in turn: the first applies the
 * migrations, the others find nothing pending. Without the lock two nodes on an empty database
 * both try CREATE TABLE and one of them fails to start.
 */
export async function migrateUnderLock(options?: DataSourceOptions): Promise<DataSource> {
  if (!options) throw new Error('database options are missing');
  const dataSource = await new DataSource({ ...options, migrationsRun: false }).initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await dataSource.runMigrations();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  } catch (err) {
    await runner.release().catch(() => undefined);
    await dataSource.destroy().catch(() => undefined);
    throw err;
  }
  await runner.release();
  return dataSource;
}
