import pg from 'pg';
import { ApiProcess, freePort } from './api-process.js';
import { createTestDatabase } from './test-database.js';

/**
 * What the "through a crash of the API" specs share: the built API as a child process on its own
 * database, a direct connection to read what was committed, a way to stall one outbox consumer,
 * and a stream of deliveries with a SIGKILL and restart halfway through.
 */
export interface CrashableApi {
  database: { url: string; drop(): Promise<void> };
  api: ApiProcess;
  /** Reads the database directly, to count what was committed whatever the API says. */
  client: pg.Client;
  close(): Promise<void>;
}

export async function startCrashableApi(): Promise<CrashableApi> {
  const database = await createTestDatabase();
  const api = new ApiProcess(await freePort(), { DATABASE_URL: database.url });
  await api.start();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  return {
    database,
    api,
    client,
    async close() {
      await api.stop();
      await client.end();
      await database.drop();
    },
  };
}

/**
 * Locks an outbox consumer's cursor row, so changes still commit but the consumer cannot react
 * to them until `release` (which rolls the lock back and disconnects).
 */
export async function holdOutboxConsumer(
  databaseUrl: string,
  consumer: string,
): Promise<{ release(): Promise<void> }> {
  const holder = new pg.Client({ connectionString: databaseUrl });
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query(`SELECT * FROM outbox_consumers WHERE consumer = $1 FOR UPDATE`, [consumer]);
  return {
    async release() {
      await holder.query('ROLLBACK');
      await holder.end();
    },
  };
}

/**
 * Delivers `total` items from 8 concurrent senders and, when the one in the middle is taken,
 * SIGKILLs the API and starts it again while the others keep sending. `deliver` must retry
 * while the API is down. Resolves once every item went through; says whether the kill happened.
 */
export async function deliverThroughKill(
  api: ApiProcess,
  total: number,
  deliver: (i: number) => Promise<unknown>,
): Promise<boolean> {
  let next = 0;
  let killed = false;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      if (i === total / 2 && !killed) {
        killed = true;
        void api.kill().then(() => api.start());
      }
      await deliver(i);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return killed;
}
