import { jest } from '@jest/globals';
import { DovecotServer, type MailUser } from '../test-support/dovecot.js';
import { mail } from '../test-support/email-harness.js';
import { createChannelAccount, login, reportFault, waitFor } from '../test-support/fault-traffic.js';
import { SmtpSink } from '../test-support/smtp-sink.js';
import { Topology } from '../test-support/topology.js';

jest.setTimeout(300_000);

const BOX: MailUser = { user: 'support@faults.test', password: 'faults-pw' };
const DOWN_MS = 6_000;
const BEFORE = 15;
const AT_RESTART = 10;
const AFTER = 15;

describe('the IMAP server of a mailbox restarts', () => {
  let topology: Topology;
  let dovecot: DovecotServer;
  let sink: SmtpSink;

  beforeAll(async () => {
    dovecot = await DovecotServer.start([BOX]);
    sink = await new SmtpSink().start();
    topology = await Topology.start({
      // Logs on: the worker's reconnect lines show the backoff.
      env: {
        EMAIL_ACCOUNT_SCAN_MS: '300',
        EMAIL_LEASE_SECONDS: '10',
        EMAIL_POLL_INTERVAL_MS: '1000',
        LOG_LEVEL: 'info',
      },
    });
  });
  afterAll(async () => {
    await topology?.stop();
    await sink?.stop();
    await dovecot?.stop();
  });

  it('the watcher reconnects with growing delays, and every mail, before, at and after the restart, is stored exactly once', async () => {
    const proxy = topology.proxy.url;
    const token = await login(proxy);
    const account = await createChannelAccount(proxy, token, {
      kind: 'email',
      name: 'fault: imap',
      config: { address: BOX.user, imap: dovecot.imapConfig(BOX), smtp: sink.smtpConfig() },
    });
    const sent: string[] = [];
    const append = async (n: number, label: string) => {
      for (let i = 0; i < n; i++) {
        const messageId = `<${label}-${i}@customer.test>`;
        await dovecot.append(
          BOX,
          mail({ from: `pat${i % 5}@customer.test`, to: BOX.user, subject: `${label} ${i}`, messageId }),
        );
        sent.push(messageId);
      }
    };
    const ledger = async () => {
      const { rows } = await topology.db.query<{ external_id: string; n: number }>(
        `SELECT external_id, count(*)::int AS n FROM messages WHERE channel_account_id = $1 AND direction = 'in' GROUP BY 1`,
        [account.id],
      );
      return new Map(rows.map((r) => [r.external_id, r.n]));
    };

    await append(BEFORE, 'before');
    await waitFor(async () => (await ledger()).size === BEFORE, 60_000, 'the first mails to be stored');
    // Mail lands just before the restart, some of it while the watcher is mid-fetch.
    await append(AT_RESTART, 'restart');
    const worker = topology.workers[0];
    const logFrom = worker.output.length;
    await dovecot.restart(DOWN_MS);
    const upAt = Date.now();
    await append(AFTER, 'after');
    let firstAfter = 0;
    await waitFor(
      async () => {
        const stored = await ledger();
        if (!firstAfter && [...stored.keys()].some((id) => id.startsWith('<after-'))) firstAfter = Date.now();
        return sent.every((id) => stored.has(id));
      },
      90_000,
      'every mail to be stored',
    );

    const stored = await ledger();
    const total = [...stored.values()].reduce((a, b) => a + b, 0);
    const row = {
      scenario: 'e. IMAP server restart',
      sent: sent.length,
      // Mail has no acknowledgement to its sender: what the server accepted counts.
      acknowledged: sent.length,
      stored: total,
      duplicated: [...stored.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0),
      lost: sent.filter((id) => !stored.has(id)).length,
      recoverySeconds: Math.round((firstAfter - upAt) / 100) / 10,
    };
    reportFault(row);
    const delays = [...worker.output.slice(logFrom).matchAll(/reconnecting in (\d+) ms/g)].map((m) =>
      Number(m[1]),
    );
    console.log(`imap restart: the watcher waited ${JSON.stringify(delays)} ms between attempts`);

    expect(row).toMatchObject({ duplicated: 0, lost: 0, stored: sent.length });
    // Backoff: while the server was away the watcher waited longer after each failed attempt.
    expect(delays.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThan(delays[i - 1]);
    expect(worker.exit).toBeNull();
  });
});
