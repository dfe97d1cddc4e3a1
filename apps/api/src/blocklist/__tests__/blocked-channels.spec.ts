import { randomBytes } from 'node:crypto';
import { jest } from '@jest/globals';
import { FakeTwilio, signTwilioRequest, twilioInboundParams } from '@switchboard/test-support-providers';
import type { MailUser } from '../../test-support/dovecot.js';
import { mail } from '../../test-support/email-harness.js';
import { startMailTestApp, type MailTestApp } from '../../test-support/mail-test-app.js';
import { waitFor, type TestApp } from '../../test-support/test-app.js';

const ACK: MailUser = { user: 'help@support.test', password: 'help-pw' };
const PUBLIC_URL = 'https://helpdesk.example.com';
const SMS_FROM = '+15005550006';

jest.setTimeout(120_000);

/**
 * Blocked senders on real channels: mail through a real Dovecot (with acknowledgements on) and
 * SMS through the local Twilio server. Their messages are stored in the spam view and nothing
 * answers them: no acknowledgement, no survey.
 */
describe('blocked senders on email and SMS', () => {
  let mailApp: MailTestApp;
  let t: TestApp;
  let fake: FakeTwilio;
  let admin: string;
  let smsAccountId: string;

  beforeAll(async () => {
    mailApp = await startMailTestApp([ACK]);
    t = mailApp.t;
    fake = new FakeTwilio();
    await fake.start();
    admin = await t.adminToken();
    const teamId = await t.createTeam('Support');
    const email = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: {
        kind: 'email',
        name: ACK.user,
        teamId,
        config: {
          address: ACK.user,
          imap: mailApp.dovecot.imapConfig(ACK),
          smtp: mailApp.sink.smtpConfig(),
          autoAcknowledge: { enabled: true, capPerHour: 10 },
        },
      },
    });
    expect(email.status).toBe(201);
    const sms = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: {
        kind: 'twilio_sms',
        name: 'SMS',
        teamId,
        config: {
          accountSid: fake.accountSid,
          authToken: fake.authToken,
          apiBaseUrl: fake.url,
          from: SMS_FROM,
          publicUrl: PUBLIC_URL,
        },
      },
    });
    expect(sms.status).toBe(201);
    smsAccountId = sms.body.id;
    const surveys = await t.request('PUT', '/api/admin/survey-settings', {
      token: admin,
      body: {
        csat: { enabled: true, delaySeconds: 0 },
        ces: { enabled: false },
        nps: { enabled: false, minDaysBetween: 90, afterSolvedTickets: 3 },
      },
    });
    expect(surveys.status).toBe(200);
  });

  afterAll(async () => {
    await mailApp?.close();
    await fake?.close();
  });

  const block = async (kind: string, value: string) => {
    const res = await t.request('POST', '/api/admin/blocklist', { token: admin, body: { kind, value } });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };
  const inboundByExternalId = (externalId: string) =>
    t.db.one<{ ticket_id: string }>(
      `SELECT ticket_id FROM messages WHERE direction = 'in' AND external_id = $1`,
      [externalId],
    );
  const waitInbound = (externalId: string) =>
    waitFor(() => inboundByExternalId(externalId), 30_000, `message ${externalId} to be stored`);
  const queue = async () =>
    (
      (await t.request('GET', '/api/tickets?limit=100', { token: admin })).body.items as Array<{ id: string }>
    ).map((i) => i.id);
  const spamView = async (q: string) =>
    (
      (await t.request('GET', `/api/spam/tickets?q=${encodeURIComponent(q)}`, { token: admin })).body
        .items as Array<{
        id: string;
      }>
    ).map((i) => i.id);
  const outboundOf = (ticketId: string) =>
    t.db.query(`SELECT id FROM messages WHERE ticket_id = $1 AND direction = 'out'`, [ticketId]);

  async function text(from: string, body: string): Promise<string> {
    const messageSid = 'SM' + randomBytes(16).toString('hex');
    const path = `/api/webhooks/twilio/${smsAccountId}`;
    const params = twilioInboundParams({ accountSid: fake.accountSid, from, to: SMS_FROM, body, messageSid });
    const res = await t.request('POST', path, {
      raw: new URLSearchParams(params).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signTwilioRequest(fake.authToken, PUBLIC_URL + path, params),
      },
    });
    expect(res.status).toBe(200);
    return messageSid;
  }

  it("a blocked sender's mail lands in the spam view with no acknowledgement; a domain block works the same", async () => {
    await block('address', 'spammer@junkmail.test');
    await block('domain', 'bulk.test');
    const before = mailApp.sink.received.length;
    for (const [from, id, subject] of [
      ['Spam Bot <spammer@junkmail.test>', '<spam-1@junkmail.test>', 'You won a prize'],
      ['offers@eu.bulk.test', '<bulk-1@bulk.test>', 'Weekly offers'],
      ['Rita Real <rita@customer.test>', '<real-1@customer.test>', 'Broken hinge'],
    ])
      await mailApp.dovecot.append(
        ACK,
        mail({ from, to: ACK.user, subject, text: `${subject}, details inside`, messageId: id }),
      );

    const spam = await waitInbound('<spam-1@junkmail.test>');
    const bulk = await waitInbound('<bulk-1@bulk.test>');
    const real = await waitInbound('<real-1@customer.test>');
    // The real customer is acknowledged: acknowledgements work here, so their absence below counts.
    await waitFor(
      () => mailApp.sink.received.slice(before).find((m) => m.to.includes('rita@customer.test')),
      30_000,
      "rita's acknowledgement",
    );
    const queued = await queue();
    expect(queued).toContain(real.ticket_id);
    expect(queued).not.toContain(spam.ticket_id);
    expect(queued).not.toContain(bulk.ticket_id);
    expect(await spamView('You won a prize')).toEqual([spam.ticket_id]);
    expect(await spamView('eu.bulk.test')).toEqual([bulk.ticket_id]);
    expect(await outboundOf(spam.ticket_id)).toHaveLength(0);
    expect(await outboundOf(bulk.ticket_id)).toHaveLength(0);
    const sentTo = mailApp.sink.received.slice(before).flatMap((m) => m.to);
    expect(sentTo.filter((to) => /junkmail\.test|bulk\.test/.test(to))).toEqual([]);
  });

  it("a blocked number's SMS lands in the spam view and gets no answer", async () => {
    // Written the way people write numbers; stored the way Twilio sends them.
    await block('address', '+1 (415) 555-0199');
    const sid = await text('+14155550199', 'WIN A CRUISE reply YES');
    const { ticket_id: ticketId } = await waitInbound(sid);
    expect(await queue()).not.toContain(ticketId);
    expect(await spamView('CRUISE')).toEqual([ticketId]);
    const state = await t.request('GET', `/api/tickets/${ticketId}/spam`, { token: admin });
    expect(state.body).toMatchObject({ spam: true, reason: 'blocked_address' });
    expect(await outboundOf(ticketId)).toHaveLength(0);
    expect(fake.sent.filter((m) => m.to === '+14155550199')).toEqual([]);
  });

  it('a solved ticket of a blocked contact gets no survey; an unblocked one does', async () => {
    const surveysTo = (to: string) =>
      fake.sent.filter((m) => m.to === to && /number from 1 to 5/.test(m.body ?? ''));
    const blockedSid = await text('+14155550300', 'Where is my parcel?');
    const okSid = await text('+14155550301', 'Where is my order?');
    const blockedTicket = (await waitInbound(blockedSid)).ticket_id;
    const okTicket = (await waitInbound(okSid)).ticket_id;
    const contactId = (await t.request('GET', `/api/tickets/${blockedTicket}`, { token: admin })).body.contact
      .id;
    await block('contact', contactId);
    for (const id of [blockedTicket, okTicket]) {
      const solved = await t.request('PATCH', `/api/tickets/${id}`, {
        token: admin,
        body: { status: 'solved' },
      });
      expect(solved.status).toBe(200);
    }
    await waitFor(() => surveysTo('+14155550301')[0], 20_000, 'the survey to the unblocked contact');
    const request = await waitFor(
      () =>
        t.db.one<{ status: string; reason: string | null }>(
          `SELECT status, reason FROM survey_requests WHERE ticket_id = $1 AND status <> 'scheduled'`,
          [blockedTicket],
        ),
      20_000,
      "the blocked contact's survey to be settled",
    );
    expect(request).toEqual({ status: 'skipped', reason: 'blocked' });
    expect(surveysTo('+14155550300')).toEqual([]);
  });
});
