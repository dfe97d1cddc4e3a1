import { DovecotServer, type MailUser } from '../../../api/src/test-support/dovecot';
import { SmtpSink } from '../../../api/src/test-support/smtp-sink';
import pg from 'pg';
import { ADMIN, ApiServer } from './api-server';
import { CallbackReceiver } from './callback-receiver';
import { createDatabase, type TestDatabase } from './database';
import { TestBrowser } from './browser';
import { Rest, seed, type Seeded } from './seed';

export interface Environment {
  databaseUrl: string;
  api: ApiServer;
  rest: Rest;
  receiver: CallbackReceiver;
  browser: TestBrowser;
  seeded: Seeded;
  stop(): Promise<void>;
}

/**
 * The same, plus a real IMAP server with `mailboxes`, an SMTP sink and a database client, for
 * email in the browser. `connectMailbox` adds one of the mailboxes as an email channel of Support.
 */
export interface MailEnvironment extends Environment {
  dovecot: DovecotServer;
  sink: SmtpSink;
  db: pg.Client;
  connectMailbox(name: string, mailbox: MailUser): Promise<void>;
}

export async function startMailEnvironment(mailboxes: MailUser[]): Promise<MailEnvironment> {
  const [env, dovecot, sink] = await Promise.allSettled([
    startEnvironment(),
    DovecotServer.start(mailboxes),
    new SmtpSink().start(),
  ]);
  let db: pg.Client | undefined;
  const stop = async () => {
    await db?.end().catch(() => undefined);
    if (env.status === 'fulfilled') await env.value.stop();
    if (dovecot.status === 'fulfilled') await dovecot.value.stop().catch(() => undefined);
    if (sink.status === 'fulfilled') await sink.value.stop().catch(() => undefined);
  };
  if (env.status === 'rejected' || dovecot.status === 'rejected' || sink.status === 'rejected') {
    await stop();
    throw [env, dovecot, sink].map((r) => (r.status === 'rejected' ? r.reason : null)).find(Boolean);
  }
  try {
    db = new pg.Client({ connectionString: env.value.databaseUrl });
    await db.connect();
  } catch (error) {
    await stop();
    throw error;
  }
  const { rest, seeded } = env.value;
  const connectMailbox = async (name: string, mailbox: MailUser) => {
    await rest.ok('POST', '/api/admin/channel-accounts', {
      token: await rest.login(ADMIN.email, ADMIN.password),
      body: {
        kind: 'email',
        name,
        teamId: seeded.support.id,
        config: {
          address: mailbox.user,
          imap: dovecot.value.imapConfig(mailbox),
          smtp: sink.value.smtpConfig(),
        },
      },
    });
  };
  return { ...env.value, dovecot: dovecot.value, sink: sink.value, db, connectMailbox, stop };
}

/** A fresh database, the built API on it, a callback receiver, seeded people and chromium. */
export async function startEnvironment(): Promise<Environment> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const database: TestDatabase = await createDatabase();
    cleanups.push(() => database.drop());
    const receiver = await new CallbackReceiver().start();
    cleanups.push(() => receiver.stop());
    const api = await ApiServer.create(database.url);
    cleanups.push(() => api.stop());
    const [browser] = await Promise.all([TestBrowser.launch(), api.start()]);
    cleanups.push(() => browser.close());
    const rest = new Rest(api.url);
    const seeded = await seed(rest, receiver.url);
    return { databaseUrl: database.url, api, rest, receiver, browser, seeded, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Polls until `check` returns a truthy value; fails with `what` when it never does. */
export async function eventually<T>(
  what: string,
  check: () => T | Promise<T>,
  timeoutMs = 20_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
