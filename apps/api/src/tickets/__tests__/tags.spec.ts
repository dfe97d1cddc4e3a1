import type { QueryRunner } from 'typeorm';
import { PolishNormaliseTags1764001213000 } from '../../database/migrations/1764001213000-polish-normalise-tags.js';
import { startTestApp, type TestApp } from '../../test-support/test-app.js';

/** "Export PDF", "export pdf" and " export  PDF " are one tag, however an agent types or looks for it. */
describe('tags', () => {
  let t: TestApp;
  let admin: string;
  let account: { id: string; apiKey: string };
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    account = await t.createApiAccount();
  });
  afterAll(() => t.close());

  async function newTicket(text = 'help'): Promise<string> {
    n += 1;
    return (await t.inbound(account, { externalId: `tag-${n}`, from: { handle: `t${n}@example.com` }, text }))
      .body.ticketId;
  }
  const tag = (id: string, tags: string[]) =>
    t.request('PATCH', `/api/tickets/${id}`, { token: admin, body: { tags } });
  const list = async (query: string) =>
    (
      (await t.request('GET', `/api/tickets?${query}`, { token: admin })).body.items as Array<{ id: string }>
    ).map((ticket) => ticket.id);

  it('stores one spelling per tag: trimmed, single spaces, lowercase, each once', async () => {
    const id = await newTicket();
    const res = await tag(id, ['Export PDF', '  export   pdf ', 'Billing', 'billing']);
    expect(res.status).toBe(200);
    expect(res.body.tags).toEqual(['export pdf', 'billing']);
  });

  it.each(['export pdf', 'Export PDF', 'EXPORT  PDF'])(
    'the tag filter "%s" finds a ticket tagged "Export PDF"',
    async (filter) => {
      const id = await newTicket();
      await tag(id, ['Export PDF']);
      expect(await list(`tag=${encodeURIComponent(filter)}`)).toContain(id);
    },
  );

  it('the search box finds a ticket by its tag, in any case', async () => {
    const id = await newTicket('nothing about the tag here');
    await tag(id, ['Refund Requested']);
    expect(await list(`q=${encodeURIComponent('refund REQUESTED')}`)).toContain(id);
  });

  it('the migration merges the spellings already stored on a ticket, first one first', async () => {
    const id = await newTicket();
    await t.db.query(`UPDATE tickets SET tags = $2 WHERE id = $1`, [
      id,
      ['VIP', 'Export PDF', ' export  pdf', 'vip', '  '],
    ]);
    await new PolishNormaliseTags1764001213000().up({
      query: (sql: string, params?: unknown[]) => t.db.query(sql, params),
    } as unknown as QueryRunner);
    const [row] = await t.db.query<{ tags: string[] }>(`SELECT tags FROM tickets WHERE id = $1`, [id]);
    expect(row.tags).toEqual(['vip', 'export pdf']);
  });

  it('an SLA policy for "VIP" applies to a ticket tagged "vip"', async () => {
    const policy = await t.request('POST', '/api/admin/sla-policies', {
      token: admin,
      body: { name: 'VIP', order: 0, conditions: { tags: ['VIP'] }, targets: { firstResponseSeconds: 600 } },
    });
    expect(policy.status).toBe(201);
    const id = await newTicket();
    await tag(id, ['vip']);
    const [row] = await t.db.query<{ sla_policy_id: string | null }>(
      `SELECT sla_policy_id FROM tickets WHERE id = $1`,
      [id],
    );
    expect(row.sla_policy_id).toBe(policy.body.id);
  });
});
