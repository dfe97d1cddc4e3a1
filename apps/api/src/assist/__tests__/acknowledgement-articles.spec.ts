import { jest } from '@jest/globals';
import type { DovecotServer, MailUser } from '../../test-support/dovecot.js';
import { mail } from '../../test-support/email-harness.js';
import { FakeChatCompletions } from '../../test-support/fake-chat-completions.js';
import { startMailTestApp, type MailTestApp } from '../../test-support/mail-test-app.js';
import type { SmtpSink } from '../../test-support/smtp-sink.js';
import { waitFor, type TestApp } from '../../test-support/test-app.js';

const ACK: MailUser = { user: 'help@ack-articles.test', password: 'help-pw' };

jest.setTimeout(120_000);

describe('acknowledgement mails with help articles for the customer’s question (real Dovecot and SMTP)', () => {
  let mailApp: MailTestApp;
  let t: TestApp;
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  let provider: FakeChatCompletions;
  let admin: string;

  const acknowledgementTo = (address: string) =>
    waitFor(
      () => sink.received.find((m) => m.to.includes(address)),
      30_000,
      `the acknowledgement to ${address}`,
    );
  const saveSettings = async (acknowledgementArticles: boolean) => {
    const res = await t.request('PUT', '/api/admin/assist-settings', {
      token: admin,
      // AI assist itself stays off: the articles come from the help center's own search.
      body: {
        enabled: false,
        baseUrl: provider.baseUrl,
        model: 'unused',
        maskPersonalData: true,
        acknowledgementArticles,
        linkBaseUrl: 'https://help.example.com',
      },
    });
    expect(res.status).toBe(200);
  };
  const article = async (title: string, body: string, status = 'published') => {
    const res = await t.request('POST', '/api/kb/articles', {
      token: admin,
      body: { title, body, locale: 'en', status },
    });
    expect(res.status).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    provider = await new FakeChatCompletions().start();
    mailApp = await startMailTestApp([ACK]);
    ({ t, dovecot, sink } = mailApp);
    admin = await t.adminToken();
    const team = await t.createTeam('Mail');
    const account = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: {
        kind: 'email',
        name: ACK.user,
        teamId: team,
        config: {
          address: ACK.user,
          imap: dovecot.imapConfig(ACK),
          smtp: sink.smtpConfig(),
          autoAcknowledge: { enabled: true, capPerHour: 5 },
        },
      },
    });
    expect(account.status).toBe(201);

    const reset = await article(
      'Reset your password',
      'Forgot your password? Choose "Forgot password" on the sign-in page and follow the link we mail you.',
    );
    const german = await t.request('PUT', `/api/kb/articles/${reset.id}/translations/de`, {
      token: admin,
      body: {
        title: 'Passwort zurücksetzen',
        body: 'Passwort vergessen? Wählen Sie „Passwort vergessen“ auf der Anmeldeseite.',
        status: 'published',
      },
    });
    expect(german.status).toBe(200);
    await article(
      'Two-factor sign-in',
      'Protect your password with a second factor from an authenticator app.',
    );
    await article('Shipping times', 'Parcels arrive within three working days.');
    await article('Password rules (draft)', 'Passwords will need 14 characters.', 'draft');
  });

  afterAll(async () => {
    await mailApp?.close();
    await provider?.stop();
  });

  it('sends the plain acknowledgement while the setting is off', async () => {
    await dovecot.append(
      ACK,
      mail({
        from: 'lee@customer.test',
        to: ACK.user,
        subject: 'Forgot my password',
        text: 'I forgot my password.',
      }),
    );
    const ack = await acknowledgementTo('lee@customer.test');
    expect(ack.parsed.text).toContain('We have received your message');
    expect(ack.parsed.text).not.toContain('/help/');
  });

  it('appends links to the top published articles matching the first message, at most three, and never a draft', async () => {
    await saveSettings(true);
    await dovecot.append(
      ACK,
      mail({
        from: 'kim@customer.test',
        to: ACK.user,
        subject: 'Cannot sign in',
        text: 'I forgot my password and cannot sign in any more.',
      }),
    );
    const text = (await acknowledgementTo('kim@customer.test')).parsed.text ?? '';
    expect(text).toContain('We have received your message');
    expect(text).toContain('these articles from our help center may already answer your question');
    expect(text).toContain(
      '- Reset your password: https://help.example.com/help/en/articles/reset-your-password',
    );
    expect(text).toContain('- Two-factor sign-in: https://help.example.com/help/en/articles/');
    expect(text).not.toContain('Shipping times');
    expect(text).not.toContain('Password rules');
    expect(text.match(/https:\/\/help\.example\.com\/help\//g)!.length).toBeLessThanOrEqual(3);
    // The help center's own search, not the AI provider.
    expect(provider.requests).toHaveLength(0);
  });

  it("links the articles in the contact's language", async () => {
    // A contact the helpdesk already knows as German-speaking.
    const [contact] = await t.db.query<{ id: string }>(
      `INSERT INTO contacts (name, language) VALUES ('Hans Huber', 'de-AT') RETURNING id`,
    );
    await t.db.query(
      `INSERT INTO contact_identities (contact_id, kind, address) VALUES ($1, 'email', 'hans@kunde.test')`,
      [contact.id],
    );
    await dovecot.append(
      ACK,
      mail({
        from: 'Hans Huber <hans@kunde.test>',
        to: ACK.user,
        subject: 'Passwort vergessen',
        text: 'Ich habe mein Passwort vergessen.',
      }),
    );
    const text = (await acknowledgementTo('hans@kunde.test')).parsed.text ?? '';
    expect(text).toContain('Während Sie warten');
    expect(text).toMatch(/- Passwort zurücksetzen: https:\/\/help\.example\.com\/help\/de\/articles\/\S+/);
    expect(text).not.toContain('/help/en/');
  });

  it('adds nothing when no article matches', async () => {
    await dovecot.append(
      ACK,
      mail({
        from: 'max@customer.test',
        to: ACK.user,
        subject: 'Invoice',
        text: 'Please send the invoice again.',
      }),
    );
    const text = (await acknowledgementTo('max@customer.test')).parsed.text ?? '';
    expect(text).toContain('We have received your message');
    expect(text).not.toContain('/help/');
  });
});
