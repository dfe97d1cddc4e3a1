import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { FakeTwilio, signTwilioRequest, twilioInboundParams } from '@switchboard/test-support-providers';
import { startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';

const PUBLIC_URL = 'https://helpdesk.example.com';
const FROM = '+15005550006';

jest.setTimeout(90_000);

describe('CSAT by SMS: "reply 1–5" through the local Twilio server', () => {
  let t: TestApp;
  let fake: FakeTwilio;
  let admin: string;
  let agent: { id: string; token: string };
  let smsId: string;
  let dataDir: string;

  beforeAll(async () => {
    fake = new FakeTwilio();
    await fake.start();
    dataDir = await mkdtemp(join(tmpdir(), 'sb-sms-survey-'));
    t = await startTestApp({ dataDir });
    admin = await t.adminToken();
    agent = await t.createUser({ email: 'sam@sms.test' });
    const res = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: {
        kind: 'twilio_sms',
        name: 'SMS',
        config: {
          accountSid: fake.accountSid,
          authToken: fake.authToken,
          apiBaseUrl: fake.url,
          from: FROM,
          publicUrl: PUBLIC_URL,
        },
      },
    });
    expect(res.status).toBe(201);
    smsId = res.body.id;
    const put = await t.request('PUT', '/api/admin/survey-settings', {
      token: admin,
      body: {
        csat: { enabled: true, delaySeconds: 0 },
        ces: { enabled: false },
        nps: { enabled: false, minDaysBetween: 90, afterSolvedTickets: 3 },
      },
    });
    expect(put.status).toBe(200);
  });

  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** A text from the customer, signed as Twilio signs webhooks; the same MessageSid is a provider retry. */
  async function text(
    from: string,
    body: string,
    messageSid = 'SM' + randomBytes(16).toString('hex'),
    account = { id: smsId, number: FROM },
  ) {
    const path = `/api/webhooks/twilio/${account.id}`;
    const params = twilioInboundParams({
      accountSid: fake.accountSid,
      from,
      to: account.number,
      body,
      messageSid,
    });
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

  const inboundTexts = (ticketId: string) =>
    t.db.query<{ text: string }>(
      `SELECT text FROM messages WHERE ticket_id = $1 AND direction = 'in' ORDER BY created_at`,
      [ticketId],
    );
  const responses = (ticketId: string) =>
    t.db.query<{ score: number; comment: string | null; agent_id: string | null }>(
      `SELECT score, comment, agent_id FROM survey_responses WHERE ticket_id = $1`,
      [ticketId],
    );
  const surveysTo = (to: string) =>
    fake.sent.filter((m) => m.to === to && /Reply with a number from 1 to 5/.test(m.body ?? ''));

  /** A ticket from `from`, assigned to and solved by the agent; resolves when the survey text went out. */
  async function solvedAndSurveyed(from: string, body: string): Promise<string> {
    const sid = await text(from, body);
    const { ticket_id: ticketId } = await waitFor(
      () => t.db.one<{ ticket_id: string }>(`SELECT ticket_id FROM messages WHERE external_id = $1`, [sid]),
      10_000,
      'the ticket',
    );
    await t.request('PATCH', `/api/tickets/${ticketId}`, { token: admin, body: { assigneeId: agent.id } });
    expect(
      (
        await t.request('PATCH', `/api/tickets/${ticketId}`, {
          token: agent.token,
          body: { status: 'solved' },
        })
      ).status,
    ).toBe(200);
    await waitFor(() => surveysTo(from)[0], 15_000, 'the survey text');
    return ticketId;
  }

  it('a bare digit is the score, not a customer message; a provider retry stores nothing more; the ticket stays solved', async () => {
    const customer = '+14155550201';
    const ticketId = await solvedAndSurveyed(customer, 'My parcel is lost');
    expect(surveysTo(customer)[0].body).toBe(
      'How would you rate the support you received? Reply with a number from 1 to 5.',
    );
    const sid = await text(customer, '2');
    await waitFor(async () => (await responses(ticketId)).length > 0, 5_000, 'the answer');
    expect(await responses(ticketId)).toEqual([{ score: 2, comment: null, agent_id: agent.id }]);
    await text(customer, '2', sid); // Twilio retries the same webhook
    expect(await responses(ticketId)).toHaveLength(1);
    expect((await inboundTexts(ticketId)).map((m) => m.text)).toEqual(['My parcel is lost']);
    const ticket = await t.request('GET', `/api/tickets/${ticketId}`, { token: agent.token });
    expect(ticket.body.status).toBe('solved');
    const timeline = await t.request('GET', `/api/tickets/${ticketId}/messages`, { token: agent.token });
    expect(timeline.body.items).toContainEqual(
      expect.objectContaining({
        type: 'survey',
        data: expect.objectContaining({ score: 2, channel: 'twilio_sms', agentId: agent.id }),
      }),
    );

    // The survey is answered: the next digit is just a message.
    await text(customer, '5');
    await waitFor(
      async () => (await inboundTexts(ticketId)).length === 2,
      5_000,
      'the second digit as a message',
    );
    expect(await responses(ticketId)).toEqual([expect.objectContaining({ score: 2 })]);
  });

  it('"3 please call me" is both the score (the words as its comment) and a customer message an agent sees', async () => {
    const customer = '+14155550202';
    const ticketId = await solvedAndSurveyed(customer, 'Billing question');
    await text(customer, '3 please call me');
    await waitFor(async () => (await inboundTexts(ticketId)).length === 2, 5_000, 'the message');
    expect(await responses(ticketId)).toEqual([{ score: 3, comment: 'please call me', agent_id: agent.id }]);
    expect((await inboundTexts(ticketId)).map((m) => m.text)).toEqual([
      'Billing question',
      '3 please call me',
    ]);
  });

  it('anything else is a normal message: words, out-of-range numbers, decimals, and a digit after 24 hours', async () => {
    const customer = '+14155550203';
    const ticketId = await solvedAndSurveyed(customer, 'Screen cracked');
    for (const body of ['thanks!', '7', '3.5 stars']) await text(customer, body);
    await waitFor(async () => (await inboundTexts(ticketId)).length === 4, 5_000, 'three messages');
    expect(await responses(ticketId)).toEqual([]);
    await t.db.query(
      `UPDATE survey_requests SET sent_at = now() - interval '25 hours' WHERE ticket_id = $1`,
      [ticketId],
    );
    await text(customer, '4');
    await waitFor(
      async () => (await inboundTexts(ticketId)).length === 5,
      5_000,
      'the late digit as a message',
    );
    expect(await responses(ticketId)).toEqual([]);
  });

  it('a contact who texted STOP gets no survey', async () => {
    const customer = '+14155550204';
    const sid = await text(customer, 'Where is my refund?');
    const { ticket_id: ticketId } = await waitFor(
      () => t.db.one<{ ticket_id: string }>(`SELECT ticket_id FROM messages WHERE external_id = $1`, [sid]),
      10_000,
      'the ticket',
    );
    await text(customer, 'STOP');
    expect(
      (await t.request('PATCH', `/api/tickets/${ticketId}`, { token: admin, body: { status: 'solved' } }))
        .status,
    ).toBe(200);
    const settled = await waitFor(
      () =>
        t.db.one<{ status: string; reason: string }>(
          `SELECT status, reason FROM survey_requests WHERE ticket_id = $1 AND status <> 'scheduled'`,
          [ticketId],
        ),
      20_000,
      'the survey to be settled',
    );
    expect(settled).toEqual({ status: 'skipped', reason: 'opted_out' });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(surveysTo(customer)).toHaveLength(0);
  });

  it('with CES as a follow-up, the CES question comes by SMS after the CSAT digit, and the next digit answers it (1–7)', async () => {
    const settings = (ces: Record<string, unknown>) =>
      t.request('PUT', '/api/admin/survey-settings', {
        token: admin,
        body: {
          csat: { enabled: true, delaySeconds: 0 },
          ces,
          nps: { enabled: false, minDaysBetween: 90, afterSolvedTickets: 3 },
        },
      });
    expect((await settings({ enabled: true, mode: 'after_csat' })).status).toBe(200);
    const customer = '+14155550205';
    const ticketId = await solvedAndSurveyed(customer, 'App crashes');
    await text(customer, '4');
    await waitFor(
      () =>
        fake.sent.find(
          (m) =>
            m.to === customer &&
            /How easy was it to get your issue resolved\? Reply with a number from 1 to 7\./.test(
              m.body ?? '',
            ),
        ),
      15_000,
      'the CES text',
    );
    await text(customer, '6');
    await waitFor(
      async () =>
        (await t.db.query(`SELECT 1 FROM survey_responses WHERE ticket_id = $1`, [ticketId])).length === 2,
      5_000,
      'both answers',
    );
    expect(
      await t.db.query(`SELECT kind, score FROM survey_responses WHERE ticket_id = $1 ORDER BY kind`, [
        ticketId,
      ]),
    ).toEqual([
      { kind: 'ces', score: 6 },
      { kind: 'csat', score: 4 },
    ]);
    expect((await inboundTexts(ticketId)).map((m) => m.text)).toEqual(['App crashes']);

    // CES instead of CSAT: the only question is the 1–7 one.
    expect((await settings({ enabled: true, mode: 'instead' })).status).toBe(200);
    const other = '+14155550206';
    const sid = await text(other, 'Login broken');
    const { ticket_id: second } = await waitFor(
      () => t.db.one<{ ticket_id: string }>(`SELECT ticket_id FROM messages WHERE external_id = $1`, [sid]),
      10_000,
      'the ticket',
    );
    await t.request('PATCH', `/api/tickets/${second}`, { token: admin, body: { status: 'solved' } });
    await waitFor(
      () => fake.sent.find((m) => m.to === other && /from 1 to 7/.test(m.body ?? '')),
      15_000,
      'the CES text',
    );
    await text(other, '7');
    await waitFor(
      async () =>
        (await t.db.query(`SELECT 1 FROM survey_responses WHERE ticket_id = $1`, [second])).length === 1,
      5_000,
      'the answer',
    );
    expect(
      await t.db.query(`SELECT kind, score FROM survey_responses WHERE ticket_id = $1`, [second]),
    ).toEqual([{ kind: 'ces', score: 7 }]);
    expect(surveysTo(other)).toHaveLength(0);
  });

  it("asks in the contact's language (else the workspace's); a channel account's override wins over the workspace settings", async () => {
    const put = (overrides: unknown[]) =>
      t.request('PUT', '/api/admin/survey-settings', {
        token: admin,
        body: {
          csat: { enabled: true, delaySeconds: 0, question: 'How did we do?' },
          ces: { enabled: false },
          nps: { enabled: false, minDaysBetween: 90, afterSolvedTickets: 3 },
          texts: { de: { csatQuestion: 'Wie war unser Service?' } },
          overrides,
        },
      });
    expect((await put([])).status).toBe(200);

    // A German-speaking contact: the German text; the reply instruction stays in the SMS idiom.
    const german = '+14155550207';
    const sid = await text(german, 'Hallo, mein Paket fehlt');
    const { ticket_id: ticketId } = await waitFor(
      () => t.db.one<{ ticket_id: string }>(`SELECT ticket_id FROM messages WHERE external_id = $1`, [sid]),
      10_000,
      'the ticket',
    );
    const ticket = await t.request('GET', `/api/tickets/${ticketId}`, { token: admin });
    expect(
      (
        await t.request('PATCH', `/api/contacts/${ticket.body.contact.id}`, {
          token: admin,
          body: { language: 'de' },
        })
      ).status,
    ).toBe(200);
    await t.request('PATCH', `/api/tickets/${ticketId}`, { token: admin, body: { status: 'solved' } });
    const survey = await waitFor(() => surveysTo(german)[0], 15_000, 'the German survey');
    expect(survey.body).toMatch(/^Wie war unser Service\?/);

    // Without a language of their own: the workspace's question.
    const english = await solvedAndSurveyed('+14155550208', 'Hi');
    expect(english).toBeTruthy();
    expect(surveysTo('+14155550208')[0].body).toMatch(/^How did we do\?/);

    // This SMS number turns CSAT off for itself: solved tickets on it get no survey.
    expect((await put([{ channelAccountId: smsId, csat: { enabled: false } }])).status).toBe(200);
    const quiet = '+14155550209';
    const quietSid = await text(quiet, 'One more thing');
    const { ticket_id: quietTicket } = await waitFor(
      () =>
        t.db.one<{ ticket_id: string }>(`SELECT ticket_id FROM messages WHERE external_id = $1`, [quietSid]),
      10_000,
      'the ticket',
    );
    await t.request('PATCH', `/api/tickets/${quietTicket}`, { token: admin, body: { status: 'solved' } });
    await new Promise((r) => setTimeout(r, 2_500));
    expect(surveysTo(quiet)).toHaveLength(0);
    expect(await t.db.query(`SELECT 1 FROM survey_requests WHERE ticket_id = $1`, [quietTicket])).toEqual([]);
  });

  it('WhatsApp: the approved csat_survey template (quick-reply buttons) carries the question; a tap records the score', async () => {
    const contentSid = 'HX' + randomBytes(16).toString('hex');
    const res = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: {
        kind: 'twilio_whatsapp',
        name: 'WhatsApp',
        config: {
          accountSid: fake.accountSid,
          authToken: fake.authToken,
          apiBaseUrl: fake.url,
          from: '+14155238886',
          publicUrl: PUBLIC_URL,
          templates: [{ contentSid, name: 'csat_survey', variables: ['1'] }],
        },
      },
    });
    expect(res.status).toBe(201);
    const whatsapp = { id: res.body.id as string, number: 'whatsapp:+14155238886' };
    expect(
      (
        await t.request('PUT', '/api/admin/survey-settings', {
          token: admin,
          body: {
            csat: { enabled: true, delaySeconds: 0 },
            ces: { enabled: false },
            nps: { enabled: false, minDaysBetween: 90, afterSolvedTickets: 3 },
          },
        })
      ).status,
    ).toBe(200);
    const customer = 'whatsapp:+14155550210';
    const sid = await text(customer, 'Order status?', undefined, whatsapp);
    const { ticket_id: ticketId } = await waitFor(
      () => t.db.one<{ ticket_id: string }>(`SELECT ticket_id FROM messages WHERE external_id = $1`, [sid]),
      10_000,
      'the ticket',
    );
    await t.request('PATCH', `/api/tickets/${ticketId}`, { token: admin, body: { assigneeId: agent.id } });
    await t.request('PATCH', `/api/tickets/${ticketId}`, { token: agent.token, body: { status: 'solved' } });
    const survey = await waitFor(
      () => fake.sent.find((m) => m.to === customer && m.contentSid === contentSid),
      15_000,
      'the survey template',
    );
    expect(JSON.parse(survey.contentVariables!)).toEqual({
      '1': 'How would you rate the support you received?',
    });
    // A quick-reply tap arrives as a message whose body is the button's text.
    await text(customer, '5', undefined, whatsapp);
    await waitFor(async () => (await responses(ticketId)).length > 0, 5_000, 'the answer');
    expect(await responses(ticketId)).toEqual([{ score: 5, comment: null, agent_id: agent.id }]);
    expect((await inboundTexts(ticketId)).map((m) => m.text)).toEqual(['Order status?']);
  });
});
