import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DovecotServer, type MailUser } from './dovecot.js';
import { SmtpSink } from './smtp-sink.js';
import { startTestApp, type TestApp } from './test-app.js';

/** The app on its own data directory, with a real Dovecot holding `mailboxes` and an SMTP sink. */
export interface MailTestApp {
  t: TestApp;
  dovecot: DovecotServer;
  sink: SmtpSink;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * Starts what the email API tests share. Mailbox scans and polls are fast so a test waits
 * seconds, not minutes; the app reads these when it starts.
 */
export async function startMailTestApp(
  mailboxes: MailUser[],
  { pollIntervalMs = 1000, accountScanMs = 300 } = {},
): Promise<MailTestApp> {
  process.env.EMAIL_ACCOUNT_SCAN_MS = String(accountScanMs);
  process.env.EMAIL_POLL_INTERVAL_MS = String(pollIntervalMs);
  process.env.EMAIL_LEASE_SECONDS = '10';
  const dovecot = await DovecotServer.start(mailboxes);
  const sink = await new SmtpSink().start();
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-mail-test-'));
  const close = async () => {
    await t?.close();
    await sink.stop();
    await dovecot.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  let t: TestApp | undefined;
  try {
    t = await startTestApp({ dataDir });
  } catch (error) {
    await close();
    throw error;
  }
  return { t, dovecot, sink, dataDir, close };
}
