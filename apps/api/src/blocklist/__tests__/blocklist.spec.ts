import { jest } from '@jest/globals';
import { stopBackgroundSweeps } from '../../rules/__tests__/manual-sweeps.js';
import { TimeRules } from '../../rules/time-rules.js';
import { startTestApp, type TestApp } from '../../test-support/test-app.js';

jest.setTimeout(60_000);

/**
 * The blocklist and the spam view through the API channel (every channel enters through the same
 * ingest): blocked senders' messages are kept but reach no queue, no clock and no reaction.
 */
describe('blocklist, spam view and flood limit', () => {
  let t: TestApp;
  let admin: string;
  let teamId: string;
  let agent: { id: string; token: string };
  let outsider: { id: string; token: string };
  let account: { id: string; apiKey: string };
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    teamId = await t.createTeam('Front desk');
    agent = await t.createUser({ email: 'ana@desk.test', teamIds: [teamId] });
    outsider = await t.createUser({ email: 'otto@elsewhere.test' });
    account = await t.createApiAccount({ teamId });
    const policy = await t.request('POST', '/api/admin/sla-policies', {
      token: admin,
      body: { name: 'Everyone', order: 0, targets: { firstResponseSeconds: 3600 } },
    });
    expect(policy.status).toBe(201);
  });
  afterAll(() => t.close());

  async function send(handle: string, text: string, extra: Record<string, unknown> = {}) {
    const res = await t.inbound(account, { externalId: `m-${++n}`, from: { handle }, text, ...extra });
    expect(res.status).toBe(200);
    return res.body as { ticketId: string; messageId: string; duplicate: boolean };
  }
  const block = (kind: string, value: string, token = admin) =>
    t.request('POST', '/api/admin/blocklist', { token, body: { kind, value } });
  const queue = async (token = admin) =>
    ((await t.request('GET', '/api/tickets?limit=100', { token })).body.items as Array<{ id: string }>).map(
      (i) => i.id,
    );
  const spamView = async (q = '', token = admin) => {
    const res = await t.request('GET', `/api/spam/tickets${q ? `?q=${encodeURIComponent(q)}` : ''}`, {
      token,
    });
    expect(res.status).toBe(200);
    return (res.body.items as Array<{ id: string; spamReason: string; preview: string }>).map((i) => i.id);
  };
  const ticket = async (id: string) => (await t.request('GET', `/api/tickets/${id}`, { token: admin })).body;
  const outboxEvents = async (ticketId: string) =>
    (
      await t.db.query<{ topic: string }>(
        `SELECT topic FROM outbox_events WHERE ticket_id = $1 ORDER BY id`,
        [ticketId],
      )
    ).map((r) => r.topic);
  const auditActions = async (action: string) =>
    (
      await t.db.query<{ target_id: string | null }>(`SELECT target_id FROM audit_log WHERE action = $1`, [
        action,
      ])
    ).length;

  it('only admins read or change the blocklist, and wrong input is a 400 naming the field', async () => {
    expect((await block('address', 'x@y.test', agent.token)).status).toBe(403);
    expect((await t.request('GET', '/api/admin/blocklist', { token: agent.token })).status).toBe(403);
    expect(
      (
        await t.request('DELETE', '/api/admin/blocklist/00000000-0000-4000-8000-000000000000', {
          token: agent.token,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.request('PUT', '/api/admin/blocklist/flood-limit', {
          token: agent.token,
          body: { enabled: false, maxMessages: 1, windowSeconds: 1 },
        })
      ).status,
    ).toBe(403);

    const wrongKind = await block('ip', '10.0.0.1');
    expect(wrongKind.status).toBe(400);
    expect(JSON.stringify(wrongKind.body)).toContain('kind');
    const wrongDomain = await block('domain', 'not a domain');
    expect(wrongDomain.status).toBe(400);
    expect(wrongDomain.body.message).toContain('value');
    expect((await block('contact', '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await block('contact', 'carol')).status).toBe(400);
  });

  it("a blocked address's messages are kept in the spam view: no queue, no SLA clock, nothing reacts", async () => {
    const created = await block('address', '  Spammer@Junk.TEST ');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'address', value: 'spammer@junk.test' });
    expect((await block('address', 'spammer@junk.test')).status).toBe(409);
    expect(await auditActions('blocklist_entry.created')).toBeGreaterThanOrEqual(1);

    const countsBefore = (await t.request('GET', '/api/queues/counts', { token: admin })).body;
    const summaryBefore = (await t.request('GET', '/api/sla/summary', { token: admin })).body.totals;
    const first = await send('spammer@junk.test', 'Cheap watches, best prices');
    const second = await send('spammer@junk.test', 'Still cheap watches');
    expect(second.ticketId).toBe(first.ticketId);
    expect(await queue()).not.toContain(first.ticketId);
    expect(await queue(agent.token)).not.toContain(first.ticketId);
    expect(await spamView()).toContain(first.ticketId);
    expect(await spamView('best prices')).toEqual([first.ticketId]);
    expect(await spamView('spammer@junk')).toEqual([first.ticketId]);
    expect(await spamView('nothing like it')).toEqual([]);
    // Queue sizes do not count it either.
    expect((await t.request('GET', '/api/queues/counts', { token: admin })).body).toEqual(countsBefore);
    expect((await t.request('GET', '/api/sla/summary', { token: admin })).body.totals).toEqual(summaryBefore);
    // Visible to the team's agent, not to someone outside it.
    expect(await spamView('', agent.token)).toContain(first.ticketId);
    expect(await spamView('', outsider.token)).not.toContain(first.ticketId);

    const state = await t.request('GET', `/api/tickets/${first.ticketId}/spam`, { token: admin });
    expect(state.body).toMatchObject({ spam: true, reason: 'blocked_address' });
    expect((await ticket(first.ticketId)).sla.firstResponseDueAt).toBeNull();
    expect(await outboxEvents(first.ticketId)).toEqual([]);
    const clocks = await t.db.query(`SELECT 1 FROM sla_clock_entries WHERE ticket_id = $1`, [first.ticketId]);
    expect(clocks).toHaveLength(0);
    // The messages are all there for whoever opens the ticket.
    const timeline = await t.request('GET', `/api/tickets/${first.ticketId}/messages`, { token: admin });
    expect(
      timeline.body.items
        .filter((i: { entry: string }) => i.entry === 'message')
        .map((m: { text: string }) => m.text),
    ).toEqual(['Cheap watches, best prices', 'Still cheap watches']);

    // Anyone else still reaches the queue, with a clock.
    const normal = await send('customer@fine.test', 'My order is late');
    expect(await queue()).toContain(normal.ticketId);
    expect((await ticket(normal.ticketId)).sla.firstResponseDueAt).not.toBeNull();
  });

  it('a domain block catches the domain and its subdomains, not look-alikes', async () => {
    expect((await block('domain', '@Bulk-Mail.test')).status).toBe(201);
    const a = await send('offers@bulk-mail.test', 'Offer one');
    const b = await send('news@eu.bulk-mail.test', 'Offer two');
    const c = await send('me@notbulk-mail.test', 'A real question');
    const spam = await spamView();
    expect(spam).toEqual(expect.arrayContaining([a.ticketId, b.ticketId]));
    expect(spam).not.toContain(c.ticketId);
    expect(await queue()).toContain(c.ticketId);
    const state = await t.request('GET', `/api/tickets/${b.ticketId}/spam`, { token: admin });
    expect(state.body.reason).toBe('blocked_domain');
  });

  it('unblocking puts the spam tickets back into the queues, with their clocks started', async () => {
    const blocked = await block('address', '+15550001111');
    const spam = await send('+15550001111', 'Is anybody there?');
    expect(await queue()).not.toContain(spam.ticketId);

    const list = await t.request('GET', '/api/admin/blocklist', { token: admin });
    expect(list.body.items.map((e: { id: string }) => e.id)).toContain(blocked.body.id);
    const removed = await t.request('DELETE', `/api/admin/blocklist/${blocked.body.id}`, { token: admin });
    expect(removed.status).toBe(200);
    expect(removed.body.restoredTicketIds).toEqual([spam.ticketId]);
    expect(await auditActions('blocklist_entry.deleted')).toBe(1);
    expect(await queue()).toContain(spam.ticketId);
    expect(await spamView()).not.toContain(spam.ticketId);
    expect((await ticket(spam.ticketId)).sla.firstResponseDueAt).not.toBeNull();
    expect(await outboxEvents(spam.ticketId)).toEqual(['ticket.updated']);
    const timeline = await t.request('GET', `/api/tickets/${spam.ticketId}/messages`, { token: admin });
    expect(timeline.body.items.map((i: { type?: string }) => i.type)).toContain('spam_cleared');

    // Their next message is an ordinary one on the same ticket.
    const next = await send('+15550001111', 'Hello again');
    expect(next.ticketId).toBe(spam.ticketId);
    expect(await outboxEvents(spam.ticketId)).toContain('message.created');
    expect(
      (await t.request('DELETE', `/api/admin/blocklist/${blocked.body.id}`, { token: admin })).status,
    ).toBe(404);
  });

  it('"mark as spam" blocks the sender and moves the ticket; "not spam" unblocks and restores it', async () => {
    const first = await send('carol@customer.test', 'Buy followers now');
    expect(await queue(agent.token)).toContain(first.ticketId);
    expect((await ticket(first.ticketId)).sla.firstResponseDueAt).not.toBeNull();

    expect(
      (await t.request('POST', `/api/tickets/${first.ticketId}/spam`, { token: outsider.token })).status,
    ).toBe(404);
    const marked = await t.request('POST', `/api/tickets/${first.ticketId}/spam`, { token: agent.token });
    expect(marked.status).toBe(200);
    expect(marked.body.blocklistEntryId).toEqual(expect.any(String));
    expect(
      (await t.request('POST', `/api/tickets/${first.ticketId}/spam`, { token: agent.token })).status,
    ).toBe(409);
    expect(await queue(agent.token)).not.toContain(first.ticketId);
    // Consoles hear of it at once: the change names the spam view, so they drop it from their queues.
    const [moved] = await t.db.query<{ payload: { payload: { changes: { spam?: boolean } } } }>(
      `SELECT payload FROM outbox_events WHERE ticket_id = $1 AND topic = 'ticket.updated' ORDER BY id DESC LIMIT 1`,
      [first.ticketId],
    );
    expect(moved.payload.payload.changes.spam).toBe(true);
    expect(await spamView('', agent.token)).toContain(first.ticketId);
    expect((await ticket(first.ticketId)).sla.firstResponseDueAt).toBeNull();
    const entries = (await t.request('GET', '/api/admin/blocklist', { token: admin })).body.items;
    expect(entries).toContainEqual(expect.objectContaining({ kind: 'contact', createdBy: 'ana' }));
    expect(await auditActions('ticket.marked_spam')).toBe(1);

    // The sender's next message goes straight to the spam ticket, telling nobody.
    const before = (await outboxEvents(first.ticketId)).length;
    const again = await send('carol@customer.test', 'Followers, cheap');
    expect(again.ticketId).toBe(first.ticketId);
    expect(await outboxEvents(first.ticketId)).toHaveLength(before);

    const restored = await t.request('DELETE', `/api/tickets/${first.ticketId}/spam`, { token: agent.token });
    expect(restored.status).toBe(200);
    expect(restored.body).toEqual({ restoredTicketIds: [first.ticketId], stillBlockedBy: [] });
    expect(await queue(agent.token)).toContain(first.ticketId);
    expect((await ticket(first.ticketId)).sla.firstResponseDueAt).not.toBeNull();
    const after = (await t.request('GET', '/api/admin/blocklist', { token: admin })).body.items;
    expect(after.filter((e: { kind: string }) => e.kind === 'contact')).toEqual([]);
    expect(
      (await t.request('DELETE', `/api/tickets/${first.ticketId}/spam`, { token: agent.token })).status,
    ).toBe(409);
    expect(await auditActions('ticket.marked_not_spam')).toBe(1);
  });

  it('past the flood limit, the rest of the window folds into one notice; every message is still stored', async () => {
    const set = await t.request('PUT', '/api/admin/blocklist/flood-limit', {
      token: admin,
      body: { enabled: true, maxMessages: 5, windowSeconds: 60 },
    });
    expect(set.status).toBe(200);
    expect((await t.request('GET', '/api/admin/blocklist/flood-limit', { token: admin })).body).toEqual({
      enabled: true,
      maxMessages: 5,
      windowSeconds: 60,
    });
    expect(
      (
        await t.request('PUT', '/api/admin/blocklist/flood-limit', {
          token: admin,
          body: { enabled: true, maxMessages: 0, windowSeconds: 60 },
        })
      ).status,
    ).toBe(400);

    const results = [];
    for (let i = 1; i <= 5; i++) results.push(await send('flood@bot.test', `ping ${i}`));
    // New thread keys would each open a ticket; folded messages join the window's ticket instead.
    for (let i = 6; i <= 12; i++)
      results.push(await send('flood@bot.test', `ping ${i}`, { threadKey: `burst-${i}` }));
    const ticketId = results[0].ticketId;
    expect(new Set(results.map((r) => r.ticketId))).toEqual(new Set([ticketId]));

    const stored = await t.db.query<{ text: string }>(
      `SELECT text FROM messages WHERE ticket_id = $1 AND direction = 'in' ORDER BY created_at, id`,
      [ticketId],
    );
    expect(stored).toHaveLength(12);
    const timeline = (await t.request('GET', `/api/tickets/${ticketId}/messages`, { token: admin })).body
      .items;
    const shown = timeline
      .filter((i: { entry: string }) => i.entry === 'message')
      .map((m: { text: string }) => m.text);
    expect(shown).toEqual(['ping 1', 'ping 2', 'ping 3', 'ping 4', 'ping 5']);
    const notices = timeline.filter((i: { type?: string }) => i.type === 'messages_folded');
    expect(notices).toHaveLength(1);
    expect(notices[0].data).toMatchObject({ limit: 5, windowSeconds: 60 });
    const folded = await t.request('GET', `/api/tickets/${ticketId}/folded-messages`, { token: admin });
    expect(folded.body.items.map((m: { text: string }) => m.text)).toEqual(
      Array.from({ length: 7 }, (_, i) => `ping ${i + 6}`),
    );
    expect(new Set(folded.body.items.map((m: { noticeEventId: string }) => m.noticeEventId))).toEqual(
      new Set([String(notices[0].id)]),
    );
    expect(
      (await t.request('GET', `/api/tickets/${ticketId}/folded-messages`, { token: outsider.token })).status,
    ).toBe(404);
    // Agents were told of five messages and one notice, not of twelve messages.
    const events = await outboxEvents(ticketId);
    expect(events.filter((e) => e === 'message.created')).toHaveLength(5);

    // A provider's retry of a folded message stores nothing more.
    const retry = await t.inbound(account, {
      externalId: `m-${n}`,
      from: { handle: 'flood@bot.test' },
      text: 'ping 12',
    });
    expect(retry.body).toMatchObject({ duplicate: true, ticketId });
    // Other contacts are not affected by one contact's flood.
    const calm = await send('calm@fine.test', 'one message');
    expect(
      (await t.request('GET', `/api/tickets/${calm.ticketId}/messages`, { token: admin })).body.items.some(
        (i: { type?: string }) => i.type === 'messages_folded',
      ),
    ).toBe(false);
  });
  it('a time rule passes over spam: nothing acts on it', async () => {
    await stopBackgroundSweeps(t);
    const rule = await t.request('POST', '/api/admin/rules', {
      token: admin,
      body: {
        name: 'Tag tickets waiting an hour',
        trigger: 'time',
        time: { since: 'created', hours: 1 },
        actions: [{ type: 'add_tags', tags: ['waiting'] }],
        active: true,
      },
    });
    expect(rule.status).toBe(201);
    await block('address', 'slow-spam@junk.test');
    const spam = await send('slow-spam@junk.test', 'Old spam');
    const normal = await send('slow@fine.test', 'Old question');
    await t.db.query(
      `UPDATE tickets SET created_at = now() - interval '2 hours' WHERE id = ANY($1::uuid[])`,
      [[spam.ticketId, normal.ticketId]],
    );
    await t.app.get(TimeRules).sweep();
    expect((await ticket(normal.ticketId)).tags).toEqual(['waiting']);
    expect((await ticket(spam.ticketId)).tags).toEqual([]);
  });
});
