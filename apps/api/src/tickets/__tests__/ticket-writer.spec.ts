import { HoldExpiryService } from '../hold-expiry.service.js';
import { statusesThatMayBecome, TicketTransitionRefused, TicketWriter } from '../ticket-writer.js';
import { startTestApp, type TestApp } from '../../test-support/test-app.js';

/** The one ticket write path: statuses along the table, delivery states forward, one seq per change, every change in the outbox. */
describe('TicketWriter', () => {
  let t: TestApp;
  let admin: string;
  let account: { id: string; apiKey: string };
  let writer: TicketWriter;
  let n = 0;

  beforeAll(async () => {
    // The web role runs no workers: the test decides when holds expire.
    t = await startTestApp({ role: 'web' });
    admin = await t.adminToken();
    account = await t.createApiAccount();
    writer = t.app.get(TicketWriter);
  });
  afterAll(() => t.close());

  async function newTicket(): Promise<string> {
    n += 1;
    const res = await t.inbound(account, {
      externalId: `w-${n}`,
      from: { handle: `writer${n}@example.com` },
      text: 'my parcel is late',
    });
    expect(res.status).toBe(200);
    return res.body.ticketId;
  }

  const ticketRow = (id: string) =>
    t.db.one<{ status: string; seq: string; hold_until: Date | null }>(
      `SELECT status, seq, hold_until FROM tickets WHERE id = $1`,
      [id],
    );
  const seqOf = async (id: string) => Number((await ticketRow(id))!.seq);
  /** The seqs the ticket's outbox events carry. */
  const outboxSeqs = async (id: string) =>
    (
      await t.db.query<{ seq: string }>(
        `SELECT payload -> 'payload' ->> 'seq' AS seq FROM outbox_events WHERE ticket_id = $1`,
        [id],
      )
    ).map((r) => Number(r.seq));
  const patch = (id: string, body: Record<string, unknown>) =>
    t.request('PATCH', `/api/tickets/${id}`, { token: admin, body });

  it('refuses a status change the transition table forbids with a conflict, and changes nothing', async () => {
    const id = await newTicket();
    expect((await patch(id, { status: 'closed' })).status).toBe(200);
    const before = await seqOf(id);

    const attempt = writer.change(id, (tx, ticket) => tx.transition(ticket, 'open', 'agent'));
    await expect(attempt).rejects.toBeInstanceOf(TicketTransitionRefused);
    await expect(attempt).rejects.toMatchObject({
      code: 'conflict',
      message: 'a closed ticket cannot become open',
    });
    const refused = await patch(id, { status: 'open' });
    expect(refused.status).toBe(409);

    expect(await ticketRow(id)).toMatchObject({ status: 'closed' });
    expect(await seqOf(id)).toBe(before);
  });

  it('resuming a hold is the agent transition on_hold → open: one seq later, with its event for agents', async () => {
    const id = await newTicket();
    expect((await t.request('POST', `/api/tickets/${id}/resume`, { token: admin })).status).toBe(409);
    const until = new Date(Date.now() + 3_600_000).toISOString();
    expect(
      (
        await t.request('POST', `/api/tickets/${id}/hold`, {
          token: admin,
          body: { why: 'waiting for the warehouse', done: 'asked them', next: 'wait', until },
        })
      ).status,
    ).toBe(200);
    const before = await seqOf(id);

    const resumed = await t.request('POST', `/api/tickets/${id}/resume`, { token: admin });

    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ status: 'open', holdUntil: null, seq: before + 1 });
    expect(await ticketRow(id)).toMatchObject({ status: 'open', hold_until: null });
    expect(await outboxSeqs(id)).toContain(before + 1);
  });

  it('hold expiry reopens only what the system may reopen (on_hold → open), one seq later, on the timeline and in the outbox', async () => {
    expect(statusesThatMayBecome('open', 'system')).toEqual(['on_hold']);
    const held = await newTicket();
    const closed = await newTicket();
    const until = new Date(Date.now() + 3_600_000).toISOString();
    expect(
      (
        await t.request('POST', `/api/tickets/${held}/hold`, {
          token: admin,
          body: { why: 'parts ordered', done: 'ordered', next: 'wait', until },
        })
      ).status,
    ).toBe(200);
    expect((await patch(closed, { status: 'closed' })).status).toBe(200);
    // Both due: a closed ticket with a stale hold time must stay closed.
    await t.db.query(
      `UPDATE tickets SET hold_until = now() - interval '1 second' WHERE id = ANY($1::uuid[])`,
      [[held, closed]],
    );
    const [heldBefore, closedBefore] = [await seqOf(held), await seqOf(closed)];

    const expired = await writer.transaction((tx) =>
      tx.transitionWhere(`SELECT id FROM tickets WHERE id = ANY($1::uuid[])`, [[closed]], 'open', 'system'),
    );
    expect(expired).toEqual([]);
    expect(await t.app.get(HoldExpiryService).expireDueHolds()).toBe(1);

    expect(await ticketRow(held)).toMatchObject({ status: 'open', hold_until: null });
    expect(await seqOf(held)).toBe(heldBefore + 1);
    expect(await ticketRow(closed)).toMatchObject({ status: 'closed' });
    expect(await seqOf(closed)).toBe(closedBefore);
    const event = await t.db.one<{ seq: string }>(
      `SELECT seq FROM ticket_events WHERE ticket_id = $1 AND type = 'hold_expired'`,
      [held],
    );
    expect(Number(event!.seq)).toBe(heldBefore + 1);
    expect(await outboxSeqs(held)).toContain(heldBefore + 1);
  });

  it('a delivery state only moves forward: a failed message is never marked read', async () => {
    const id = await newTicket();
    const reply = await t.request('POST', `/api/tickets/${id}/messages`, {
      token: admin,
      body: { kind: 'reply', body: 'It ships tomorrow.' },
    });
    expect(reply.status).toBe(201);
    await t.db.query(`UPDATE messages SET delivery_state = 'failed' WHERE id = $1`, [reply.body.id]);
    const before = await seqOf(id);

    const outcome = await writer.transaction(async (tx) => {
      const [target] = await tx.sql.query<any>(
        `SELECT m.id, m.ticket_id, m.delivery_state, t.team_id, t.assignee_id FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE m.id = $1`,
        [reply.body.id],
      );
      return tx.advanceDelivery(target, 'read', null);
    });

    expect(outcome).toBe('stale');
    expect(
      (await t.db.one<{ delivery_state: string }>(`SELECT delivery_state FROM messages WHERE id = $1`, [
        reply.body.id,
      ]))!.delivery_state,
    ).toBe('failed');
    expect(await seqOf(id)).toBe(before);
  });

  it("moves seq by exactly one per change, and every timeline event's seq reaches agents through the outbox", async () => {
    const id = await newTicket();
    const changes: Array<[string, () => Promise<{ status: number }>]> = [
      [
        'agent reply',
        () =>
          t.request('POST', `/api/tickets/${id}/messages`, {
            token: admin,
            body: { kind: 'reply', body: 'Looking into it.' },
          }),
      ],
      ['priority', () => patch(id, { priority: 'high' })],
      [
        'hold',
        () =>
          t.request('POST', `/api/tickets/${id}/hold`, {
            token: admin,
            body: { why: 'waiting on courier', done: 'called', next: 'wait', notifyCustomer: true },
          }),
      ],
      ['resume', () => t.request('POST', `/api/tickets/${id}/resume`, { token: admin })],
      [
        'customer writes again',
        () =>
          t.inbound(account, {
            externalId: `w-${n}-again`,
            from: { handle: `writer${n}@example.com` },
            text: 'any news?',
          }),
      ],
      ['solved', () => patch(id, { status: 'solved' })],
    ];
    for (const [what, change] of changes) {
      const before = await seqOf(id);
      const res = await change();
      expect({ what, status: res.status < 300 }).toEqual({ what, status: true });
      expect({ what, seq: await seqOf(id) }).toEqual({ what, seq: before + 1 });
    }
    const published = new Set(await outboxSeqs(id));
    const timeline = await t.db.query<{ type: string; seq: string }>(
      `SELECT type, seq FROM ticket_events WHERE ticket_id = $1 ORDER BY id`,
      [id],
    );
    expect(timeline.length).toBeGreaterThanOrEqual(4);
    for (const event of timeline)
      expect({ type: event.type, inOutbox: published.has(Number(event.seq)) }).toEqual({
        type: event.type,
        inOutbox: true,
      });
  });
});
