import { jest } from '@jest/globals';
import { startTestApp, type TestApp } from '../../test-support/test-app.js';

jest.setTimeout(120_000);

/**
 * Paging a queue page by page gives every ticket exactly once, in the order of the first page,
 * for both sorts: by last activity and by SLA due time (due first, earliest first, then tickets
 * without a running clock), including tickets due at the same moment and times that differ only
 * in microseconds.
 */
describe('queue paging by cursor', () => {
  let t: TestApp;
  let admin: string;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    const account = await t.createApiAccount();
    for (let i = 0; i < 13; i++) {
      const res = await t.inbound(account, {
        externalId: `page-${i}`,
        from: { handle: `page${i}@example.test` },
        text: `question ${i}`,
      });
      ids.push(res.body.ticketId);
    }
    // Due times with ties (three at the same instant), microsecond differences, and no clock at all.
    await t.db.query(
      `UPDATE tickets t SET sla_due_at = v.due, updated_at = v.updated
         FROM (SELECT id, ord,
                      CASE WHEN ord % 4 = 0 THEN NULL
                           WHEN ord % 3 = 0 THEN timestamptz '2030-01-01 10:00:00'
                           ELSE timestamptz '2030-01-01 09:00:00' + ord * interval '1 microsecond' END AS due,
                      timestamptz '2029-06-01 12:00:00' + (ord % 5) * interval '1 microsecond' AS updated
                 FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, ord)) v
        WHERE t.id = v.id`,
      [ids],
    );
  });

  afterAll(async () => {
    await t?.close();
  });

  const everything = async (sort: string) =>
    (await t.request('GET', `/api/tickets?status=active&sort=${sort}&limit=100`, { token: admin })).body
      .items as Array<{ id: string; sla: { dueAt: string | null } }>;

  async function pageThrough(sort: string) {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const query: string = `/api/tickets?status=active&sort=${sort}&limit=4${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.request('GET', query, { token: admin });
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    return seen;
  }

  it.each(['updated', 'due'])('sorted by %s, the pages hold every ticket once, in order', async (sort) => {
    const all = await everything(sort);
    expect(all.map((i) => i.id).sort()).toEqual([...ids].sort());
    expect(await pageThrough(sort)).toEqual(all.map((i) => i.id));
  });

  it('sorted by due time, tickets without a running clock come last', async () => {
    const due = (await everything('due')).map((i) => i.sla.dueAt);
    const firstWithout = due.indexOf(null);
    expect(firstWithout).toBeGreaterThan(0);
    expect(due.slice(firstWithout).every((d) => d === null)).toBe(true);
    const running = due.slice(0, firstWithout) as string[];
    expect(running).toEqual([...running].sort());
  });

  it('a cursor of one sort is refused by the other', async () => {
    const first = await t.request('GET', '/api/tickets?status=active&sort=due&limit=2', { token: admin });
    const res = await t.request('GET', `/api/tickets?status=active&limit=2&cursor=${first.body.nextCursor}`, {
      token: admin,
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('cursor:');
  });
});
