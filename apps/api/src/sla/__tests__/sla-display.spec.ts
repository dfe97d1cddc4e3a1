import { startTestApp, type TestApp } from '../../test-support/test-app.js';

/** The timeline mentions only the SLA clocks a policy measures: no promise of a deadline that does not exist. */
describe('SLA clock lines on the timeline', () => {
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

  async function conversation(handle: string): Promise<string> {
    n += 1;
    const first = await t.inbound(account, { externalId: `d-${n}`, from: { handle }, text: 'help' });
    const id = first.body.ticketId as string;
    await t.request('POST', `/api/tickets/${id}/messages`, {
      token: admin,
      body: { kind: 'reply', body: 'On it' },
    });
    await t.inbound(account, {
      externalId: `d-${n}-again`,
      from: { handle },
      text: 'thanks, one more thing',
    });
    return id;
  }

  async function clockLines(ticketId: string): Promise<string[]> {
    const rows = await t.db.query<{ data: { entries: Array<{ metric: string; action: string }> } }>(
      `SELECT data FROM ticket_events WHERE ticket_id = $1 AND type = 'sla_clock' ORDER BY seq`,
      [ticketId],
    );
    return rows.flatMap((r) => r.data.entries.map((e) => `${e.metric} ${e.action}`));
  }

  it('shows no clock lines while no policy applies', async () => {
    expect(await clockLines(await conversation('nopolicy@example.com'))).toEqual([]);
  });

  it('shows no next-response line under a policy without a next-response target', async () => {
    const res = await t.request('POST', '/api/admin/sla-policies', {
      token: admin,
      body: { name: 'First reply only', order: 0, targets: { firstResponseSeconds: 3600 } },
    });
    expect(res.status).toBe(201);
    const lines = await clockLines(await conversation('firstonly@example.com'));
    expect(lines).toEqual(['first_response start', 'first_response achieve']);
  });
});
