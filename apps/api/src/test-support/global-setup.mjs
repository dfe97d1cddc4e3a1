// Finds the PostgreSQL the integration tests use: TEST_DATABASE_URL, else the machine's server at
// 127.0.0.1:5432, else an embedded one started here (each test file then creates its own database).
import { mkdtempSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

async function reachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export default async function globalSetup() {
  const candidate = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (await reachable(candidate)) {
    process.env.SWITCHBOARD_TEST_ADMIN_URL = candidate;
    return;
  }
  const { startEmbeddedPostgres } = await import('../../dist/database/embedded-postgres.js');
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-test-pg-'));
  chmodSync(dir, 0o755);
  const db = await startEmbeddedPostgres(dir);
  globalThis.__SWITCHBOARD_EMBEDDED_PG__ = db;
  process.env.SWITCHBOARD_TEST_ADMIN_URL = db.url.replace(/\/switchboard$/, '/postgres');
}
