import { jest } from '@jest/globals';
import { PROCESSED_KEYWORD } from '@switchboard/channel-email';
import type { MailUser } from '../../test-support/dovecot.js';
import { mail } from '../../test-support/email-harness.js';
import { startMailTestApp, type MailTestApp } from '../../test-support/mail-test-app.js';
import { waitFor, type TestApp } from '../../test-support/test-app.js';

const BACKLOG: MailUser = { user: 'backlog@support.test', password: 'backlog-pw' };
const FRESH: MailUser = { user: 'fresh@support.test', password: 'fresh-pw' };
const PAUSED: MailUser = { user: 'paused@support.test', password: 'paused-pw' };

/** Far longer than any wait below: only the announcement of a change can start a watcher in time. */
const ACCOUNT_SCAN_MS = 120_000;
/** Well under the 5-second account scan that a new mailbox used to wait for. */
const PROMPT_MS = 3_000;

jest.setTimeout(240_000);

describe('email ingest in batches, against a real Dovecot', () => {
  let mailApp: MailTestApp;
  let t: TestApp;
  let admin: string;

  async function createAccount(user: MailUser): Promise<string> {
    const res = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: {
        kind: 'email',
        name: user.user,
        config: {
          address: user.user,
          imap: mailApp.dovecot.imapConfig(user),
          smtp: mailApp.sink.smtpConfig(),
        },
      },
    });
    if (res.status !== 201)
      throw new Error(`create email account: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  const inbound = (accountId: string) =>
    t.db.query<{ external_id: string; ticket_id: string }>(
      `SELECT external_id, ticket_id FROM messages WHERE channel_account_id = $1 AND direction = 'in'`,
      [accountId],
    );

  beforeAll(async () => {
    mailApp = await startMailTestApp([BACKLOG, FRESH, PAUSED], { accountScanMs: ACCOUNT_SCAN_MS });
    t = mailApp.t;
    admin = await t.adminToken();
  });

  afterAll(async () => {
    await mailApp?.close();
  });

  it('a backlog of 200 mails, replies answering mail of the same batch, becomes one message each on the right tickets', async () => {
    // 50 conversations of 4 mails (a question and three follow-ups, each answering the one
    // before), interleaved as they would arrive, so most replies share a FETCH with their parent.
    const conversations = 50;
    const idOf = (c: number, n: number) => `<conv-${c}-${n}@customer.test>`;
    const raws: string[] = [];
    for (let n = 0; n < 4; n++)
      for (let c = 0; c < conversations; c++)
        raws.push(
          mail({
            from: `Customer ${c} <customer-${c}@customer.test>`,
            to: BACKLOG.user,
            subject: n === 0 ? `Order ${c} is late` : `Re: Order ${c} is late`,
            text: `Message ${n} about order ${c}`,
            messageId: idOf(c, n),
            ...(n > 0
              ? {
                  inReplyTo: idOf(c, n - 1),
                  references: Array.from({ length: n }, (_, k) => idOf(c, k)).join(' '),
                }
              : {}),
          }),
        );
    await mailApp.dovecot.appendMany(BACKLOG, raws);
    const accountId = await createAccount(BACKLOG);

    await waitFor(async () => (await inbound(accountId)).length >= raws.length, 180_000, 'all 200 mails');
    await waitFor(
      async () => [...(await mailApp.dovecot.flags(BACKLOG)).values()].every((f) => f.has(PROCESSED_KEYWORD)),
      30_000,
      'every mail to be flagged',
    );
    const stored = await inbound(accountId);
    expect(stored).toHaveLength(200);
    expect(new Set(stored.map((m) => m.external_id)).size).toBe(200);
    const ticketOf = new Map(stored.map((m) => [m.external_id, m.ticket_id]));
    const firstTickets = new Set<string>();
    for (let c = 0; c < conversations; c++) {
      const first = ticketOf.get(idOf(c, 0));
      expect(first).toBeDefined();
      for (let n = 1; n < 4; n++) expect(ticketOf.get(idOf(c, n))).toBe(first);
      firstTickets.add(first!);
    }
    expect(firstTickets.size).toBe(conversations);
    const tickets = await t.db.query(`SELECT id FROM tickets WHERE channel_account_id = $1`, [accountId]);
    expect(tickets).toHaveLength(conversations);
  });

  it('a new mailbox is watched at once: its waiting mail becomes a ticket long before the next account scan', async () => {
    await mailApp.dovecot.append(
      FRESH,
      mail({
        from: 'kim@customer.test',
        to: FRESH.user,
        subject: 'Waiting in a new mailbox',
        messageId: '<waiting-1@customer.test>',
      }),
    );
    const started = Date.now();
    const accountId = await createAccount(FRESH);
    await waitFor(async () => (await inbound(accountId)).length === 1, PROMPT_MS, 'the waiting mail');
    expect(Date.now() - started).toBeLessThan(PROMPT_MS);
  });

  it('a re-enabled mailbox is watched again at once and picks up what arrived while it was off', async () => {
    const accountId = await createAccount(PAUSED);
    const patch = (active: boolean) =>
      t.request('PATCH', `/api/admin/channel-accounts/${accountId}`, { token: admin, body: { active } });
    const leaseHeld = async () =>
      (
        await t.db.query(
          `SELECT 1 FROM email_mailbox_leases WHERE channel_account_id = $1 AND expires_at > now()`,
          [accountId],
        )
      ).length === 1;
    await waitFor(leaseHeld, PROMPT_MS, 'the new mailbox to be watched');

    expect((await patch(false)).status).toBe(200);
    await waitFor(async () => !(await leaseHeld()), PROMPT_MS, 'the watcher to stop and give up its lease');
    await mailApp.dovecot.append(
      PAUSED,
      mail({
        from: 'lee@customer.test',
        to: PAUSED.user,
        subject: 'While you were off',
        messageId: '<while-off@customer.test>',
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await inbound(accountId)).toHaveLength(0);

    const started = Date.now();
    expect((await patch(true)).status).toBe(200);
    await waitFor(
      async () => (await inbound(accountId)).length === 1,
      PROMPT_MS,
      'the mail from while it was off',
    );
    expect(Date.now() - started).toBeLessThan(PROMPT_MS);
  });
});
