import { DEFAULT_HOLD_TEMPLATE, formatCustomerTime } from '@switchboard/contracts';
import { findMentions } from '../../tickets/note-mentions.js';
import { CallbackReceiver } from '../../test-support/callback-receiver.js';
import { recordEvents, startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';

/** Console extras: canned replies, @mentions, delivery retry, the hold template, queue counts. */
describe('console extras', () => {
  let t: TestApp;
  let receiver: CallbackReceiver;
  let admin: string;
  let teamId: string;
  let account: { id: string; apiKey: string };
  let ana: { id: string; token: string };
  let ben: { id: string; token: string };
  let outsider: { id: string; token: string };
  let n = 0;

  beforeAll(async () => {
    receiver = await new CallbackReceiver().start();
    t = await startTestApp();
    admin = await t.adminToken();
    teamId = await t.createTeam('Billing');
    const otherTeam = await t.createTeam('Elsewhere');
    account = await t.createApiAccount({ teamId, callbackUrl: receiver.url });
    ana = await t.createUser({ email: 'ana@test.local', teamIds: [teamId] });
    ben = await t.createUser({ email: 'ben@test.local', teamIds: [teamId] });
    outsider = await t.createUser({ email: 'olga@test.local', teamIds: [otherTeam] });
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  async function newTicket(text = 'help please', name?: string): Promise<string> {
    n += 1;
    const res = await t.inbound(account, {
      externalId: `x-${n}`,
      from: { handle: `customer${n}@example.com`, name },
      text,
    });
    expect(res.status).toBe(200);
    return res.body.ticketId;
  }

  describe('canned replies', () => {
    it('every agent reads them, starting from the built-in set', async () => {
      const res = await t.request('GET', '/api/canned-replies', { token: ana.token });
      expect(res.status).toBe(200);
      expect(res.body.items.map((r: { title: string }) => r.title)).toEqual([
        'Greeting',
        'Looking into it',
        'Need more details',
        'Resolved',
      ]);
      expect(res.body.items[1].body).toContain('{{ticket.number}}');
    });

    it('only an admin creates, edits and deletes them', async () => {
      const refused = await t.request('POST', '/api/admin/canned-replies', {
        token: ana.token,
        body: { title: 'Mine', body: 'x' },
      });
      expect(refused.status).toBe(403);

      const created = await t.request('POST', '/api/admin/canned-replies', {
        token: admin,
        body: { title: 'Refund sent', body: 'Hi {{contact.first_name}}, your refund is on its way.' },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ id: expect.any(String), title: 'Refund sent' });

      const edited = await t.request('PATCH', `/api/admin/canned-replies/${created.body.id}`, {
        token: admin,
        body: { title: 'Refund issued' },
      });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({
        title: 'Refund issued',
        body: 'Hi {{contact.first_name}}, your refund is on its way.',
      });
      expect(
        (
          await t.request('PATCH', `/api/admin/canned-replies/${created.body.id}`, {
            token: ana.token,
            body: { title: 'x' },
          })
        ).status,
      ).toBe(403);

      const seen = await t.request('GET', '/api/canned-replies', { token: ben.token });
      expect(seen.body.items.map((r: { title: string }) => r.title)).toContain('Refund issued');

      expect(
        (await t.request('DELETE', `/api/admin/canned-replies/${created.body.id}`, { token: ana.token }))
          .status,
      ).toBe(403);
      expect(
        (await t.request('DELETE', `/api/admin/canned-replies/${created.body.id}`, { token: admin })).status,
      ).toBe(204);
      expect(
        (await t.request('DELETE', `/api/admin/canned-replies/${created.body.id}`, { token: admin })).status,
      ).toBe(404);
      expect(
        (
          await t.request('PATCH', '/api/admin/canned-replies/not-a-uuid', {
            token: admin,
            body: { title: 'x' },
          })
        ).status,
      ).toBe(404);
    });

    it('refuses a blank body (400 naming the field) and a duplicate title (409)', async () => {
      const blank = await t.request('POST', '/api/admin/canned-replies', {
        token: admin,
        body: { title: 'Blank', body: '  ' },
      });
      expect(blank.status).toBe(400);
      expect(blank.body.message).toMatch(/^body:/);
      const dup = await t.request('POST', '/api/admin/canned-replies', {
        token: admin,
        body: { title: 'greeting', body: 'Hello' },
      });
      expect(dup.status).toBe(409);
      expect(dup.body.message).toMatch(/^title:/);
    });
  });

  describe('@mentions in internal notes', () => {
    it('notify the mentioned colleague only, and are recorded on the note', async () => {
      const ticketId = await newTicket();
      const benSocket = await t.socket(ben.token);
      const olgaSocket = await t.socket(outsider.token);
      const adminSocket = await t.socket(admin);
      const anaSocket = await t.socket(ana.token);
      const [benEvents, olgaEvents, adminEvents, anaEvents] = [
        benSocket,
        olgaSocket,
        adminSocket,
        anaSocket,
      ].map(recordEvents);

      const note = await t.request('POST', `/api/tickets/${ticketId}/messages`, {
        token: ana.token,
        body: { kind: 'note', body: '@ben can you check the invoice? cc @olga and @ana' },
      });
      expect(note.status).toBe(201);

      const mention = await waitFor(
        () => benEvents.find((e) => e.name === 'mention'),
        5000,
        'mention event for ben',
      );
      expect(mention.payload).toEqual({
        ticketId,
        messageId: note.body.id,
        byUserId: ana.id,
        byName: 'ana',
        excerpt: '@ben can you check the invoice? cc @olga and @ana',
      });
      await waitFor(
        () => adminEvents.find((e) => e.name === 'message.created' && e.payload.message.id === note.body.id),
        5000,
        'the note reaching the admin',
      );
      await new Promise((r) => setTimeout(r, 200));
      // Olga cannot see the ticket, Ana wrote the note, and the admin was not mentioned.
      expect(olgaEvents.filter((e) => e.name === 'mention')).toEqual([]);
      expect(anaEvents.filter((e) => e.name === 'mention')).toEqual([]);
      expect(adminEvents.filter((e) => e.name === 'mention')).toEqual([]);

      const row = await t.db.one<{ meta: { mentions: Array<{ userId: string }> } }>(
        `SELECT meta FROM messages WHERE id = $1`,
        [note.body.id],
      );
      expect(row!.meta.mentions.map((m) => m.userId).sort()).toEqual([ana.id, ben.id].sort());
    });

    it('by email address, and a reply to the customer never mentions anyone', async () => {
      const ticketId = await newTicket();
      const benEvents = recordEvents(await t.socket(ben.token));
      await t.request('POST', `/api/tickets/${ticketId}/messages`, {
        token: ana.token,
        body: { kind: 'reply', body: 'Thanks! @ben will follow up.' },
      });
      const note = await t.request('POST', `/api/tickets/${ticketId}/messages`, {
        token: ana.token,
        body: { kind: 'note', body: 'Over to you, @ben@test.local.' },
      });
      await waitFor(
        () => benEvents.find((e) => e.name === 'mention' && e.payload.messageId === note.body.id),
        5000,
        'mention by email',
      );
      expect(benEvents.filter((e) => e.name === 'mention')).toHaveLength(1);
    });

    const people = [
      { id: '1', name: 'Ana Lopez', email: 'ana@x.io' },
      { id: '2', name: 'Ana Smith', email: 'asmith@x.io' },
      { id: '3', name: 'Ben Colleague', email: 'ben@x.io' },
    ];
    it.each([
      ['@Ana Lopez please look', ['1']],
      ['@ben, thoughts?', ['3']],
      ['@Ben Colleague and @asmith@x.io', ['3', '2']],
      ['@Ana is ambiguous', []],
      ['mail carla@ben.io about it', []],
      ['@benjamin is someone else', []],
      ['(@ANA LOPEZ)', ['1']],
    ])('findMentions(%j) → %j', (text, ids) => {
      expect(findMentions(text, people).map((p) => p.id)).toEqual(ids);
    });
  });

  describe('retrying a failed outbound message', () => {
    it('puts it back in the queue with a new job under the same idempotency key, and it goes out', async () => {
      const ticketId = await newTicket();
      receiver.respond = (req, res) =>
        req.json.ticketId === ticketId
          ? res.writeHead(400).end('mailbox full')
          : res.writeHead(200).end('ok');
      const reply = await t.request('POST', `/api/tickets/${ticketId}/messages`, {
        token: ana.token,
        body: { kind: 'reply', body: 'Your invoice is attached.' },
      });
      await waitFor(
        async () =>
          (
            await t.db.one<{ delivery_state: string }>(`SELECT delivery_state FROM messages WHERE id = $1`, [
              reply.body.id,
            ])
          )?.delivery_state === 'failed',
        5000,
        'failed',
      );

      receiver.respond = (_, res) => res.writeHead(200).end('ok');
      const events = recordEvents(await t.socket(ana.token));
      const retried = await t.request('POST', `/api/tickets/${ticketId}/messages/${reply.body.id}/retry`, {
        token: ana.token,
      });
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ id: reply.body.id, deliveryState: 'queued', deliveryError: null });

      await waitFor(
        () => events.find((e) => e.name === 'message.updated' && e.payload.message.deliveryState === 'sent'),
        5000,
        'sent after retry',
      );
      const attempts = receiver.received.filter((r) => r.json.messageId === reply.body.id);
      expect(attempts).toHaveLength(2);
      expect(new Set(attempts.map((a) => a.idempotencyKey))).toEqual(new Set([reply.body.id]));
      expect(
        events.some((e) => e.name === 'message.updated' && e.payload.message.deliveryState === 'queued'),
      ).toBe(true);
      const timeline = await t.request('GET', `/api/tickets/${ticketId}/messages`, { token: ana.token });
      expect(
        timeline.body.items.some(
          (i: { type?: string; data?: { messageId?: string } }) =>
            i.type === 'delivery_retried' && i.data?.messageId === reply.body.id,
        ),
      ).toBe(true);

      const again = await t.request('POST', `/api/tickets/${ticketId}/messages/${reply.body.id}/retry`, {
        token: ana.token,
      });
      expect(again.status).toBe(409);
      expect(again.body.message).toMatch(/only a failed message/);
    });

    it('is 404 for a note, an unknown message, or a ticket the agent may not see', async () => {
      const ticketId = await newTicket();
      const note = await t.request('POST', `/api/tickets/${ticketId}/messages`, {
        token: ana.token,
        body: { kind: 'note', body: 'internal' },
      });
      expect(
        (
          await t.request('POST', `/api/tickets/${ticketId}/messages/${note.body.id}/retry`, {
            token: ana.token,
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await t.request(
            'POST',
            `/api/tickets/${ticketId}/messages/00000000-0000-4000-8000-000000000000/retry`,
            { token: ana.token },
          )
        ).status,
      ).toBe(404);
      await t.db.query(`UPDATE messages SET delivery_state = 'failed' WHERE id = $1`, [note.body.id]);
      const reply = await t.request('POST', `/api/tickets/${ticketId}/messages`, {
        token: ana.token,
        body: { kind: 'reply', body: 'hi' },
      });
      await t.db.query(`UPDATE messages SET delivery_state = 'failed' WHERE id = $1`, [reply.body.id]);
      const hidden = await t.request('POST', `/api/tickets/${ticketId}/messages/${reply.body.id}/retry`, {
        token: outsider.token,
      });
      expect(hidden.status).toBe(404);
    });
  });

  describe('the hold message to the customer', () => {
    it('comes from the built-in template until an admin edits it, and an agent may rewrite it per hold', async () => {
      const current = await t.request('GET', '/api/settings/hold-template', { token: ana.token });
      expect(current.body).toEqual({
        template: DEFAULT_HOLD_TEMPLATE,
        isDefault: true,
        customerDateFormat: { locale: 'en-GB', timeZone: 'UTC' },
      });

      const first = await newTicket('where is my parcel', 'Carla Marquez');
      const until = new Date(Date.now() + 86_400_000).toISOString();
      await t.request('POST', `/api/tickets/${first}/hold`, {
        token: ana.token,
        body: { why: 'Waiting for the courier', done: 'Called', next: 'Wait', until, notifyCustomer: true },
      });
      const number = (await t.request('GET', `/api/tickets/${first}`, { token: ana.token })).body.number;
      const byDefault = await waitFor(
        () => receiver.received.find((r) => r.json.ticketId === first),
        5000,
        'default hold message',
      );
      expect(byDefault.json.text).toBe(
        `Hi Carla, your request #${number} is on hold while we work on it. We expect to get back to you by ${formatCustomerTime(until)}. You don't need to write again: we'll update you here.`,
      );

      expect(
        (
          await t.request('PUT', '/api/admin/settings/hold-template', {
            token: ana.token,
            body: { template: 'x' },
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await t.request('PUT', '/api/admin/settings/hold-template', {
            token: admin,
            body: { template: ' ' },
          })
        ).status,
      ).toBe(400);
      const saved = await t.request('PUT', '/api/admin/settings/hold-template', {
        token: admin,
        body: {
          template:
            'Dear {{contact.first_name}}, #{{ticket.number}} waits{{#hold.until}} until {{hold.until}}{{/hold.until}}.',
        },
      });
      expect(saved.status).toBe(200);
      expect(saved.body.isDefault).toBe(false);

      const second = await newTicket('and my other parcel', 'Dora Diaz');
      await t.request('POST', `/api/tickets/${second}/hold`, {
        token: ana.token,
        body: { why: 'Courier again', done: 'Called', next: 'Wait', notifyCustomer: true },
      });
      const secondNumber = (await t.request('GET', `/api/tickets/${second}`, { token: ana.token })).body
        .number;
      const templated = await waitFor(
        () => receiver.received.find((r) => r.json.ticketId === second),
        5000,
        'templated hold message',
      );
      expect(templated.json.text).toBe(`Dear Dora, #${secondNumber} waits.`);

      const third = await newTicket('a third parcel');
      const edited = 'Hi! We are chasing the courier and will write tomorrow.';
      await t.request('POST', `/api/tickets/${third}/hold`, {
        token: ana.token,
        body: { why: 'Courier', done: 'Called', next: 'Wait', notifyCustomer: true, customerMessage: edited },
      });
      const sent = await waitFor(
        () => receiver.received.find((r) => r.json.ticketId === third),
        5000,
        'edited hold message',
      );
      expect(sent.json.text).toBe(edited);

      const reset = await t.request('DELETE', '/api/admin/settings/hold-template', { token: admin });
      expect(reset.body).toMatchObject({ template: DEFAULT_HOLD_TEMPLATE, isDefault: true });
    });
  });

  describe('queue counts', () => {
    it('count the active tickets each viewer may see, per queue', async () => {
      const fresh = await startTestApp();
      try {
        const team = await fresh.createTeam('Support');
        const other = await fresh.createTeam('Sales');
        const supportAccount = await fresh.createApiAccount({ teamId: team });
        const salesAccount = await fresh.createApiAccount({ teamId: other });
        const agent = await fresh.createUser({ email: 'agent@test.local', teamIds: [team] });
        const stranger = await fresh.createUser({ email: 'stranger@test.local', teamIds: [] });
        const open = async (acc: { id: string; apiKey: string }, i: number) =>
          (
            await fresh.inbound(acc, {
              externalId: `c-${i}`,
              from: { handle: `c${i}@example.com` },
              text: 'hi',
            })
          ).body.ticketId as string;
        const [a, , c] = [
          await open(supportAccount, 1),
          await open(supportAccount, 2),
          await open(supportAccount, 3),
        ];
        await open(salesAccount, 4);
        const root = await fresh.adminToken();
        await fresh.request('PATCH', `/api/tickets/${a}`, {
          token: agent.token,
          body: { assigneeId: agent.id },
        });
        await fresh.request('PATCH', `/api/tickets/${c}`, { token: agent.token, body: { status: 'solved' } });

        const mine = await fresh.request('GET', '/api/queues/counts', { token: agent.token });
        expect(mine.status).toBe(200);
        expect(mine.body).toEqual({
          mine: 1,
          unassigned: 1,
          all: 2,
          teams: { [team]: 2 },
          solved: 1,
          pending: 0,
          onHold: 0,
          mentions: 0,
        });
        expect((await fresh.request('GET', '/api/queues/counts', { token: stranger.token })).body).toEqual({
          mine: 0,
          unassigned: 0,
          all: 0,
          teams: {},
          solved: 0,
          pending: 0,
          onHold: 0,
          mentions: 0,
        });
        expect((await fresh.request('GET', '/api/queues/counts', { token: root })).body).toEqual({
          mine: 0,
          unassigned: 2,
          all: 3,
          teams: { [team]: 2, [other]: 1 },
          solved: 1,
          pending: 0,
          onHold: 0,
          mentions: 0,
        });
        expect((await fresh.request('GET', '/api/queues/counts')).status).toBe(401);
      } finally {
        await fresh.close();
      }
    });
  });
});
