import { stopBackgroundSweeps } from './manual-sweeps.js';
import { SlaClockService } from '../../sla/sla-clock.service.js';
import { WebChatStoreService } from '../../channel-ports/web-chat-store.js';
import { startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';
import { TimeRules } from '../time-rules.js';

/**
 * The condition fields, events and time anchors rules judge beyond the ticket itself: the
 * contact's tags, business hours of the ticket's calendar, a CSAT answer, and the last reply
 * an agent sent; and time rules that count business hours. Real app and database; the SLA
 * clock's `now` is set so business hours are a known Thursday morning.
 */
describe('rule conditions on contacts, business hours, surveys and agent replies', () => {
  let t: TestApp;
  let admin: string;
  let account: { id: string; apiKey: string };
  let officePolicy: string;

  // Thursday 10 December 2026, 10:00 UTC; the office calendar is Monday to Friday 09:00-17:00 UTC.
  const THURSDAY_10 = new Date('2026-12-10T10:00:00Z');
  // Rules run after commit, in the outbox consumer; a busy machine can take a while.
  const SETTLE_MS = 20_000;
  const setClock = (app: TestApp, at: Date) => (app.app.get(SlaClockService).now = () => at);

  beforeAll(async () => {
    t = await startTestApp();
    await stopBackgroundSweeps(t);
    admin = await t.adminToken();
    account = await t.createApiAccount();
    const [calendar] = await t.db.query<{ id: string }>(
      `INSERT INTO business_calendars (name, time_zone, hours) VALUES ('Office', 'UTC', $1) RETURNING id`,
      [JSON.stringify([1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '17:00' })))],
    );
    const [policy] = await t.db.query<{ id: string }>(
      `INSERT INTO sla_policies (name, sort_order, calendar_id, conditions, active)
       VALUES ('Office hours', 1, $1, '{"tags": ["office-hours"]}', true) RETURNING id`,
      [calendar.id],
    );
    officePolicy = policy.id;
    t.app.get(SlaClockService).invalidatePolicies();
    setClock(t, THURSDAY_10);
  });
  afterAll(() => t?.close());

  async function createRule(body: object): Promise<string> {
    const res = await t.request('POST', '/api/admin/rules', {
      token: admin,
      body: { active: true, ...body },
    });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  async function inbound(externalId: string, text = 'hello', to = account): Promise<string> {
    const res = await t.inbound(to, { externalId, from: { handle: `${externalId}@example.com` }, text });
    expect(res.status).toBe(200);
    return res.body.ticketId;
  }

  /** Tagged so the SLA engine selects the office-hours policy, whose calendar the rules then use. */
  async function inOfficeHours(ticketId: string): Promise<void> {
    const res = await t.request('PATCH', `/api/tickets/${ticketId}`, {
      token: admin,
      body: { tags: ['office-hours'] },
    });
    expect(res.status).toBe(200);
    const row = await t.db.one<{ sla_policy_id: string }>(`SELECT sla_policy_id FROM tickets WHERE id = $1`, [
      ticketId,
    ]);
    expect(row?.sla_policy_id).toBe(officePolicy);
  }

  const tagsOf = async (ticketId: string): Promise<string[]> =>
    (await t.request('GET', `/api/tickets/${ticketId}`, { token: admin })).body.tags;
  const statusOf = async (app: TestApp, ticketId: string): Promise<string> =>
    (await app.request('GET', `/api/tickets/${ticketId}`, { token: await app.adminToken() })).body.status;
  /**
   * Sweeps until `expected` runs applied, then once more. A sweep passes over a ticket another
   * transaction holds (SKIP LOCKED, so nodes share the work): the reactions to the test's own
   * reply or Solve may hold it a moment, and the next sweep takes it, as in production.
   */
  async function sweepsApply(sweep: () => Promise<number>, expected: number): Promise<number> {
    let applied = 0;
    await waitFor(async () => ((applied += await sweep()) >= expected ? true : null), SETTLE_MS, 'due runs');
    return applied + (await sweep());
  }
  const appliedRuns = async (ruleId: string) =>
    (await t.request('GET', `/api/admin/rules/${ruleId}/runs`, { token: admin })).body.items.filter(
      (r: { outcome: string }) => r.outcome === 'applied',
    );

  it('tags a message from a VIP contact, whatever case the contact tag is in, and not anyone else', async () => {
    const rule = await createRule({
      name: 'VIP first',
      trigger: 'event',
      events: ['message.received'],
      conditions: { all: [{ field: 'contact.tags', op: 'contains', value: 'vip' }] },
      actions: [{ type: 'add_tags', tags: ['vip-contact'] }],
      order: 1,
    });
    // The plain message first: once the VIP's ticket shows the rule's tag, the consumer has passed it.
    const other = await inbound('plain-1');
    const vip = await inbound('vip-1');
    // Contacts have no tag editor yet: the tag is set in the table, as the contact workspace will.
    await t.db.query(
      `UPDATE contacts SET tags = '{VIP,reseller}' WHERE id = (SELECT contact_id FROM tickets WHERE id = $1)`,
      [vip],
    );
    const again = await t.inbound(account, {
      externalId: 'vip-2',
      from: { handle: 'vip-1@example.com' },
      text: 'me again',
    });
    expect(again.body.ticketId).toBe(vip);
    await waitFor(
      async () => ((await tagsOf(vip)).includes('vip-contact') ? true : null),
      SETTLE_MS,
      'the rules consumer',
    );
    const runs = await appliedRuns(rule);
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(runs.every((r: { ticketId: string }) => r.ticketId === vip)).toBe(true);
    expect(await tagsOf(other)).not.toContain('vip-contact');
    await t.request('PATCH', `/api/admin/rules/${rule}`, { token: admin, body: { active: false } });
  });

  it('judges business hours in the ticket’s SLA calendar: closed on Saturday, open on Thursday morning', async () => {
    const rule = await createRule({
      name: 'Out of hours',
      trigger: 'event',
      events: ['message.received'],
      conditions: { all: [{ field: 'businessHours', op: 'is', value: 'closed' }] },
      actions: [{ type: 'add_tags', tags: ['out-of-hours'] }],
      order: 2,
    });
    const saturday = await inbound('hours-saturday');
    await inOfficeHours(saturday);
    setClock(t, new Date('2026-12-12T10:00:00Z'));
    await t.inbound(account, {
      externalId: 'hours-saturday-2',
      from: { handle: 'hours-saturday@example.com' },
      text: 'anyone there?',
    });
    await waitFor(
      async () => ((await tagsOf(saturday)).includes('out-of-hours') ? true : null),
      SETTLE_MS,
      'the rules consumer',
    );

    setClock(t, THURSDAY_10);
    const thursday = await inbound('hours-thursday');
    await inOfficeHours(thursday);
    const marker = await createRule({
      name: 'Seen',
      trigger: 'event',
      events: ['message.received'],
      conditions: {},
      actions: [{ type: 'add_tags', tags: ['seen'] }],
      order: 3,
    });
    await t.inbound(account, {
      externalId: 'hours-thursday-2',
      from: { handle: 'hours-thursday@example.com' },
      text: 'good morning',
    });
    await waitFor(
      async () => ((await tagsOf(thursday)).includes('seen') ? true : null),
      SETTLE_MS,
      'the rules consumer',
    );
    expect(await tagsOf(thursday)).not.toContain('out-of-hours');
    for (const id of [rule, marker])
      await t.request('PATCH', `/api/admin/rules/${id}`, { token: admin, body: { active: false } });
  });

  it('runs survey.received rules when a CSAT answer is stored, with the answer in the run log', async () => {
    const rule = await createRule({
      name: 'Unhappy customer',
      trigger: 'event',
      events: ['survey.received'],
      actions: [
        { type: 'add_tags', tags: ['csat-answered'] },
        { type: 'set_priority', priority: 'high' },
      ],
      order: 4,
    });
    const ticketId = await inbound('survey-1');
    expect(
      (await t.request('PATCH', `/api/tickets/${ticketId}`, { token: admin, body: { status: 'solved' } }))
        .status,
    ).toBe(200);
    // The store the widget's survey answer goes through (the widget socket calls it).
    expect(await t.app.get(WebChatStoreService).saveSurvey(ticketId, 2, 'slow')).toBe('saved');
    await waitFor(
      async () => ((await tagsOf(ticketId)).includes('csat-answered') ? true : null),
      SETTLE_MS,
      'the rules consumer',
    );
    const runs = await appliedRuns(rule);
    expect(runs).toEqual([expect.objectContaining({ ticketId, event: 'survey.received' })]);
    expect((await t.request('GET', `/api/tickets/${ticketId}`, { token: admin })).body.priority).toBe('high');
  });

  it('reminds after 48 hours without an agent reply, counted from the agent’s last reply, once', async () => {
    const rule = await createRule({
      name: 'Nudge the agent',
      trigger: 'time',
      time: { since: 'last_agent_reply', hours: 48 },
      actions: [{ type: 'add_tags', tags: ['no-reply-48h'] }],
    });
    const answered = await inbound('reply-1');
    const unanswered = await inbound('reply-2');
    const reply = await t.request('POST', `/api/tickets/${answered}/messages`, {
      token: admin,
      body: { kind: 'reply', body: 'We are on it.' },
    });
    expect(reply.status).toBe(201);
    const sweep = () => t.app.get(TimeRules).sweep();
    setClock(t, new Date(Date.now()));
    expect(await sweep()).toBe(0); // replied just now
    await t.db.query(
      `UPDATE tickets SET last_agent_reply_at = last_agent_reply_at - interval '49 hours' WHERE id = $1`,
      [answered],
    );
    expect(await sweepsApply(sweep, 1)).toBe(1);
    expect(await tagsOf(answered)).toContain('no-reply-48h');
    expect(await tagsOf(unanswered)).not.toContain('no-reply-48h'); // no agent reply to count from
    expect(await appliedRuns(rule)).toEqual([expect.objectContaining({ ticketId: answered })]);
    await t.request('PATCH', `/api/admin/rules/${rule}`, { token: admin, body: { active: false } });
  });

  it('closes a ticket solved four business days ago exactly once across two sweeps and a restart; calendar hours still count', async () => {
    // Its own inbox, so tickets other tests solved are not this rule's business.
    const office = await t.createApiAccount();
    const onlyOffice = { all: [{ field: 'channelAccountId', op: 'is', value: office.id }] };
    const rule = await createRule({
      name: 'Close after 4 business days',
      trigger: 'time',
      time: { since: 'solved', hours: 32, businessHours: true },
      conditions: onlyOffice,
      actions: [{ type: 'set_status', status: 'closed' }],
    });
    const calendarRule = await createRule({
      name: 'Tag after 30 calendar hours',
      trigger: 'time',
      time: { since: 'solved', hours: 30 },
      conditions: onlyOffice,
      actions: [{ type: 'add_tags', tags: ['solved-30h'] }],
    });
    const solve = async (externalId: string, solvedAt: string) => {
      const id = await inbound(externalId, 'thanks', office);
      await inOfficeHours(id);
      await t.request('PATCH', `/api/tickets/${id}`, { token: admin, body: { status: 'solved' } });
      // Solved days ago: the moment is moved back in the table instead of waiting.
      await t.db.query(`UPDATE tickets SET solved_at = $2 WHERE id = $1`, [id, solvedAt]);
      return id;
    };
    // Friday 09:30 → Thursday 10:00: 7.5 + 8 + 8 + 8 + 1 = 32.5 business hours (six days on the clock).
    const lastWeek = await solve('biz-friday', '2026-12-04T09:30:00Z');
    // Monday 09:00 → Thursday 10:00: 25 business hours, though 73 hours on the clock.
    const monday = await solve('biz-monday', '2026-12-07T09:00:00Z');
    setClock(t, THURSDAY_10);
    const sweep = (app: TestApp) => app.app.get(TimeRules).sweep();

    // Friday's close in business hours; Monday's tag in calendar hours
    expect(await sweepsApply(() => sweep(t), 2)).toBe(2);
    expect(await statusOf(t, lastWeek)).toBe('closed');
    expect(await statusOf(t, monday)).toBe('solved');
    expect(await tagsOf(monday)).toContain('solved-30h');

    const databaseUrl = t.config.databaseUrl;
    await t.close({ keepDatabase: true });
    t = await startTestApp({ databaseUrl, secretsKey: t.config.secretsKey });
    await stopBackgroundSweeps(t);
    admin = await t.adminToken();
    setClock(t, THURSDAY_10);
    expect(await sweep(t)).toBe(0);

    // The next Monday 10:00, Monday's ticket has 33 business hours behind it.
    setClock(t, new Date('2026-12-14T10:00:00Z'));
    expect(await sweepsApply(() => sweep(t), 1)).toBe(1);
    expect(await statusOf(t, monday)).toBe('closed');
    const closes = await t.db.query<{ ticket_id: string }>(
      `SELECT ticket_id FROM rule_runs WHERE rule_id = $1 AND outcome = 'applied' ORDER BY id`,
      [rule],
    );
    expect(closes.map((r) => r.ticket_id)).toEqual([lastWeek, monday]);
    // Friday's ticket was closed before the calendar-hours rule came to it; Monday's was tagged once.
    expect(await appliedRuns(calendarRule)).toEqual([expect.objectContaining({ ticketId: monday })]);
  });
});
