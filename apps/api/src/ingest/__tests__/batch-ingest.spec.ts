import { jest } from '@jest/globals';
import type { InboundMessage, IngestResult } from '@switchboard/channel-kit';
import type { Sql } from '../../common/db.js';
import { startTestApp, type TestApp } from '../../test-support/test-app.js';
import { IngestService } from '../ingest.service.js';

/**
 * A mailbox's batch is stored set-wise on its common path and one by one for the rest. What
 * agents and customers end up with must not depend on which: the same mail, stored one by one
 * on one side and as one batch on the other, gives the same tickets, messages, timeline, SLA
 * clocks, outbox events and answers.
 */
describe('a batch of inbound mail', () => {
  let t: TestApp;
  let ingest: IngestService;
  let admin: string;
  let team: string;
  beforeAll(async () => {
    t = await startTestApp();
    ingest = t.app.get(IngestService);
    admin = await t.adminToken();
    team = await t.createTeam('Mail');
    const policy = await t.request('POST', '/api/admin/sla-policies', {
      token: admin,
      body: {
        name: 'Mail',
        order: 1,
        conditions: { teamIds: [team] },
        targets: { firstResponseSeconds: 3600 },
      },
    });
    expect(policy.status).toBe(201);
    const flood = await t.request('PUT', '/api/admin/blocklist/flood-limit', {
      token: admin,
      body: { enabled: true, maxMessages: 3, windowSeconds: 3600 },
    });
    expect(flood.status).toBe(200);
  });
  afterAll(() => t.close());

  /** One side of the comparison: its own accounts and senders, named by `side`. */
  async function arrange(side: string) {
    const account = async (kind: string) =>
      (
        await t.db.query<{ id: string }>(
          `INSERT INTO channel_accounts (kind, name, team_id, config) VALUES ($1, $2, $3, '{}') RETURNING id`,
          [kind, `${side} ${kind}`, team],
        )
      )[0].id;
    const mailbox = await account('email');
    const api = await account('api');
    const addr = (who: string) => `${side}-${who}@customer.test`;
    const mail = (who: string, id: string, extra: Partial<InboundMessage> = {}): InboundMessage => ({
      channelAccountId: mailbox,
      externalId: `<${side}-${id}@customer.test>`,
      from: { kind: 'email', address: addr(who), name: `${side} ${who}`, verified: true },
      subject: `About ${id}`,
      text: `Message ${id} from ${who}`,
      threadKey: `<${side}-${id}@customer.test>`,
      ...extra,
    });
    // Before the batch: Xena wrote through the API channel, Yuri and Sam by mail; Sam's ticket
    // is solved; Bob's address is blocked; one of Dana's mails is stored already.
    await ingest.ingest({
      channelAccountId: api,
      externalId: `${side}-x1`,
      from: { kind: 'email', address: addr('xena') },
      text: 'Where is my parcel?',
    });
    const yuri = await ingest.ingest(mail('yuri', 'y1'));
    const sam = await ingest.ingest(mail('sam', 's1'));
    const solved = await t.request('PATCH', `/api/tickets/${sam.ticketId}`, {
      token: admin,
      body: { status: 'solved' },
    });
    expect(solved.status).toBe(200);
    expect(
      (
        await t.request('POST', '/api/admin/blocklist', {
          token: admin,
          body: { kind: 'address', value: addr('bob') },
        })
      ).status,
    ).toBe(201);
    const dana = await ingest.ingest(mail('dana', 'd1'));
    const replyTo = (id: string) => ({ alsoThreadKeys: [`<${side}-${id}@customer.test>`] });
    const batch: InboundMessage[] = [
      mail('xena', 'x2'), // joins her open ticket on the API channel
      mail('yuri', 'y2', replyTo('y1')), // continues his ticket
      mail('sam', 's2', replyTo('s1')), // reopens his solved ticket
      mail('nina', 'n1'), // a new person
      mail('nina', 'n2'), // her second, new topic
      mail('dana', 'd1'), // stored before: a duplicate
      // A colleague the channel vouched for on Dana's ticket (a Cc on her thread) joins it.
      mail('cora', 'c1', { ticketHint: { ticketId: dana.ticketId, senderVerified: true } }),
      mail('quinn', 'q1'),
      mail('quinn', 'q1'), // the same mail twice in one batch
      mail('bob', 'b1'), // blocked: the spam view
      ...['f1', 'f2', 'f3', 'f4', 'f5'].map((id) => mail('fred', id)), // past the flood limit of 3
      mail('yuri', 'y3', replyTo('y1')), // a second message for Yuri's ticket in the same batch
    ];
    return { batch, side, tickets: [yuri.ticketId, sam.ticketId] };
  }

  /** What one side ended up with, with its ids and name replaced by positions and `SIDE`. */
  async function outcome(side: string, results: IngestResult[]) {
    const order: string[] = [];
    const ref = (id: string) => (order.includes(id) ? order.indexOf(id) : order.push(id) - 1);
    const answers = results.map((r) => ({
      ticket: ref(r.ticketId),
      duplicate: r.duplicate,
      created: r.ticketCreated,
    }));
    const tickets = [];
    for (const id of order) {
      const [ticket] = await t.db.query<Record<string, unknown>>(
        `SELECT t.subject, t.status, t.channel, t.seq::int, t.spam_at IS NOT NULL AS spam, t.team_id = $2 AS team,
                p.name AS policy, t.first_response_due_at IS NOT NULL AS due,
                (SELECT count(*)::int FROM sla_clock_entries e WHERE e.ticket_id = t.id) AS clock_entries
           FROM tickets t LEFT JOIN sla_policies p ON p.id = t.sla_policy_id WHERE t.id = $1`,
        [id, team],
      );
      const messages = await t.db.query<{ text: string; folded: boolean; identity: string }>(
        `SELECT m.text, m.meta ? 'foldedBy' AS folded, i.address AS identity
           FROM messages m LEFT JOIN contact_identities i ON i.id = m.identity_id
          WHERE m.ticket_id = $1 ORDER BY m.created_at, m.external_id`,
        [id],
      );
      const timeline = await t.db.query<{ type: string; data: unknown }>(
        `SELECT type, data - 'entries' - 'due' - 'fromChannelAccountId' - 'toChannelAccountId' - 'windowStartedAt' AS data
           FROM ticket_events WHERE ticket_id = $1 ORDER BY id`,
        [id],
      );
      const outbox = await t.db.query<{ topic: string }>(
        `SELECT topic FROM outbox_events WHERE ticket_id = $1 ORDER BY id`,
        [id],
      );
      tickets.push({ ticket, messages, timeline, outbox: outbox.map((o) => o.topic) });
    }
    const flood = await t.db.query<{ address: string; received: number }>(
      `SELECT i.address, f.received FROM contact_flood_windows f JOIN contact_identities i ON i.contact_id = f.contact_id
        WHERE i.address LIKE $1 ORDER BY i.address`,
      [`${side}-%`],
    );
    const contacts = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM contact_identities WHERE address LIKE $1`,
      [`${side}-%`],
    );
    return JSON.parse(JSON.stringify({ answers, tickets, flood, contacts }).replaceAll(side, 'SIDE'));
  }

  it('stores the same tickets, messages, timeline, clocks and events as one by one', async () => {
    const one = await arrange('one');
    const oneByOne: IngestResult[] = [];
    for (const msg of one.batch) oneByOne.push(await ingest.ingest(msg));

    const many = await arrange('many');
    const asBatch = await ingest.ingestMany(many.batch);

    const expected = await outcome('one', oneByOne);
    expect(await outcome('many', asBatch)).toEqual(expected);
    // The comparison is about something: every case of the batch is there.
    expect(expected.answers.filter((a: { duplicate: boolean }) => a.duplicate)).toHaveLength(2);
    const types = expected.tickets.flatMap((x: { timeline: { type: string }[] }) =>
      x.timeline.map((e) => e.type),
    );
    expect(types).toEqual(
      expect.arrayContaining(['channel_switched', 'reopened', 'messages_folded', 'created']),
    );
    expect(expected.tickets.some((x: { ticket: { spam: boolean } }) => x.ticket.spam)).toBe(true);
  });

  it('a batch of new mail costs a few statements, not a dozen per mail', async () => {
    const mailbox = (
      await t.db.query<{ id: string }>(
        `INSERT INTO channel_accounts (kind, name, team_id, config) VALUES ('email', 'Counted', $1, '{}') RETURNING id`,
        [team],
      )
    )[0].id;
    const known = await ingest.ingest({
      channelAccountId: mailbox,
      externalId: '<known-0@customer.test>',
      from: { kind: 'email', address: 'known@customer.test' },
      text: 'first',
      threadKey: '<known-0@customer.test>',
    });
    const batch: InboundMessage[] = Array.from({ length: 40 }, (_, i) => ({
      channelAccountId: mailbox,
      externalId: `<counted-${i}@customer.test>`,
      // A known sender (one reply, one new topic: at the flood limit of 3, not past it) and 38 new ones.
      from: { kind: 'email', address: i < 2 ? 'known@customer.test' : `sender-${i}@customer.test` },
      subject: `Order ${i}`,
      text: `Where is order ${i}?`,
      threadKey: `<counted-${i}@customer.test>`,
      ...(i === 0 ? { alsoThreadKeys: ['<known-0@customer.test>'] } : {}),
    }));
    // Statements per transaction of the app while the batch is stored (background workers commit too).
    const transactions: string[][] = [];
    const tx = t.db.tx.bind(t.db);
    const spy = jest.spyOn(t.db, 'tx').mockImplementation((work) => {
      const statements: string[] = [];
      transactions.push(statements);
      return tx((sql: Sql) =>
        work({
          query: <T>(text: string, params?: unknown[]) => {
            statements.push(text);
            return sql.query<T>(text, params);
          },
        }),
      );
    });
    try {
      const results = await ingest.ingestMany(batch);
      expect(results[0].ticketId).toBe(known.ticketId);
      expect(results.filter((r) => r.ticketCreated)).toHaveLength(39);
    } finally {
      spy.mockRestore();
    }
    const ingestTx = transactions.filter((s) =>
      s.some((text) => text.includes('INSERT INTO inbound_receipts')),
    );
    expect(ingestTx).toHaveLength(1);
    // One by one, each mail took about ten; here receipts, contacts, locks, lookups, tickets,
    // SLA clocks, messages and events take about one each for all forty.
    expect(ingestTx[0].length).toBeLessThanOrEqual(12);
  });
});
