import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { bootLogger, createApp } from './bootstrap.js';
import { loadConfig } from './config/app-config.js';
import type { EmbeddedDatabase } from './database/embedded-postgres.js';
import { AppLogger } from './observability/app-logger.js';

/** Without SWITCHBOARD_SECRETS_KEY a key is generated once into DATA_DIR, readable by root only. */
function secretsKeyFrom(dataDir: string): string {
  const file = join(dataDir, 'secrets.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

async function main(): Promise<void> {
  const config = loadConfig();
  // JSON log lines from the first one on, with the configured secrets masked.
  Logger.overrideLogger(new AppLogger(config));
  let embedded: EmbeddedDatabase | null = null;
  if (!config.databaseUrl) {
    bootLogger.log(`No DATABASE_URL: starting the embedded PostgreSQL under ${join(config.dataDir, 'pg')}`);
    // Loaded only when used, and its signal handlers taken off: the embedded-postgres package hooks
    // SIGTERM and SIGINT on import and exits with 143 as soon as its cluster stopped, cutting a
    // graceful shutdown short. `stop` below stops the cluster itself, after the API closed.
    const signals = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;
    const ours = new Map(signals.map((signal) => [signal, process.listeners(signal)]));
    const { startEmbeddedPostgres } = await import('./database/embedded-postgres.js');
    for (const signal of signals)
      for (const listener of process.listeners(signal))
        if (!ours.get(signal)!.includes(listener)) process.removeListener(signal, listener);
    embedded = await startEmbeddedPostgres(config.dataDir, undefined, (line) => bootLogger.log(line));
    config.databaseUrl = embedded.url;
  }
  config.secretsKey ??= secretsKeyFrom(config.dataDir);
  const app = await createApp(config);
  if (config.role !== 'worker') {
    await app.listen(config.port, config.host);
    bootLogger.log(`Switchboard listening on http://localhost:${config.port} (role ${config.role})`);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    // app.close() turns readiness to 503, stops accepting connections, lets in-flight requests
    // and sends finish, releases mailbox leases and closes sockets so clients reconnect elsewhere.
    bootLogger.log(`${signal}: shutting down`);
    await app.close().catch((err) => bootLogger.error(`shutdown: ${String(err)}`));
    await embedded?.stop().catch(() => undefined);
    bootLogger.log('shutdown complete');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  bootLogger.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
