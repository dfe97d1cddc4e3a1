import { createHash } from 'node:crypto';
import type { AppConfig } from '../config/app-config.js';

/**
 * A short name for this deployment in shared Redis keys: deployments (and test runs) that share
 * one Redis keep their keys apart because each names the database it belongs to. The password
 * is left out of the hash so rotating it does not reset anything.
 */
export function deploymentPrefix(config: Pick<AppConfig, 'databaseUrl'>): string {
  const database = new URL(config.databaseUrl ?? 'postgres://embedded');
  database.password = '';
  return createHash('sha256').update(database.toString()).digest('base64url').slice(0, 12);
}
