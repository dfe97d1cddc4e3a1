import { stopBackgroundSweeps } from './manual-sweeps.js';
import { TimeRules } from '../time-rules.js';
import { startTestApp, type TestApp } from '../../test-support/test-app.js';

/**
 * Time rules on a real database: timestamps are moved back in the tables instead of waiting,
 * and sweeps are run directly, as the worker's timer would.
 */
describe('time rules', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    await stopBackgroundSweeps(t);
    admin = await t.adminToken();
  });
  afterAll(() => t?.close());

  const sweep = (app: TestApp) => app.app.get(TimeRules).sweep();

  async function solvedTicket(account: { id: string; apiKey: string }, externalId: string): Promise<string> {
    const res = await t.inbound(account, {
      externalId,
      from: { handle: `${externalId}@example.com` },
      text: 'thanks',
    });
    const ticketId = res.body.ticketId as string;
    const solved = await t.request('PATCH', `/api/tickets/${ticketId}`, {
      token: admin,
      body: { status: 'solved' },
    });
    expect(solved.status).toBe(200);
    return ticketId;
  }

  it('closes a ticket solved four days ago exactly once, across two sweeps and a restart', async () => {
    const rule = await t.request('POST', '/api/admin/rules', {
      token: admin,
      body: {
        name: 'Close solved tickets after 4 days',
        trigger: 'time',
        time: { since: 'solved', hours: 96 },
        actions: [{ type: 'set_status', status: 'closed' }],
        active: true,
      },
    });
    expect(rule.status).toBe(201);
    const account = await t.createApiAccount();
    const old = await solvedTicket(account, 'time-old');
    const recent = await solvedTicket(account, 'time-recent');
    await t.db.query(`UPDATE tickets SET solved_at = now() - interval '4 days 1 hour' WHERE id = $1`, [old]);

    expect(await sweep(t)).toBe(1);
    expect(await sweep(t)).toBe(0);
    const status = async (app: TestApp, id: string) =>
      (await app.request('GET', `/api/tickets/${id}`, { token: await app.adminToken() })).body.status;
    expect(await status(t, old)).toBe('closed');
    expect(await status(t, recent)).toBe('solved');

    // A restart on the same database finds the run marker and does nothing again.
    const databaseUrl = t.config.databaseUrl;
    await t.close({ keepDatabase: true });
    t = await startTestApp({ databaseUrl, secretsKey: t.config.secretsKey });
    await stopBackgroundSweeps(t);
    admin = await t.adminToken();
    expect(await sweep(t)).toBe(0);

    const runs = await t.request('GET', `/api/admin/rules/${rule.body.id}/runs`, { token: admin });
    expect(runs.body.items).toEqual([
      expect.objectContaining({ ticketId: old, outcome: 'applied', event: 'time.solved' }),
    ]);
    const closings = await t.db.query(
      `SELECT 1 FROM ticket_events WHERE ticket_id = $1 AND data->>'ruleId' = $2`,
      [old, rule.body.id],
    );
    expect(closings).toHaveLength(1);
  });
});
