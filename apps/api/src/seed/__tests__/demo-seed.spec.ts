import { startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';

/** A newcomer's first minute: the seeded demo shows every channel, an SLA, a CSAT answer, and replies that work. */
describe('the demo workspace on first start', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const get = async (path: string) => {
    const res = await t.request('GET', path, { token: admin });
    expect(res.status).toBe(200);
    return res.body;
  };

  it('has an email, an SMS, a chat and an API conversation, each stored as its channel', async () => {
    const { items } = await get('/api/tickets?limit=50');
    const channels = new Set(items.map((ticket: { channel: string }) => ticket.channel));
    expect([...channels].sort()).toEqual(['api', 'email', 'twilio_sms', 'web_chat']);
    const accounts = (await get('/api/admin/channel-accounts')).items as Array<{
      name: string;
      kind: string;
    }>;
    expect(accounts.map((a) => a.kind).sort()).toEqual(['api', 'email', 'twilio_sms', 'web_chat']);
    for (const account of accounts) expect(account.name).toMatch(/^Demo .*\(replies recorded, never sent\)$/);
  });

  it('has a default SLA policy counted in a business calendar, and the open tickets run under it', async () => {
    const [calendar] = (await get('/api/admin/calendars')).items;
    const [policy] = (await get('/api/admin/sla-policies')).items;
    expect(policy).toMatchObject({ active: true, calendarId: calendar.id });
    expect(calendar.hours).toHaveLength(5);
    const summary = await get('/api/sla/summary');
    const counts = summary.overall ?? summary;
    expect(JSON.stringify(counts)).not.toBe('{}');
    const open = await t.db.query<{ sla_policy_id: string | null }>(
      `SELECT sla_policy_id FROM tickets WHERE status NOT IN ('solved', 'closed')`,
    );
    expect(open.length).toBeGreaterThanOrEqual(4);
    for (const row of open) expect(row.sla_policy_id).toBe(policy.id);
  });

  it('offers the default automation rules, all switched off', async () => {
    const { items } = await get('/api/admin/rules');
    expect(items.map((r: { name: string; active: boolean }) => [r.name, r.active])).toEqual([
      ['Close solved tickets after 4 days of silence', false],
      ['Remind the customer after 3 days pending', false],
      ['Raise priority on SLA breach', false],
    ]);
  });

  it('has a solved chat with the customer’s satisfaction answer on its timeline', async () => {
    const [answer] = await t.db.query<{ score: number; comment: string; status: string }>(
      `SELECT s.score, s.comment, t.status FROM survey_responses s JOIN tickets t ON t.id = s.ticket_id`,
    );
    expect(answer).toEqual({ score: 5, comment: 'Quick and friendly, thanks!', status: 'solved' });
  });

  it('delivers a reply on every demo conversation, and records the API channel’s in the demo callback', async () => {
    const { items } = await get('/api/tickets?limit=50');
    const open = items.filter((ticket: { status: string }) => ticket.status !== 'solved');
    expect(open.length).toBeGreaterThanOrEqual(4);
    const replies: Array<{ id: string; ticketId: string; channel: string }> = [];
    for (const ticket of open) {
      const reply = await t.request('POST', `/api/tickets/${ticket.id}/messages`, {
        token: admin,
        body: { kind: 'reply', body: `Thanks, looking into it (${ticket.channel}).` },
      });
      expect(reply.status).toBe(201);
      replies.push({ id: reply.body.id, ticketId: ticket.id, channel: ticket.channel });
    }
    for (const reply of replies) {
      const message = await waitFor(
        async () => {
          const timeline = await get(`/api/tickets/${reply.ticketId}/messages`);
          const found = timeline.items.find((m: { id: string }) => m.id === reply.id);
          return found && found.deliveryState !== 'queued' && found.deliveryState !== 'sending' && found;
        },
        10_000,
        `the ${reply.channel} reply to leave the queue`,
      );
      expect({
        channel: reply.channel,
        state: message.deliveryState,
        error: message.deliveryError ?? null,
      }).toEqual({
        channel: reply.channel,
        state: 'delivered',
        error: null,
      });
    }
    const recorded = (await get('/api/admin/demo-deliveries')).items as Array<{
      messageId: string;
      channelKind: string;
    }>;
    const apiReply = replies.find((r) => r.channel === 'api')!;
    expect(recorded.find((d) => d.messageId === apiReply.id)).toMatchObject({ channelKind: 'api' });
    expect(recorded.filter((d) => replies.some((r) => r.id === d.messageId))).toHaveLength(replies.length);
  });

  it('marks all four demo channels, and no demo mailbox is ever watched', async () => {
    const demoIds = await t.db.query<{ id: string }>(`SELECT id FROM channel_accounts WHERE demo`);
    expect(demoIds).toHaveLength(4);
    const email = await t.db.query<{ id: string }>(
      `SELECT id FROM channel_accounts WHERE kind = 'email' AND active AND NOT demo`,
    );
    expect(email).toEqual([]);
  });

  it('only an admin reads the demo callback', async () => {
    const agent = await t.createUser({ email: 'new-agent@test.local' });
    const res = await t.request('GET', '/api/admin/demo-deliveries', { token: agent.token });
    expect(res.status).toBe(403);
  });
});
