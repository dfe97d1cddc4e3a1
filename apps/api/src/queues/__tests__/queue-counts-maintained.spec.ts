import { jest } from '@jest/globals';
import { CallbackReceiver } from '../../test-support/callback-receiver.js';
import { startTestApp, type TestApp } from '../../test-support/test-app.js';
import { QueueCounts } from '../queue-counts.service.js';

jest.setTimeout(240_000);

/**
 * The sidebar counts come from counters a trigger keeps, not from counting tickets. After every
 * kind of change a ticket goes through (new, assign, transfer, hold, solve, reopen, merge, spam,
 * bot handoff, contact erasure, folding the counters) each count equals what the queue lists, and
 * the counters equal a live COUNT(*) of the tickets, bucket by bucket.
 */
describe('maintained queue counts', () => {
  let t: TestApp;
  let receiver: CallbackReceiver;
  let admin: string;
  let billing: string;
  let support: string;
  let ana: { id: string; token: string };
  let ben: { id: string; token: string };
  let account: { id: string; apiKey: string };
  let botAccount: { id: string; apiKey: string };
  let botToken: string;
  let n = 0;

  beforeAll(async () => {
    receiver = await new CallbackReceiver().start();
    t = await startTestApp();
    admin = await t.adminToken();
    billing = await t.createTeam('Billing');
    support = await t.createTeam('Support');
    ana = await t.createUser({ email: 'ana@counts.test', teamIds: [billing] });
    ben = await t.createUser({ email: 'ben@counts.test', teamIds: [support] });
    account = await t.createApiAccount({ teamId: billing });
    botAccount = await t.createApiAccount({ teamId: support });
    const bot = await t.request('POST', '/api/admin/bots', {
      token: admin,
      body: { name: 'Greeter', kind: 'external', channelAccountId: botAccount.id, webhookUrl: receiver.url },
    });
    expect(bot.status).toBe(201);
    botToken = bot.body.apiToken;
  });

  afterAll(async () => {
    await t?.close();
    await receiver?.stop();
  });

  const newTicket = async (to = account, handle = `customer${++n}@example.com`) => {
    const res = await t.inbound(to, {
      externalId: `m-${++n}`,
      from: { handle, name: `Customer ${n}` },
      text: 'Hello',
    });
    expect(res.status).toBe(200);
    return res.body.ticketId as string;
  };
  const call = async (method: string, path: string, body?: unknown, token = admin) => {
    const res = await t.request(method, path, { token, body });
    expect({ path, status: res.status < 300 }).toEqual({ path, status: true });
    return res.body;
  };

  /** The counters, bucket by bucket, beside a live count of the tickets a queue can show. */
  async function buckets() {
    const key = `COALESCE(team_id::text, '-') || '/' || COALESCE(assignee_id::text, '-') || '/' || status`;
    const [kept, live] = await Promise.all([
      t.db.query<{ k: string; n: string }>(
        `SELECT ${key} AS k, sum(n) AS n FROM ticket_queue_counts GROUP BY 1 HAVING sum(n) <> 0 ORDER BY 1`,
      ),
      t.db.query<{ k: string; n: string }>(
        `SELECT ${key} AS k, count(*) AS n FROM tickets
          WHERE status <> 'closed' AND bot_id IS NULL AND spam_at IS NULL GROUP BY 1 ORDER BY 1`,
      ),
    ]);
    return { kept: kept.map((r) => `${r.k}=${r.n}`), live: live.map((r) => `${r.k}=${r.n}`) };
  }

  /** What each sidebar queue lists for this viewer, counted from the lists themselves. */
  async function listed(token: string, teamIds: string[]) {
    const size = async (query: string) =>
      (await call('GET', `/api/tickets?${query}&limit=100`, undefined, token)).items.length as number;
    const teams: Record<string, number> = {};
    for (const id of teamIds) teams[id] = await size(`teamId=${id}&status=active`);
    return {
      mine: await size('assigneeId=me&status=active'),
      unassigned: await size('assigneeId=none&status=active'),
      all: await size('status=active'),
      pending: await size('status=pending'),
      onHold: await size('status=on_hold'),
      solved: await size('status=solved'),
      teams,
    };
  }

  async function expectCountsMatch(step: string) {
    const b = await buckets();
    expect({ step, counters: b.kept }).toEqual({ step, counters: b.live });
    for (const [who, token, teamIds] of [
      ['admin', admin, [billing, support]],
      ['ana', ana.token, [billing]],
      ['ben', ben.token, [support]],
    ] as const) {
      const {
        mentions: _mentions,
        teams,
        ...counts
      } = await call('GET', '/api/queues/counts', undefined, token);
      const expected = await listed(token, [...teamIds]);
      const shown = { ...counts, teams: Object.fromEntries(teamIds.map((id) => [id, teams[id] ?? 0])) };
      expect({ step, who, counts: shown }).toEqual({ step, who, counts: expected });
    }
  }

  it('stay equal to the lists and to a live count through every kind of change', async () => {
    const [a, b, c, d, e] = [
      await newTicket(),
      await newTicket(),
      await newTicket(),
      await newTicket(),
      await newTicket(),
    ];
    await expectCountsMatch('new tickets');

    await call('PATCH', `/api/tickets/${a}`, { assigneeId: ana.id });
    await call('PATCH', `/api/tickets/${b}`, { assigneeId: ana.id });
    await expectCountsMatch('assign');

    await call(
      'POST',
      `/api/tickets/${b}/transfer`,
      { toTeamId: support, note: 'Needs a technician' },
      ana.token,
    );
    await call('POST', `/api/tickets/${c}/transfer`, { toAgentId: ben.id, note: 'Ben knows this customer' });
    await expectCountsMatch('transfer');

    await call('PATCH', `/api/tickets/${d}`, { status: 'pending' });
    await call(
      'POST',
      `/api/tickets/${a}/hold`,
      { why: 'Waiting for the courier', done: 'Called', next: 'Wait' },
      ana.token,
    );
    await expectCountsMatch('pending and hold');

    await call('PATCH', `/api/tickets/${a}`, { status: 'solved' });
    await call('PATCH', `/api/tickets/${e}`, { status: 'closed' });
    await expectCountsMatch('solve and close');

    await call('PATCH', `/api/tickets/${a}`, { status: 'open' });
    await expectCountsMatch('reopen');

    // A note that mentions Ana counts once on her Mentions queue, and on nobody else's.
    await call('POST', `/api/tickets/${a}/messages`, {
      kind: 'note',
      body: 'Please check, @ana@counts.test',
    });
    const mentions = async (token: string) =>
      (await call('GET', '/api/queues/counts', undefined, token)).mentions as number;
    expect({ ana: await mentions(ana.token), ben: await mentions(ben.token) }).toEqual({ ana: 1, ben: 0 });
    const mentioning = await call(
      'GET',
      '/api/tickets?mentions=me&status=active&limit=100',
      undefined,
      ana.token,
    );
    expect(mentioning.items.map((i: { id: string }) => i.id)).toEqual([a]);

    await call('POST', `/api/tickets/${d}/merge`, { intoTicketId: c });
    await expectCountsMatch('merge');

    await call('POST', `/api/tickets/${c}/spam`);
    await expectCountsMatch('spam');
    await call('DELETE', `/api/tickets/${c}/spam`);
    await expectCountsMatch('not spam');

    const held = await newTicket(botAccount);
    const botHeld = await t.db.one<{ bot_id: string | null }>(`SELECT bot_id FROM tickets WHERE id = $1`, [
      held,
    ]);
    expect(botHeld?.bot_id).toEqual(expect.any(String));
    await expectCountsMatch('a ticket the bot holds');
    await call('POST', `/api/tickets/${held}/handoff`, { summary: 'Wants a refund' }, botToken);
    await expectCountsMatch('bot handoff');

    const [{ contact_id }] = await t.db.query<{ contact_id: string }>(
      `SELECT contact_id FROM tickets WHERE id = $1`,
      [b],
    );
    await call('DELETE', `/api/contacts/${contact_id}?erase=true`);
    await expectCountsMatch('contact erasure');

    // The worker folds every few seconds too; folding twice at once is safe, so fold here as well.
    await t.app.get(QueueCounts).compact();
    const after = await buckets();
    expect(after.kept).toEqual(after.live);
    const rows = (await t.db.one<{ n: string }>(`SELECT count(*) AS n FROM ticket_queue_counts`))!.n;
    expect(Number(rows)).toBe(after.live.length); // one row per bucket once folded
    await expectCountsMatch('after folding');
  });
});
