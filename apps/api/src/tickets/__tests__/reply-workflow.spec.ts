import { CallbackReceiver } from '../../test-support/callback-receiver.js';
import { startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';

/** The agent's reply workflow: who owns a ticket after a reply, who solved it, what a formatted reply becomes. */
describe('reply workflow', () => {
  let t: TestApp;
  let receiver: CallbackReceiver;
  let admin: string;
  let teamId: string;
  let account: { id: string; apiKey: string };
  let ana: { id: string; token: string };
  let ben: { id: string; token: string };
  let n = 0;

  beforeAll(async () => {
    receiver = await new CallbackReceiver().start();
    t = await startTestApp();
    admin = await t.adminToken();
    teamId = await t.createTeam('Support');
    account = await t.createApiAccount({ teamId, callbackUrl: receiver.url });
    ana = await t.createUser({ email: 'ana@reply.test', teamIds: [teamId] });
    ben = await t.createUser({ email: 'ben@reply.test', teamIds: [teamId] });
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  async function newTicket(): Promise<string> {
    n += 1;
    const res = await t.inbound(account, {
      externalId: `reply-${n}`,
      from: { handle: `customer${n}@example.com` },
      text: 'Where is my order?',
    });
    expect(res.status).toBe(200);
    return res.body.ticketId;
  }

  const reply = (token: string, ticketId: string, body: string, format?: 'markdown' | 'text') =>
    t.request('POST', `/api/tickets/${ticketId}/messages`, {
      token,
      body: { kind: 'reply', body, ...(format ? { format } : {}) },
    });
  const ticket = async (ticketId: string) =>
    (await t.request('GET', `/api/tickets/${ticketId}`, { token: admin })).body;
  const events = async (ticketId: string) =>
    (
      (await t.request('GET', `/api/tickets/${ticketId}/messages`, { token: admin })).body.items as any[]
    ).filter((i) => i.entry === 'event');

  describe('replying to an unassigned ticket', () => {
    it('assigns it to the agent who replied, and the timeline says why', async () => {
      const ticketId = await newTicket();
      expect((await ticket(ticketId)).assigneeId).toBeNull();
      expect((await reply(ana.token, ticketId, 'Looking into it')).status).toBe(201);
      expect((await ticket(ticketId)).assigneeId).toBe(ana.id);
      const assigned = (await events(ticketId)).find((e) => e.type === 'updated');
      expect(assigned).toMatchObject({
        actorId: ana.id,
        data: { assigneeId: ana.id, reason: 'replied_while_unassigned' },
      });
    });

    it('leaves an assigned ticket with its assignee', async () => {
      const ticketId = await newTicket();
      await t.request('PATCH', `/api/tickets/${ticketId}`, { token: admin, body: { assigneeId: ben.id } });
      expect((await reply(ana.token, ticketId, 'Ben will follow up')).status).toBe(201);
      expect((await ticket(ticketId)).assigneeId).toBe(ben.id);
    });

    it('does not assign when an admin turned the setting off; agents read it but may not change it', async () => {
      expect((await t.request('GET', '/api/settings/reply', { token: ana.token })).body).toEqual({
        assignOnReply: true,
      });
      const refused = await t.request('PUT', '/api/admin/settings/reply', {
        token: ana.token,
        body: { assignOnReply: false },
      });
      expect(refused.status).toBe(403);
      const invalid = await t.request('PUT', '/api/admin/settings/reply', {
        token: admin,
        body: { assignOnReply: 'no' },
      });
      expect(invalid.status).toBe(400);
      expect(invalid.body.message).toMatch(/^assignOnReply:/);
      const off = await t.request('PUT', '/api/admin/settings/reply', {
        token: admin,
        body: { assignOnReply: false },
      });
      expect(off.status).toBe(200);
      expect(off.body).toEqual({ assignOnReply: false });
      try {
        const ticketId = await newTicket();
        expect((await reply(ana.token, ticketId, 'Looking into it')).status).toBe(201);
        expect((await ticket(ticketId)).assigneeId).toBeNull();
        expect((await events(ticketId)).some((e) => e.data?.reason === 'replied_while_unassigned')).toBe(
          false,
        );
      } finally {
        await t.request('PUT', '/api/admin/settings/reply', { token: admin, body: { assignOnReply: true } });
      }
    });
  });

  it('solving a ticket nobody owned records the chosen agent as its assignee, in one change', async () => {
    await t.request('PUT', '/api/admin/settings/reply', { token: admin, body: { assignOnReply: false } });
    try {
      const ticketId = await newTicket();
      await reply(ana.token, ticketId, 'Fixed on our side');
      const solved = await t.request('PATCH', `/api/tickets/${ticketId}`, {
        token: ana.token,
        body: { status: 'solved', assigneeId: ben.id },
      });
      expect(solved.status).toBe(200);
      expect(solved.body).toMatchObject({ status: 'solved', assigneeId: ben.id });
      const change = (await events(ticketId)).filter((e) => e.type === 'updated').at(-1);
      expect(change).toMatchObject({ actorId: ana.id, data: { status: 'solved', assigneeId: ben.id } });
    } finally {
      await t.request('PUT', '/api/admin/settings/reply', { token: admin, body: { assignOnReply: true } });
    }
  });

  describe('a formatted reply on a channel that sends text only', () => {
    it('reaches the customer as plain text, the marks stripped, list items and link addresses kept', async () => {
      const ticketId = await newTicket();
      const body =
        'Hi,\nplease **restart** the _router_:\n\n- unplug it\n- see [the guide](https://example.com/guide)';
      const sent = await reply(ana.token, ticketId, body, 'markdown');
      expect(sent.status).toBe(201);
      const expected =
        'Hi,\nplease restart the router:\n\n- unplug it\n- see the guide (https://example.com/guide)';
      expect(sent.body.text).toBe(expected);
      expect(sent.body.html).toBeNull();
      const callback = await waitFor(
        () => receiver.received.find((r) => r.json?.messageId === sent.body.id),
        10_000,
        'the reply at the integration',
      );
      expect(callback.json.text).toBe(expected);
    });

    it('a reply without a format is sent exactly as written, and a note refuses one', async () => {
      const ticketId = await newTicket();
      const sent = await reply(ana.token, ticketId, 'Use **this** code: a_b_c');
      expect(sent.body.text).toBe('Use **this** code: a_b_c');
      const note = await t.request('POST', `/api/tickets/${ticketId}/messages`, {
        token: ana.token,
        body: { kind: 'note', body: 'x', format: 'markdown' },
      });
      expect(note.status).toBe(400);
      expect(note.body.message).toMatch(/^format:/);
      const bad = await reply(ana.token, ticketId, 'x', 'rtf' as 'text');
      expect(bad.status).toBe(400);
      expect(bad.body.message).toMatch(/^format:/);
    });
  });
});
