import { jest } from '@jest/globals';
import { createHmac, randomBytes } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { FakeTwilio, signTwilioRequest, twilioInboundParams } from '@switchboard/test-support-providers';
import type { DovecotServer, MailUser } from '../../test-support/dovecot.js';
import { mail } from '../../test-support/email-harness.js';
import { startMailTestApp, type MailTestApp } from '../../test-support/mail-test-app.js';
import type { SmtpSink } from '../../test-support/smtp-sink.js';
import { waitFor, type TestApp } from '../../test-support/test-app.js';
import { clientId, createChatAccount, visitor } from '../../test-support/widget-test-helpers.js';

const MAILBOX: MailUser = { user: 'help@continuity.test', password: 'help-pw' };
const PUBLIC_URL = 'https://helpdesk.example.com';
const SUPPORT_NUMBER = '+15005550006';
// The authserv-id our receiving server writes into Authentication-Results.
const OUR_MX = 'mx.continuity.test';

jest.setTimeout(120_000);

/**
 * One customer, one conversation: a customer who wrote by email and then texts from a phone
 * linked to the same contact stays on one ticket, the timeline shows both channels and the
 * switch, and the agent's answer goes back by SMS. Real Dovecot, SMTP sink and local Twilio.
 */
describe('cross-channel continuity', () => {
  let mailApp: MailTestApp;
  let t: TestApp;
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  let twilio: FakeTwilio;
  let admin: string;
  let emailAccountId: string;
  let smsAccountId: string;
  let chatAccountId: string;
  const sockets: Socket[] = [];

  const inboundOf = (externalId: string) =>
    t.db.one<{ ticket_id: string; contact_id: string; channel: string }>(
      `SELECT m.ticket_id, t.contact_id, m.channel FROM messages m JOIN tickets t ON t.id = m.ticket_id
        WHERE m.direction = 'in' AND m.external_id = $1`,
      [externalId],
    );

  async function customerEmails(from: string, subject: string, headers: Record<string, string> = {}) {
    const messageId = `<${randomBytes(6).toString('hex')}@customer.test>`;
    await dovecot.append(
      MAILBOX,
      mail({ from, to: MAILBOX.user, subject, text: subject, messageId, headers }),
    );
    return waitFor(() => inboundOf(messageId), 30_000, `the email "${subject}" stored`);
  }

  async function customerTexts(from: string, body: string) {
    const params = twilioInboundParams({ accountSid: twilio.accountSid, from, to: SUPPORT_NUMBER, body });
    const path = `/api/webhooks/twilio/${smsAccountId}`;
    const res = await t.request('POST', path, {
      raw: new URLSearchParams(params).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signTwilioRequest(twilio.authToken, PUBLIC_URL + path, params),
      },
    });
    expect(res.status).toBe(200);
    return (await inboundOf(params.MessageSid))!;
  }

  async function setThreading(threading: Record<string, unknown>) {
    const res = await t.request('PATCH', '/api/admin/settings', { token: admin, body: { threading } });
    expect(res.status).toBe(200);
    return res.body;
  }

  /** The contact already has this phone (an agent linked it, or an earlier merge did). */
  const linkPhone = (contactId: string, phone: string) =>
    t.db.query(`INSERT INTO contact_identities (contact_id, kind, address) VALUES ($1, 'phone', $2)`, [
      contactId,
      phone,
    ]);

  beforeAll(async () => {
    twilio = new FakeTwilio();
    await twilio.start();
    mailApp = await startMailTestApp([MAILBOX]);
    ({ t, dovecot, sink } = mailApp);
    admin = await t.adminToken();
    const email = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: {
        kind: 'email',
        name: 'Support mailbox',
        config: {
          address: MAILBOX.user,
          imap: dovecot.imapConfig(MAILBOX),
          smtp: sink.smtpConfig(),
          authServIds: [OUR_MX],
        },
      },
    });
    if (email.status !== 201) throw new Error(`email account: ${email.status} ${JSON.stringify(email.body)}`);
    emailAccountId = email.body.id;
    const sms = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: {
        kind: 'twilio_sms',
        name: 'Support SMS',
        config: {
          accountSid: twilio.accountSid,
          authToken: twilio.authToken,
          apiBaseUrl: twilio.url,
          from: SUPPORT_NUMBER,
          publicUrl: PUBLIC_URL,
        },
      },
    });
    if (sms.status !== 201) throw new Error(`sms account: ${sms.status} ${JSON.stringify(sms.body)}`);
    smsAccountId = sms.body.id;
    chatAccountId = await createChatAccount(t, { identitySecret: 'host-site-secret' });
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await mailApp?.close();
    await twilio?.close();
  });

  describe('the workspace setting', () => {
    it('is on for a new install, validated field by field, and only admins change it', async () => {
      const initial = await t.request('GET', '/api/admin/settings', { token: admin });
      expect(initial.status).toBe(200);
      expect(initial.body).toEqual({
        threading: { joinAcrossChannels: true, reopenWindowSeconds: 7 * 24 * 3600 },
        retention: { deleteClosedTicketsAfterDays: null, deleteQuarantineAfterDays: null },
      });

      const wrongType = await t.request('PATCH', '/api/admin/settings', {
        token: admin,
        body: { threading: { joinAcrossChannels: 'yes' } },
      });
      expect(wrongType.status).toBe(400);
      expect(wrongType.body.message).toMatch(/^threading\.joinAcrossChannels: must be true or false/);
      const negative = await t.request('PATCH', '/api/admin/settings', {
        token: admin,
        body: { threading: { reopenWindowSeconds: -5 } },
      });
      expect(negative.status).toBe(400);
      expect(negative.body.message).toMatch(/^threading\.reopenWindowSeconds: must be 0 or more/);
      const unknown = await t.request('PATCH', '/api/admin/settings', {
        token: admin,
        body: { threads: {} },
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.message).toContain('threads');

      await t.request('POST', '/api/admin/users', {
        token: admin,
        body: {
          email: 'agent@continuity.test',
          name: 'Agent',
          password: 'agent-password-123!',
          role: 'agent',
          teamIds: [],
        },
      });
      const agent = await t.login('agent@continuity.test', 'agent-password-123!');
      expect(
        (await t.request('PATCH', '/api/admin/settings', { token: agent, body: { threading: {} } })).status,
      ).toBe(403);

      const changed = await setThreading({ reopenWindowSeconds: 3600 });
      expect(changed).toEqual({
        threading: { joinAcrossChannels: true, reopenWindowSeconds: 3600 },
        retention: { deleteClosedTicketsAfterDays: null, deleteQuarantineAfterDays: null },
      });
      expect((await t.request('GET', '/api/admin/settings', { token: admin })).body).toEqual(changed);
      await setThreading({ reopenWindowSeconds: 7 * 24 * 3600 });
    });
  });

  describe('with joining across channels on', () => {
    it('an email and then an SMS from a linked phone make one ticket, and the reply goes out by SMS', async () => {
      const first = await customerEmails('Alice Archer <alice@customer.test>', 'My parcel never arrived');
      expect(first.channel).toBe('email');
      await linkPhone(first.contact_id, '+14155550111');

      const second = await customerTexts('+14155550111', 'Any news about my parcel?');
      expect(second.ticket_id).toBe(first.ticket_id);
      expect(second.channel).toBe('twilio_sms');
      expect(
        (await t.db.query(`SELECT id FROM tickets WHERE contact_id = $1`, [first.contact_id])).length,
      ).toBe(1);

      const timeline = await t.request('GET', `/api/tickets/${first.ticket_id}/messages`, { token: admin });
      const items = timeline.body.items as Array<Record<string, any>>;
      const channels = items.filter((i) => i.entry === 'message').map((i) => i.channel);
      expect(channels).toEqual(['email', 'twilio_sms']);
      const switched = items.find((i) => i.entry === 'event' && i.type === 'channel_switched');
      expect(switched?.data).toMatchObject({
        from: 'email',
        fromChannelAccountId: emailAccountId,
        to: 'twilio_sms',
        toChannelAccountId: smsAccountId,
      });

      // The console's default route names the SMS account for the phone the customer last used.
      const detail = await t.request('GET', `/api/tickets/${first.ticket_id}`, { token: admin });
      const phone = detail.body.contact.identities.find((i: any) => i.kind === 'phone');
      expect(detail.body.reply.defaultIdentityId).toBe(phone.id);
      expect(phone.replyAccount).toMatchObject({ id: smsAccountId, kind: 'twilio_sms' });

      const mailsBefore = sink.received.length;
      const reply = await t.request('POST', `/api/tickets/${first.ticket_id}/messages`, {
        token: admin,
        body: { kind: 'reply', body: 'It is out for delivery today.' },
      });
      expect(reply.status).toBe(201);
      expect(reply.body.channel).toBe('twilio_sms');
      const sent = await waitFor(
        () => twilio.sent.find((m) => m.body === 'It is out for delivery today.'),
        15_000,
        'the reply at the local Twilio server',
      );
      expect(sent.to).toBe('+14155550111');
      expect(sent.from).toBe(SUPPORT_NUMBER);
      await new Promise((r) => setTimeout(r, 500));
      expect(sink.received.slice(mailsBefore).some((m) => m.to.includes('alice@customer.test'))).toBe(false);

      // The agent may still choose email for one reply (the existing reply routing).
      const emailIdentity = detail.body.contact.identities.find((i: any) => i.kind === 'email');
      const byEmail = await t.request('POST', `/api/tickets/${first.ticket_id}/messages`, {
        token: admin,
        body: { kind: 'reply', body: 'Tracking details by mail.', identityId: emailIdentity.id },
      });
      expect(byEmail.body.channel).toBe('email');
      await waitFor(
        () => sink.received.find((m) => m.to.includes('alice@customer.test')),
        30_000,
        'the chosen email reply at the SMTP sink',
      );
    });

    it('an SMS after the reopen window of a solved ticket opens a new ticket', async () => {
      const first = await customerEmails('Dora <dora@customer.test>', 'Refund please');
      await linkPhone(first.contact_id, '+14155550444');
      const solved = await t.request('PATCH', `/api/tickets/${first.ticket_id}`, {
        token: admin,
        body: { status: 'solved' },
      });
      expect(solved.status).toBe(200);
      // A window of 0: the ticket was solved before the SMS, so the SMS is outside it.
      await setThreading({ reopenWindowSeconds: 0 });
      try {
        const late = await customerTexts('+14155550444', 'One more question');
        expect(late.ticket_id).not.toBe(first.ticket_id);
      } finally {
        await setThreading({ reopenWindowSeconds: 7 * 24 * 3600 });
      }
    });
  });

  describe('with joining across channels off', () => {
    afterAll(() => setThreading({ joinAcrossChannels: true }));

    it('the same customer gets a ticket per channel', async () => {
      await setThreading({ joinAcrossChannels: false });
      const first = await customerEmails('Bob Baker <bob@customer.test>', 'Wrong size delivered');
      await linkPhone(first.contact_id, '+14155550222');
      const second = await customerTexts('+14155550222', 'Hello? About the wrong size');
      expect(second.contact_id).toBe(first.contact_id);
      expect(second.ticket_id).not.toBe(first.ticket_id);
      const timeline = await t.request('GET', `/api/tickets/${second.ticket_id}/messages`, { token: admin });
      expect(timeline.body.items.some((i: any) => i.type === 'channel_switched')).toBe(false);
    });
  });

  describe('identity linking', () => {
    const suggestionsOf = async (contactId: string) => {
      const res = await t.request('GET', `/api/contacts/${contactId}/merge-suggestions`, { token: admin });
      expect(res.status).toBe(200);
      return res.body.items as Array<{
        contact: { id: string };
        identity: { kind: string; address: string };
      }>;
    };

    it("an email typed into the chat form never joins the visitor to that address's contact: a merge is suggested", async () => {
      const owner = await customerEmails('Carol Chen <carol@customer.test>', 'Invoice question');
      const v = await visitor(t, chatAccountId, { name: 'Carol?', email: 'carol@customer.test' }, sockets);
      const sent = await v.emit('message.send', { text: 'Hi, it is Carol', clientId: clientId() });
      expect(sent.ok).toBe(true);
      const chat = (await t.db.one<{ contact_id: string }>(`SELECT contact_id FROM tickets WHERE id = $1`, [
        sent.ticketId,
      ]))!;

      expect(chat.contact_id).not.toBe(owner.contact_id);
      expect(sent.ticketId).not.toBe(owner.ticket_id);
      const identity = await t.db.one<{ contact_id: string }>(
        `SELECT contact_id FROM contact_identities WHERE kind = 'email' AND address = 'carol@customer.test'`,
      );
      expect(identity!.contact_id).toBe(owner.contact_id);

      const suggested = await suggestionsOf(owner.contact_id);
      expect(suggested).toEqual([
        expect.objectContaining({
          contact: expect.objectContaining({ id: chat.contact_id }),
          identity: { kind: 'email', address: 'carol@customer.test' },
        }),
      ]);
      expect((await suggestionsOf(chat.contact_id)).map((s) => s.contact.id)).toEqual([owner.contact_id]);

      // Merging from the suggestion uses the existing contact-merge API; the suggestion goes with it.
      const merged = await t.request('POST', `/api/contacts/${owner.contact_id}/merge`, {
        token: admin,
        body: { otherContactId: chat.contact_id },
      });
      expect(merged.status).toBe(200);
      expect(await suggestionsOf(owner.contact_id)).toEqual([]);
    });

    it('a chat user the host site verified by HMAC joins the contact of their email at once', async () => {
      const owner = await customerEmails('Erin Eve <erin@customer.test>', 'Delivery address change');
      const userHash = createHmac('sha256', 'host-site-secret').update('user-erin').digest('hex');
      const v = await visitor(
        t,
        chatAccountId,
        { name: 'Erin', email: 'erin@customer.test', userId: 'user-erin', userHash },
        sockets,
      );
      const sent = await v.emit('message.send', { text: 'Did you get my email?', clientId: clientId() });
      expect(sent.ok).toBe(true);
      const chat = await t.db.one<{ contact_id: string }>(`SELECT contact_id FROM tickets WHERE id = $1`, [
        sent.ticketId,
      ]);
      expect(chat!.contact_id).toBe(owner.contact_id);
      expect(await suggestionsOf(owner.contact_id)).toEqual([]);
    });

    it('an authenticated email from an address a chat visitor only claimed gets its own contact, and a suggestion', async () => {
      const v = await visitor(t, chatAccountId, { name: 'Frank?', email: 'frank@customer.test' }, sockets);
      const sent = await v.emit('message.send', { text: 'I am Frank', clientId: clientId() });
      const chat = (await t.db.one<{ contact_id: string }>(`SELECT contact_id FROM tickets WHERE id = $1`, [
        sent.ticketId,
      ]))!;

      const real = await customerEmails('Frank Fox <frank@customer.test>', 'My order', {
        'Authentication-Results': `${OUR_MX}; dkim=pass header.d=customer.test; spf=pass smtp.mailfrom=frank@customer.test; dmarc=pass (p=reject) header.from=customer.test`,
      });
      expect(real.contact_id).not.toBe(chat.contact_id);
      expect(real.ticket_id).not.toBe(sent.ticketId);
      expect((await suggestionsOf(real.contact_id)).map((s) => s.contact.id)).toEqual([chat.contact_id]);
    });

    it('"not the same person" dismisses a suggestion on both contacts, and the same address does not bring it back', async () => {
      const owner = await customerEmails('Ivy Irons <ivy@customer.test>', 'Refund status');
      const v = await visitor(t, chatAccountId, { name: 'Ivy?', email: 'ivy@customer.test' }, sockets);
      const sent = await v.emit('message.send', { text: 'I am Ivy', clientId: clientId() });
      const impostor = (await t.db.one<{ contact_id: string }>(
        `SELECT contact_id FROM tickets WHERE id = $1`,
        [sent.ticketId],
      ))!.contact_id;
      expect((await suggestionsOf(owner.contact_id)).map((s) => s.contact.id)).toEqual([impostor]);

      const dismissed = await t.request(
        'POST',
        `/api/contacts/${owner.contact_id}/merge-suggestions/${impostor}/dismiss`,
        { token: admin, body: {} },
      );
      expect(dismissed.status).toBe(204);
      expect(await suggestionsOf(owner.contact_id)).toEqual([]);
      expect(await suggestionsOf(impostor)).toEqual([]);

      // The visitor writing again under the same claimed address is no new evidence.
      expect((await v.emit('message.send', { text: 'Still me', clientId: clientId() })).ok).toBe(true);
      expect(await suggestionsOf(owner.contact_id)).toEqual([]);
      const unknown = await t.request(
        'POST',
        `/api/contacts/${owner.contact_id}/merge-suggestions/${owner.contact_id}/dismiss`,
        { token: admin, body: {} },
      );
      expect(unknown.status).toBe(404);
    });

    it('an authenticated answer to our email at a claimed address stays with the contact who gave it', async () => {
      const v = await visitor(t, chatAccountId, { name: 'Hana', email: 'hana@customer.test' }, sockets);
      const sent = await v.emit('message.send', { text: 'Please answer by email', clientId: clientId() });
      const detail = await t.request('GET', `/api/tickets/${sent.ticketId}`, { token: admin });
      const claimed = detail.body.contact.identities.find((i: any) => i.kind === 'email');
      expect(claimed.address).toBe('hana@customer.test');
      const reply = await t.request('POST', `/api/tickets/${sent.ticketId}/messages`, {
        token: admin,
        body: { kind: 'reply', body: 'Here is the answer by email.', identityId: claimed.id },
      });
      expect(reply.status).toBe(201);
      const ours = await waitFor(
        () => sink.received.find((m) => m.to.includes('hana@customer.test')),
        30_000,
        'our email to the address the visitor gave',
      );
      const answer = `<${randomBytes(6).toString('hex')}@customer.test>`;
      await dovecot.append(
        MAILBOX,
        mail({
          from: 'Hana <hana@customer.test>',
          to: MAILBOX.user,
          subject: `Re: ${ours.parsed.subject}`,
          text: 'Thanks, that helps.',
          messageId: answer,
          inReplyTo: ours.parsed.messageId,
          references: ours.parsed.messageId,
          headers: { 'Authentication-Results': `${OUR_MX}; dkim=pass header.d=customer.test` },
        }),
      );
      const stored = await waitFor(() => inboundOf(answer), 30_000, 'the answer stored');
      expect(stored.ticket_id).toBe(sent.ticketId);
      expect(await suggestionsOf(stored.contact_id)).toEqual([]);
    });

    it("a pass written by someone else's server proves nothing", async () => {
      const v = await visitor(t, chatAccountId, { name: 'Gina?', email: 'gina@customer.test' }, sockets);
      const sent = await v.emit('message.send', { text: 'I am Gina', clientId: clientId() });
      const chat = (await t.db.one<{ contact_id: string }>(`SELECT contact_id FROM tickets WHERE id = $1`, [
        sent.ticketId,
      ]))!;
      const forged = await customerEmails('Gina <gina@customer.test>', 'Hello from Gina', {
        'Authentication-Results': 'mx.attacker.test; dmarc=pass header.from=customer.test',
      });
      // As before this feature: the unproven answer threads onto the contact that left the address.
      expect(forged.contact_id).toBe(chat.contact_id);
      expect(await suggestionsOf(chat.contact_id)).toEqual([]);
    });
  });
});
