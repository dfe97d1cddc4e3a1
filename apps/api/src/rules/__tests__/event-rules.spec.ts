import { randomBytes } from 'node:crypto';
import { FakeTwilio, signTwilioRequest, twilioInboundParams } from '@switchboard/test-support-providers';
import { startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';

const PUBLIC_URL = 'https://helpdesk.example.com';

/**
 * Event rules end to end: messages arrive through real channel webhooks, the rules consumer
 * reacts to the committed outbox, and the result is read back as an agent or admin sees it.
 */
describe('event rules', () => {
  let t: TestApp;
  let fake: FakeTwilio;
  let admin: string;
  let billing: string;
  let sms: { id: string };

  beforeAll(async () => {
    fake = new FakeTwilio();
    await fake.start();
    t = await startTestApp();
    admin = await t.adminToken();
    billing = await t.createTeam('Billing');
    const res = await t.request('POST', '/api/admin/channel-accounts', {
      token: admin,
      body: {
        kind: 'twilio_sms',
        name: 'SMS line',
        config: {
          accountSid: fake.accountSid,
          authToken: fake.authToken,
          apiBaseUrl: fake.url,
          from: '+15005550006',
          publicUrl: PUBLIC_URL,
        },
      },
    });
    sms = res.body;
  });

  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  /** An inbound SMS, signed as Twilio signs it; the ticket it landed on. */
  async function inboundSms(from: string, body: string): Promise<string> {
    const messageSid = 'SM' + randomBytes(16).toString('hex');
    const params = twilioInboundParams({
      accountSid: fake.accountSid,
      from,
      to: '+15005550006',
      body,
      messageSid,
    });
    const path = `/api/webhooks/twilio/${sms.id}`;
    const res = await t.request('POST', path, {
      raw: new URLSearchParams(params).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signTwilioRequest(fake.authToken, PUBLIC_URL + path, params),
      },
    });
    expect(res.status).toBe(200);
    const row = await waitFor(() =>
      t.db.one<{ ticket_id: string }>(`SELECT ticket_id FROM messages WHERE external_id = $1`, [messageSid]),
    );
    return row.ticket_id;
  }

  async function createRule(body: object): Promise<string> {
    const res = await t.request('POST', '/api/admin/rules', {
      token: admin,
      body: { active: true, ...body },
    });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  const runsOf = async (ruleId: string) =>
    (await t.request('GET', `/api/admin/rules/${ruleId}/runs`, { token: admin })).body.items as Array<{
      ticketId: string;
      ticketNumber: number | null;
      outcome: string;
      reason: string | null;
    }>;

  const deactivate = (id: string) =>
    t.request('PATCH', `/api/admin/rules/${id}`, { token: admin, body: { active: false } });

  it('tags an inbound SMS that mentions a refund and routes it to billing; others stay as they were', async () => {
    const rule = await createRule({
      name: 'Refunds to billing',
      trigger: 'event',
      events: ['message.received'],
      conditions: { all: [{ field: 'body', op: 'contains', value: 'refund' }] },
      actions: [
        { type: 'add_tags', tags: ['refund'] },
        { type: 'set_team', teamId: billing },
      ],
    });
    const refund = await inboundSms('+15551230001', 'Hi, I would like a REFUND for my order');
    const other = await inboundSms('+15551230002', 'Where is my parcel?');

    const ticket = await waitFor(async () => {
      const res = await t.request('GET', `/api/tickets/${refund}`, { token: admin });
      return res.body.teamId === billing && res.body;
    });
    expect(ticket.tags).toEqual(['refund']);
    const runs = await waitFor(async () => {
      const items = await runsOf(rule);
      return items.length > 0 && items;
    });
    expect(runs).toEqual([
      expect.objectContaining({
        ticketId: refund,
        ticketNumber: ticket.number,
        outcome: 'applied',
        reason: null,
      }),
    ]);
    const untouched = (await t.request('GET', `/api/tickets/${other}`, { token: admin })).body;
    expect(untouched).toMatchObject({ teamId: null, tags: [] });
    await deactivate(rule);
  });

  it("notify reaches the ticket's team in their bell, and nobody outside it", async () => {
    const member = await t.createUser({ email: 'bea@billing.test', teamIds: [billing] });
    const outsider = await t.createUser({ email: 'otto@elsewhere.test' });
    const rule = await createRule({
      name: 'Chargebacks to billing, loudly',
      trigger: 'event',
      events: ['message.received'],
      conditions: { all: [{ field: 'body', op: 'contains', value: 'chargeback' }] },
      actions: [
        { type: 'set_team', teamId: billing },
        { type: 'notify', target: 'team', message: 'Chargeback on #{{ticket.number}}' },
      ],
    });
    const ticketId = await inboundSms('+15551230009', 'My bank started a chargeback');
    const bell = (token: string) =>
      t
        .request('GET', '/api/notifications', { token })
        .then((r) => r.body as { items: any[]; unread: number });
    const seen = await waitFor(async () => {
      const mine = await bell(member.token);
      return mine.items.find((n) => n.ticketId === ticketId);
    }, 10_000);
    expect(seen).toMatchObject({ kind: 'rule' });
    expect(seen.text).toMatch(/^Chargeback on #\d+$/);
    expect((await bell(outsider.token)).items.filter((n) => n.ticketId === ticketId)).toEqual([]);
    const [run] = await runsOf(rule);
    expect(run.outcome).toBe('applied');
    await deactivate(rule);
  });

  it('a failing webhook is logged on the run and the message is still taken in', async () => {
    const rule = await createRule({
      name: 'Tell the CRM',
      trigger: 'event',
      events: ['message.received'],
      conditions: { all: [{ field: 'body', op: 'contains', value: 'invoice' }] },
      actions: [
        { type: 'webhook', url: 'http://127.0.0.1:1/hook' },
        { type: 'add_tags', tags: ['invoice'] },
      ],
    });
    const ticketId = await inboundSms('+15551230003', 'Please resend the invoice');
    const [run] = await waitFor(async () => {
      const items = await runsOf(rule);
      return items[0]?.outcome === 'failed' && items;
    });
    expect(run.reason).toContain('webhook http://127.0.0.1:1/hook failed');
    const ticket = (await t.request('GET', `/api/tickets/${ticketId}`, { token: admin })).body;
    expect(ticket.tags).toEqual(['invoice']);
    await deactivate(rule);
  });

  it('two rules that trigger each other stop at the depth limit, with the reason in the log', async () => {
    const ping = await createRule({
      name: 'ping',
      trigger: 'event',
      events: ['ticket.updated'],
      conditions: { all: [{ field: 'priority', op: 'is', value: 'low' }] },
      actions: [{ type: 'set_priority', priority: 'high' }],
    });
    const pong = await createRule({
      name: 'pong',
      trigger: 'event',
      events: ['ticket.updated'],
      conditions: { all: [{ field: 'priority', op: 'is', value: 'high' }] },
      actions: [{ type: 'set_priority', priority: 'low' }],
    });
    const ticketId = await inboundSms('+15551230004', 'hello');
    const patched = await t.request('PATCH', `/api/tickets/${ticketId}`, {
      token: admin,
      body: { priority: 'low' },
    });
    expect(patched.status).toBe(200);

    const stopped = await waitFor(async () => {
      const all = [...(await runsOf(ping)), ...(await runsOf(pong))];
      return all.find((r) => r.outcome === 'skipped') && all;
    });
    const skipped = stopped.filter((r) => r.outcome === 'skipped');
    expect(skipped).toEqual([
      expect.objectContaining({ ticketId, reason: expect.stringContaining('depth limit') }),
    ]);
    expect(stopped.filter((r) => r.outcome === 'applied')).toHaveLength(3);
    await deactivate(ping);
    await deactivate(pong);
  });
});
