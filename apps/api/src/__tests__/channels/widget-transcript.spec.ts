import { jest } from '@jest/globals';
import { userHash } from '@switchboard/channel-chat';
import type { Socket } from 'socket.io-client';
import type { SmtpSink } from '../../test-support/smtp-sink.js';
import { startMailTestApp, type MailTestApp } from '../../test-support/mail-test-app.js';
import { waitFor, type TestApp } from '../../test-support/test-app.js';
import {
  clientId,
  createChatAccount,
  visitor,
  type Visitor,
} from '../../test-support/widget-test-helpers.js';

const MAILBOX = { user: 'transcripts@chat-support.test', password: 'transcripts-pw' };
const SECRET = 'a-long-identity-secret-for-transcripts';

jest.setTimeout(120_000);

/**
 * A chat transcript is mailed through the site's real email channel, but only to the address
 * the visitor gave before the chat (or the one the host site gave for a verified user): never
 * to an address typed into the request, and at most three times a day per conversation, so the
 * widget cannot be used to send mail to strangers.
 */
describe('web chat transcripts by email', () => {
  let mailApp: MailTestApp;
  let t: TestApp;
  let sink: SmtpSink;
  let chatAccountId: string;
  const sockets: Socket[] = [];

  const mailsTo = (address: string) => sink.received.filter((m) => m.to.includes(address));

  beforeAll(async () => {
    mailApp = await startMailTestApp([MAILBOX]);
    ({ t, sink } = mailApp);
    const admin = await t.adminToken();
    const email = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: {
        kind: 'email',
        name: 'Transcripts',
        config: {
          address: MAILBOX.user,
          fromName: 'Shop Support',
          imap: mailApp.dovecot.imapConfig(MAILBOX),
          smtp: sink.smtpConfig(),
        },
      },
    });
    if (email.status !== 201)
      throw new Error(`create email account: ${email.status} ${JSON.stringify(email.body)}`);
    chatAccountId = await createChatAccount(t, { emailAccountId: email.body.id, identitySecret: SECRET });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await mailApp?.close();
  });

  async function conversation(
    session: Record<string, unknown>,
    text: string,
  ): Promise<{ v: Visitor; ticketId: string }> {
    const v = await visitor(t, chatAccountId, session, sockets);
    const ack = await v.emit('message.send', { text, clientId: clientId() });
    if (!ack.ok) throw new Error(`message.send: ${ack.error}`);
    return { v, ticketId: ack.ticketId };
  }

  it('a transcript to an address typed into the request is refused with the reason, and nothing is mailed', async () => {
    const { v, ticketId } = await conversation(
      { name: 'Kim', email: 'kim@customer.test' },
      'Is the blue one in stock?',
    );
    const ack = await v.emit('transcript', { ticketId, email: 'victim@elsewhere.test' });
    expect(ack).toMatchObject({
      ok: false,
      status: 403,
      error: expect.stringMatching(/only to the email address/),
    });
    const anonymous = await conversation({}, 'No email given');
    expect(
      await anonymous.v.emit('transcript', { ticketId: anonymous.ticketId, email: 'victim@elsewhere.test' }),
    ).toMatchObject({ ok: false, status: 403 });
    await new Promise((r) => setTimeout(r, 1000));
    expect(mailsTo('victim@elsewhere.test')).toEqual([]);
  });

  it('to the address given before the chat it is sent, three times a day at most', async () => {
    const { v, ticketId } = await conversation(
      { name: 'Lea', email: 'lea@customer.test' },
      'Can I change my delivery address?',
    );
    expect(await v.emit('transcript', { ticketId })).toEqual({ ok: true });
    const mail = await waitFor(
      () => mailsTo('lea@customer.test')[0],
      15_000,
      'the transcript at the SMTP sink',
    );
    expect(mail.parsed.subject).toContain('Transcript of your chat');
    expect(mail.parsed.text).toContain('Can I change my delivery address?');
    // Naming the same address is fine; so is asking again, up to the cap.
    expect(await v.emit('transcript', { ticketId, email: 'Lea@Customer.test' })).toEqual({ ok: true });
    expect(await v.emit('transcript', { ticketId })).toEqual({ ok: true });
    expect(await v.emit('transcript', { ticketId })).toMatchObject({
      ok: false,
      status: 429,
      error: expect.stringMatching(/at most 3 transcripts/),
    });
    await waitFor(() => mailsTo('lea@customer.test').length === 3, 15_000, 'three transcripts');
    await new Promise((r) => setTimeout(r, 500));
    expect(mailsTo('lea@customer.test')).toHaveLength(3);
  });

  it('a verified user gets the transcript at the address the host site gave', async () => {
    const userId = 'user-4711';
    const { v, ticketId } = await conversation(
      { userId, userHash: userHash(SECRET, userId), email: 'member@customer.test' },
      'Where is my order 4711?',
    );
    expect(await v.emit('transcript', { ticketId })).toEqual({ ok: true });
    const mail = await waitFor(
      () => mailsTo('member@customer.test')[0],
      15_000,
      'the transcript of the verified user',
    );
    expect(mail.parsed.text).toContain('Where is my order 4711?');
  });
});
