import { jest } from '@jest/globals';
import type { Socket } from 'socket.io-client';
import type { DovecotServer, MailUser } from '../../test-support/dovecot.js';
import { mail } from '../../test-support/email-harness.js';
import type { SmtpSink } from '../../test-support/smtp-sink.js';
import { startMailTestApp, type MailTestApp } from '../../test-support/mail-test-app.js';
import { waitFor, type TestApp } from '../../test-support/test-app.js';
import { SITE, clientId, createChatAccount, visitor } from '../../test-support/widget-test-helpers.js';

const MAILBOX: MailUser = { user: 'help@chat-support.test', password: 'help-pw' };

jest.setTimeout(120_000);

/**
 * End to end with the REAL email adapter: the widget is offline (closed business
 * hours, nobody online), the visitor leaves an email address and a question, the agent answers
 * over REST, and the answer goes out through the chat account's email channel to a real SMTP
 * server, threaded. The visitor's email reply, delivered to a real Dovecot, joins the same ticket.
 */
describe('web chat offline visit answered by email through the real email channel', () => {
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  let t: TestApp;
  let mailApp: MailTestApp;
  let admin: string;
  let emailAccountId: string;
  let chatAccountId: string;
  const sockets: Socket[] = [];

  const ticketRow = (ticketId: string) =>
    t.db.one<{ number: string; channel: string }>(`SELECT number, channel FROM tickets WHERE id = $1`, [
      ticketId,
    ]);
  const inboundMail = (externalId: string) =>
    t.db.one<{ ticket_id: string; text: string; channel: string }>(
      `SELECT ticket_id, text, channel FROM messages WHERE direction = 'in' AND external_id = $1 AND channel_account_id = $2`,
      [externalId, emailAccountId],
    );
  const deliveryOf = (messageId: string) =>
    t.db.one<{ delivery_state: string; delivery_error: string | null; external_id: string | null }>(
      `SELECT delivery_state, delivery_error, external_id FROM messages WHERE id = $1`,
      [messageId],
    );

  beforeAll(async () => {
    mailApp = await startMailTestApp([MAILBOX]);
    ({ t, dovecot, sink } = mailApp);
    admin = await t.adminToken();
    const teamId = await t.createTeam('Chat support');
    const email = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: {
        kind: 'email',
        name: 'Chat replies',
        teamId,
        config: {
          address: MAILBOX.user,
          fromName: 'Shop Support',
          imap: dovecot.imapConfig(MAILBOX),
          smtp: sink.smtpConfig(),
        },
      },
    });
    if (email.status !== 201)
      throw new Error(`create email account: ${email.status} ${JSON.stringify(email.body)}`);
    emailAccountId = email.body.id;
    // Open only tomorrow: the widget is offline now, whoever is online.
    const tomorrow = (new Date().getUTCDay() + 1) % 7 || 7;
    chatAccountId = await createChatAccount(
      t,
      {
        emailAccountId,
        businessHours: {
          timeZone: 'UTC',
          hours: [{ day: tomorrow, from: '09:00', to: '17:00' }],
          holidays: [],
        },
      },
      teamId,
    );
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await mailApp?.close();
  });

  it('collects an email offline, mails the agent reply threaded, and threads the customer email answer onto the same ticket', async () => {
    const v = await visitor(t, chatAccountId, { name: 'Vera Visitor' }, sockets);
    const settings = await t.request('GET', `/api/widget/${chatAccountId}/settings`, {
      headers: { origin: SITE },
    });
    expect(settings.status).toBe(200);
    expect(settings.body.availability).toMatchObject({ open: false });
    expect(settings.body.settings.transcripts).toBe(true);

    expect(await v.emit('contact.update', { email: 'Vera@Customer.test' })).toMatchObject({ ok: true });
    const sent = await v.emit('message.send', {
      text: 'Do you ship to Iceland? Please answer by email.',
      clientId: clientId(),
    });
    const ticketId: string = sent.ticketId;
    expect(ticketId).toBeTruthy();
    const number = Number((await ticketRow(ticketId))!.number);

    // The visitor closes the tab; the agent answers later.
    v.socket.close();
    await new Promise((r) => setTimeout(r, 200));
    const reply = await t.request('POST', `/api/tickets/${ticketId}/messages`, {
      token: admin,
      body: { kind: 'reply', body: 'Yes, we ship to Iceland.\n\nDelivery takes 5 days.' },
    });
    expect(reply.status).toBe(201);

    const arrived = await waitFor(
      () => sink.received.find((m) => m.to.includes('vera@customer.test')),
      30_000,
      'the reply at the SMTP sink',
    );
    const p = arrived.parsed;
    expect(p.to && !Array.isArray(p.to) ? p.to.value[0].address : null).toBe('vera@customer.test');
    expect(p.from!.value[0].address).toBe(MAILBOX.user);
    expect(p.messageId).toMatch(/^<sb\.[0-9a-f]{32}@chat-support\.test>$/);
    expect(p.subject).toContain(`[#${number}]`);
    const replyTo = p.replyTo!.value[0].address!;
    expect(replyTo).toMatch(new RegExp(`^help\\+t${number}-[0-9a-f]{16}@chat-support\\.test$`));
    expect(p.text).toContain('Yes, we ship to Iceland.');
    expect(p.text).toContain('Delivery takes 5 days.');
    expect(p.html).toContain('<p>Yes, we ship to Iceland.</p>');
    const delivered = await waitFor(
      async () => {
        const d = await deliveryOf(reply.body.id);
        return d?.delivery_state === 'sent' ? d : null;
      },
      15_000,
      'the reply marked sent',
    );
    expect(delivered.external_id).toBe(p.messageId);
    expect(sink.received.filter((m) => m.to.includes('vera@customer.test'))).toHaveLength(1);

    // Vera answers the mail; her client keeps In-Reply-To. It lands on the chat ticket.
    await dovecot.append(
      MAILBOX,
      mail({
        from: 'Vera Visitor <vera@customer.test>',
        to: replyTo,
        subject: `Re: ${p.subject}`,
        text: 'Great, I will order today.\n\n> Yes, we ship to Iceland.',
        messageId: '<vera-answer-1@customer.test>',
        inReplyTo: p.messageId,
        references: p.messageId,
      }),
    );
    const answer = await waitFor(
      () => inboundMail('<vera-answer-1@customer.test>'),
      30_000,
      'the email answer stored',
    );
    expect(answer.ticket_id).toBe(ticketId);
    expect(answer.text).toBe('Great, I will order today.');

    // Outlook-style: In-Reply-To rewritten; the signed plus-address and the subject token still find the ticket.
    await dovecot.append(
      MAILBOX,
      mail({
        from: 'vera@customer.test',
        to: replyTo,
        subject: `RE: ${p.subject}`,
        text: 'One more thing: gift wrap?',
        messageId: '<vera-answer-2@customer.test>',
        inReplyTo: '<AM0PR01MB9999.outlook.example@eurprd01.prod.outlook.com>',
      }),
    );
    const second = await waitFor(
      () => inboundMail('<vera-answer-2@customer.test>'),
      30_000,
      'the Outlook-style answer stored',
    );
    expect(second.ticket_id).toBe(ticketId);

    // The agent's next answer goes by email again, in reply to Vera's latest mail.
    const followUp = await t.request('POST', `/api/tickets/${ticketId}/messages`, {
      token: admin,
      body: { kind: 'reply', body: 'Gift wrap is free.' },
    });
    expect(followUp.status).toBe(201);
    const next = await waitFor(
      () =>
        sink.received.find(
          (m) => m.to.includes('vera@customer.test') && m.parsed.text?.includes('Gift wrap is free.'),
        ),
      30_000,
      'the follow-up at the SMTP sink',
    );
    expect(next.parsed.inReplyTo).toBe('<vera-answer-2@customer.test>');
    expect([next.parsed.references].flat()).toEqual(
      expect.arrayContaining([p.messageId, '<vera-answer-1@customer.test>', '<vera-answer-2@customer.test>']),
    );
    expect(next.parsed.subject).toContain(`[#${number}]`);
    expect(next.parsed.replyTo!.value[0].address).toBe(replyTo);
  });
});
