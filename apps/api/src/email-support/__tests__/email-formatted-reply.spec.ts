import { jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { buildMessageId } from '@switchboard/channel-email';
import type { DovecotServer, MailUser } from '../../test-support/dovecot.js';
import { mail } from '../../test-support/email-harness.js';
import type { SmtpSink } from '../../test-support/smtp-sink.js';
import { startMailTestApp, type MailTestApp } from '../../test-support/mail-test-app.js';
import { waitFor, type TestApp } from '../../test-support/test-app.js';

const SUPPORT: MailUser = { user: 'format@support.test', password: 'format-pw' };

jest.setTimeout(120_000);

describe('a formatted email reply (real Dovecot and SMTP server)', () => {
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  let t: TestApp;
  let mailApp: MailTestApp;
  let accountId: string;
  let agent: { id: string; token: string };

  beforeAll(async () => {
    mailApp = await startMailTestApp([SUPPORT]);
    ({ t, dovecot, sink } = mailApp);
    const admin = await t.adminToken();
    const teamId = await t.createTeam('Formatting');
    const res = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: {
        kind: 'email',
        name: 'Format mailbox',
        teamId,
        config: { address: SUPPORT.user, imap: dovecot.imapConfig(SUPPORT), smtp: sink.smtpConfig() },
      },
    });
    if (res.status !== 201)
      throw new Error(`create email account: ${res.status} ${JSON.stringify(res.body)}`);
    accountId = res.body.id;
    agent = await t.createUser({ email: 'fay@agents.test', teamIds: [teamId] });
  });

  afterAll(async () => {
    await mailApp?.close();
  });

  it('arrives as sanitized HTML with a plain-text alternative, under the Message-ID of its idempotency key', async () => {
    const customer = 'carla@customer.test';
    const messageId = `<fmt-${randomBytes(4).toString('hex')}@customer.test>`;
    await dovecot.append(
      SUPPORT,
      mail({ from: customer, to: SUPPORT.user, subject: 'Router down', text: 'It blinks red.', messageId }),
    );
    const row = await waitFor(
      () =>
        t.db.one<{ ticket_id: string }>(
          `SELECT ticket_id FROM messages WHERE channel_account_id = $1 AND external_id = $2`,
          [accountId, messageId],
        ),
      30_000,
      'the customer mail to be stored',
    );
    const body = [
      'Hi Carla,',
      'please **restart** the _router_:',
      '',
      '1. unplug it',
      '2. read [the guide](https://example.com/guide)',
      '',
      '<img src=x onerror=alert(1)> [bad](javascript:alert(1))',
    ].join('\n');
    const sent = await t.request('POST', `/api/tickets/${row!.ticket_id}/messages`, {
      token: agent.token,
      body: { kind: 'reply', body, format: 'markdown' },
    });
    expect(sent.status).toBe(201);

    const received = await waitFor(
      () => sink.received.find((m) => m.to.includes(customer)),
      30_000,
      'the reply at the SMTP sink',
    );
    const p = received.parsed;
    expect(p.messageId).toBe(buildMessageId(sent.body.id, 'support.test'));
    expect(p.inReplyTo).toBe(messageId);
    const html = String(p.html);
    expect(html).toContain('<strong>restart</strong>');
    expect(html).toContain('<em>router</em>');
    expect(html).toMatch(/<ol>\s*<li>unplug it<\/li>/);
    expect(html).toContain(
      '<a href="https://example.com/guide" rel="noopener noreferrer" target="_blank">the guide</a>',
    );
    // Markup the agent typed is shown as text, and a javascript: link is no link.
    expect(html).not.toMatch(/<img|href="javascript:/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(p.text).toContain('please restart the router:');
    expect(p.text).toContain('read the guide (https://example.com/guide)');
    expect(p.text).not.toContain('**');
    // The timeline shows what the customer got: the same HTML, and its plain form as the text.
    expect(sent.body.html).toContain('<strong>restart</strong>');
    expect(sent.body.text).toContain('please restart the router:');
  });
});
