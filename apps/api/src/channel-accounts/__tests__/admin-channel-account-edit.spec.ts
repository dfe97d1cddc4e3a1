import { jest } from '@jest/globals';
import { EmailWatcherSupervisor } from '@switchboard/channel-email';
import type { DovecotServer, MailUser } from '../../test-support/dovecot.js';
import { mail } from '../../test-support/email-harness.js';
import type { SmtpSink } from '../../test-support/smtp-sink.js';
import { startMailTestApp, type MailTestApp } from '../../test-support/mail-test-app.js';
import { waitFor, type TestApp } from '../../test-support/test-app.js';

const HELP: MailUser = { user: 'help@shop.test', password: 'help-imap-pw' };

jest.setTimeout(90_000);

/** Admins change channel accounts in place: names, teams, settings, credentials, on and off, API keys. */
describe('editing channel accounts', () => {
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  let t: TestApp;
  let mailApp: MailTestApp;
  let admin: string;
  let emailId: string;

  const patch = (id: string, body: unknown, token = admin) =>
    t.request('PATCH', `/api/admin/channel-accounts/${id}`, { token, body });
  const testConnection = (id: string) =>
    t.request('POST', `/api/admin/channel-accounts/${id}/test`, { token: admin });
  const listed = async (id: string) =>
    (await t.request('GET', '/api/admin/channel-accounts', { token: admin })).body.items.find(
      (a: { id: string }) => a.id === id,
    );
  const ingested = async (externalId: string) =>
    (
      await t.db.query(
        `SELECT id FROM messages WHERE channel_account_id = $1 AND direction = 'in' AND external_id = $2`,
        [emailId, externalId],
      )
    ).length > 0;
  const watcherOf = (id: string) =>
    t.app
      .get(EmailWatcherSupervisor)
      .status()
      .find((w) => w.accountId === id);

  beforeAll(async () => {
    mailApp = await startMailTestApp([HELP], { pollIntervalMs: 500 });
    ({ t, dovecot, sink } = mailApp);
    admin = await t.adminToken();
    const res = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: {
        kind: 'email',
        name: 'Help desk',
        config: { address: HELP.user, imap: dovecot.imapConfig(HELP), smtp: sink.smtpConfig() },
      },
    });
    expect(res.status).toBe(201);
    emailId = res.body.id;
  });

  afterAll(async () => {
    await mailApp?.close();
  });

  it('renames and re-teams an account, and the list shows it', async () => {
    const teamId = await t.createTeam('Billing');
    const res = await patch(emailId, { name: 'Billing mailbox', teamId });
    expect(res.status).toBe(200);
    expect(await listed(emailId)).toMatchObject({ name: 'Billing mailbox', teamId, active: true });
  });

  it('changing only the sender name keeps the stored passwords: the connection test still succeeds', async () => {
    const res = await patch(emailId, { config: { fromName: 'Shop Help' } });
    expect(res.status).toBe(200);
    expect(res.body.config).toMatchObject({
      fromName: 'Shop Help',
      address: HELP.user,
      imap: { host: '127.0.0.1', user: HELP.user },
    });
    expect(JSON.stringify(res.body)).not.toContain(HELP.password);
    const test = await testConnection(emailId);
    expect(test.body).toMatchObject({ ok: true });
  });

  it('lists the mailbox server settings for the edit form but never a password', async () => {
    const account = await listed(emailId);
    expect(account.config.imap).toEqual({
      host: '127.0.0.1',
      port: dovecot.imapConfig(HELP).port,
      secure: false,
      user: HELP.user,
    });
    expect(JSON.stringify(account)).not.toContain(HELP.password);
  });

  it('refuses a bad value with a 400 naming the field, and changes nothing', async () => {
    const res = await patch(emailId, { config: { imap: { port: 'not-a-port' } } });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/config\.imap\.port/);
    const unknownField = await patch(emailId, { colour: 'blue' });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.message).toMatch(/colour/);
    expect((await testConnection(emailId)).body).toMatchObject({ ok: true });
  });

  it('answers 404 for an unknown account and 403 for an agent', async () => {
    expect((await patch('00000000-0000-4000-8000-000000000000', { name: 'x' })).status).toBe(404);
    expect((await patch('not-a-uuid', { name: 'x' })).status).toBe(404);
    const agent = await t.createUser({ email: 'agent@test.local' });
    expect((await patch(emailId, { name: 'Hijacked' }, agent.token)).status).toBe(403);
    expect(
      (await t.request('POST', `/api/admin/channel-accounts/${emailId}/rotate-key`, { token: agent.token }))
        .status,
    ).toBe(403);
    expect((await listed(emailId)).name).toBe('Billing mailbox');
  });

  it('a wrong IMAP password fails the test and the watcher reconnects with it; the right one works again', async () => {
    expect((await patch(emailId, { config: { imap: { password: 'wrong-password' } } })).status).toBe(200);
    const failed = await testConnection(emailId);
    expect(failed.body.ok).toBe(false);
    expect(failed.body.reason).toMatch(/IMAP/);
    await waitFor(() => watcherOf(emailId)?.lastError, 15_000, 'the watcher to fail with the new password');

    expect((await patch(emailId, { config: { imap: { password: HELP.password } } })).status).toBe(200);
    expect((await testConnection(emailId)).body).toMatchObject({ ok: true });
    await dovecot.append(
      HELP,
      mail({
        from: 'ann@customer.test',
        to: HELP.user,
        subject: 'Back online?',
        messageId: '<after-fix@customer.test>',
      }),
    );
    await waitFor(
      () => ingested('<after-fix@customer.test>'),
      30_000,
      'mail after the password fix to be stored',
    );
  });

  it('a disabled mailbox ingests nothing; enabled again, it picks up what arrived meanwhile', async () => {
    expect((await patch(emailId, { active: false })).status).toBe(200);
    expect((await listed(emailId)).active).toBe(false);
    await waitFor(() => !watcherOf(emailId), 10_000, 'the watcher to stop');
    await dovecot.append(
      HELP,
      mail({
        from: 'bob@customer.test',
        to: HELP.user,
        subject: 'While you were away',
        messageId: '<while-disabled@customer.test>',
      }),
    );
    // Several poll intervals and scans: a running watcher would have stored it by now.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await ingested('<while-disabled@customer.test>')).toBe(false);

    expect((await patch(emailId, { active: true })).status).toBe(200);
    await waitFor(
      () => ingested('<while-disabled@customer.test>'),
      30_000,
      'the mail that arrived while disabled to be stored',
    );
  });

  it('a disabled API account refuses inbound messages, and a rotated key replaces the old one', async () => {
    const account = await t.createApiAccount();
    const message = (n: number) => ({
      externalId: `m-${n}`,
      from: { handle: 'crm-user-7' },
      text: `hello ${n}`,
    });
    expect((await t.inbound(account, message(1))).status).toBe(200);

    expect((await patch(account.id, { active: false })).status).toBe(200);
    expect((await t.inbound(account, message(2))).status).toBe(404);
    expect((await patch(account.id, { active: true })).status).toBe(200);

    const rotated = await t.request('POST', `/api/admin/channel-accounts/${account.id}/rotate-key`, {
      token: admin,
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.apiKey).toMatch(/^sbk_/);
    expect((await t.inbound(account, message(3))).status).toBe(401);
    expect((await t.inbound({ id: account.id, apiKey: rotated.body.apiKey }, message(4))).status).toBe(200);
    expect(JSON.stringify(await listed(account.id))).not.toContain(rotated.body.apiKey);
  });

  it('rotating a key is for API accounts only', async () => {
    const res = await t.request('POST', `/api/admin/channel-accounts/${emailId}/rotate-key`, {
      token: admin,
    });
    expect(res.status).toBe(404);
  });
});
