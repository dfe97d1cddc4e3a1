import { randomBytes } from 'node:crypto';
import { startTestApp, type TestApp } from '../../test-support/test-app.js';

describe('merging contacts', () => {
  let t: TestApp;
  let admin: string;
  let account: { id: string; apiKey: string };

  async function ticketFrom(handle: string, name?: string) {
    const res = await t.inbound(account, {
      externalId: `m-${randomBytes(6).toString('hex')}`,
      from: { handle, name },
      text: `hello from ${handle}`,
    });
    expect(res.status).toBe(200);
    const ticket = await t.request('GET', `/api/tickets/${res.body.ticketId}`, { token: admin });
    return { ticketId: res.body.ticketId as string, contactId: ticket.body.contact.id as string };
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    account = await t.createApiAccount();
  });
  afterAll(() => t?.close());

  it('moves identities and tickets, shows the merge on each moved ticket, and keeps an audit row', async () => {
    const a = await ticketFrom('ada@example.com', 'Ada Lovelace');
    const b = await ticketFrom('ada-phone', undefined);
    const res = await t.request('POST', `/api/contacts/${a.contactId}/merge`, {
      token: admin,
      body: { otherContactId: b.contactId },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      contactId: a.contactId,
      mergedContactId: b.contactId,
      movedIdentities: 1,
      movedTickets: [b.ticketId],
    });

    const contact = await t.request('GET', `/api/contacts/${a.contactId}`, { token: admin });
    expect(contact.body.identities.map((i: { address: string }) => i.address).sort()).toEqual([
      'ada-phone',
      'ada@example.com',
    ]);
    expect(contact.body.tickets.map((x: { id: string }) => x.id).sort()).toEqual(
      [a.ticketId, b.ticketId].sort(),
    );
    expect((await t.request('GET', `/api/contacts/${b.contactId}`, { token: admin })).status).toBe(404);

    const timeline = await t.request('GET', `/api/tickets/${b.ticketId}/messages`, { token: admin });
    const body = JSON.stringify(timeline.body);
    expect(timeline.status).toBe(200);
    expect(body).toContain('contact_merged');
    const events = await t.db.query<{ type: string; actor_id: string; data: Record<string, unknown> }>(
      `SELECT type, actor_id, data FROM ticket_events WHERE ticket_id = $1 AND type = 'contact_merged'`,
      [b.ticketId],
    );
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({ fromContactId: b.contactId, intoContactId: a.contactId });
    expect(events[0].actor_id).toBeTruthy();
    const audit = await t.db.query<{ merged_contact_id: string; ticket_ids: string[] }>(
      `SELECT merged_contact_id, ticket_ids FROM contact_merges WHERE into_contact_id = $1`,
      [a.contactId],
    );
    expect(audit).toEqual([
      expect.objectContaining({ merged_contact_id: b.contactId, ticket_ids: [b.ticketId] }),
    ]);

    // The next message from the moved identity lands on the merged contact.
    const later = await t.inbound(account, {
      externalId: `m-${randomBytes(6).toString('hex')}`,
      from: { handle: 'ada-phone' },
      text: 'me again',
    });
    const ticket = await t.request('GET', `/api/tickets/${later.body.ticketId}`, { token: admin });
    expect(ticket.body.contact.id).toBe(a.contactId);
  });

  it('merging is for supervisors and admins: an agent is refused with the reason and nothing changes, even for contacts they can see', async () => {
    const team = await t.createTeam(`team-${randomBytes(3).toString('hex')}`);
    const otherTeam = await t.createTeam(`other-${randomBytes(3).toString('hex')}`);
    const agent = await t.createUser({
      email: `agent-${randomBytes(3).toString('hex')}@test.local`,
      teamIds: [team],
    });
    const visible = await ticketFrom('visible@example.com');
    const other = await ticketFrom('other@example.com');
    // The second contact also has a ticket of a team the agent is not in (a new one, after the first was closed).
    await t.db.query(`UPDATE tickets SET status = 'closed' WHERE id = $1`, [other.ticketId]);
    const hidden = await t.inbound(account, {
      externalId: `m-${randomBytes(6).toString('hex')}`,
      from: { handle: 'other@example.com' },
      text: 'for the other team only',
    });
    expect(hidden.body.ticketId).not.toBe(other.ticketId);
    await t.db.query(`UPDATE tickets SET team_id = $2 WHERE id = ANY($1::uuid[])`, [
      [visible.ticketId, other.ticketId],
      team,
    ]);
    await t.db.query(`UPDATE tickets SET team_id = $2 WHERE id = $1`, [hidden.body.ticketId, otherTeam]);

    const refused = await t.request('POST', `/api/contacts/${visible.contactId}/merge`, {
      token: agent.token,
      body: { otherContactId: other.contactId },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/supervisor/);
    expect(JSON.stringify(refused.body)).not.toContain(hidden.body.ticketId);
    expect((await t.request('GET', `/api/contacts/${other.contactId}`, { token: admin })).status).toBe(200);
    const untouched = await t.db.query<{ contact_id: string }>(
      `SELECT contact_id FROM tickets WHERE id = ANY($1::uuid[])`,
      [[other.ticketId, hidden.body.ticketId]],
    );
    expect(untouched.map((r) => r.contact_id)).toEqual([other.contactId, other.contactId]);
    expect(
      await t.db.query(`SELECT 1 FROM ticket_events WHERE ticket_id = $1 AND type = 'contact_merged'`, [
        hidden.body.ticketId,
      ]),
    ).toEqual([]);

    const supervisor = await t.createUser({
      email: `sup-${randomBytes(3).toString('hex')}@test.local`,
      role: 'supervisor',
    });
    const ok = await t.request('POST', `/api/contacts/${visible.contactId}/merge`, {
      token: supervisor.token,
      body: { otherContactId: other.contactId },
    });
    expect(ok.status).toBe(200);
    expect([...ok.body.movedTickets].sort()).toEqual([other.ticketId, hidden.body.ticketId].sort());
  });

  it('refuses to merge a contact into itself or with a bad id', async () => {
    const a = await ticketFrom('self@example.com');
    expect(
      (
        await t.request('POST', `/api/contacts/${a.contactId}/merge`, {
          token: admin,
          body: { otherContactId: a.contactId },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await t.request('POST', `/api/contacts/${a.contactId}/merge`, {
          token: admin,
          body: { otherContactId: 'nope' },
        })
      ).status,
    ).toBe(400);
  });
});
