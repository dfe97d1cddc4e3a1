import type { MailUser } from '../../test-support/dovecot.js';
import { startMailTestApp, type MailTestApp } from '../../test-support/mail-test-app.js';
import { waitFor } from '../../test-support/test-app.js';
import { Metrics } from '../metrics.js';

const MAILBOX: MailUser = { user: 'watched@mailbox-metrics.test', password: 'watched-pw' };

/** The value of one series in Prometheus text format, or undefined when it is absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w)));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

describe('a mailbox watcher shows in the metrics and on the System view', () => {
  let mailApp: MailTestApp;
  let accountId: string;

  beforeAll(async () => {
    mailApp = await startMailTestApp([MAILBOX]);
    const res = await mailApp.t.request('POST', '/api/admin/channel-accounts', {
      token: await mailApp.t.adminToken(),
      body: {
        kind: 'email',
        name: 'Watched mailbox',
        config: {
          address: MAILBOX.user,
          imap: mailApp.dovecot.imapConfig(MAILBOX),
          smtp: mailApp.sink.smtpConfig(),
        },
      },
    });
    if (res.status !== 201)
      throw new Error(`create email account: ${res.status} ${JSON.stringify(res.body)}`);
    accountId = res.body.id;
  }, 60_000);
  afterAll(async () => {
    await mailApp?.close();
  });

  it('connected watcher, the mail it stored, its last successful fetch, and the node holding it', async () => {
    const { t, dovecot } = mailApp;
    const metrics = t.app.get(Metrics);
    const scrape = () => metrics.registry.metrics();
    await waitFor(
      async () =>
        sample(await scrape(), 'switchboard_mailbox_watcher_connected', { mailbox: accountId }) === 1,
      20_000,
      'the watcher to connect',
    );
    await dovecot.append(
      MAILBOX,
      [
        'From: Ada <ada@example.com>',
        `To: ${MAILBOX.user}`,
        'Subject: Where is my order?',
        'Message-ID: <order-1@example.com>',
        'Date: Sun, 06 Dec 2026 10:00:00 +0000',
        '',
        'It has been a week.',
        '',
      ].join('\r\n'),
    );
    const text = await waitFor(
      async () => {
        const m = await scrape();
        return sample(m, 'switchboard_mailbox_messages_processed', { mailbox: accountId }) === 1 ? m : null;
      },
      20_000,
      'the mail to be stored',
    );
    expect(sample(text, 'switchboard_inbound_messages_total', { channel: 'email', result: 'stored' })).toBe(
      1,
    );

    // The fetch that stored the mail read the mailbox to the end: its time is the last successful fetch.
    const lastFetch = await waitFor(
      async () =>
        sample(await scrape(), 'switchboard_mailbox_last_fetch_timestamp_seconds', { mailbox: accountId }),
      10_000,
      'the last fetch time of the mailbox',
    );
    expect(Date.now() / 1000 - lastFetch).toBeGreaterThanOrEqual(0);
    expect(Date.now() / 1000 - lastFetch).toBeLessThan(60);

    const system = await t.request('GET', '/api/admin/system', { token: await t.adminToken() });
    const mailbox = system.body.mailboxes.find((m: { accountId: string }) => m.accountId === accountId);
    expect(mailbox.holder).toEqual(expect.any(String));
    // Recorded in the database by the node holding the mailbox, so every node's System view shows it.
    expect(Date.now() - Date.parse(mailbox.lastFetchAt)).toBeLessThan(60_000);
    const channel = system.body.channels.find((c: { id: string }) => c.id === accountId);
    expect(channel.lastInboundAt).not.toBeNull();
  }, 60_000);
});
