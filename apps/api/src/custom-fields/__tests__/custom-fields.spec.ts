import { randomUUID } from 'node:crypto';
import { startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';

/**
 * Custom fields end to end against the real app and database: admins define them, agents fill
 * them on tickets and contacts, solving waits for the required ones, queues filter by them, and
 * SLA policies and rules read them. Also the subject and contact edits and their timeline lines.
 */
describe('custom fields', () => {
  let t: TestApp;
  let admin: string;
  let account: { id: string; apiKey: string };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    account = await t.createApiAccount();
    for (const field of [
      {
        entity: 'ticket',
        key: 'plan',
        label: 'Plan',
        type: 'select',
        options: ['basic', 'pro', 'enterprise'],
      },
      { entity: 'ticket', key: 'seats', label: 'Seats', type: 'number' },
      { entity: 'ticket', key: 'renewal', label: 'Renewal date', type: 'date' },
      { entity: 'ticket', key: 'addons', label: 'Add-ons', type: 'multiselect', options: ['sso', 'audit'] },
      { entity: 'ticket', key: 'vip', label: 'VIP', type: 'checkbox' },
      { entity: 'ticket', key: 'order_id', label: 'Order ID', type: 'text' },
      { entity: 'contact', key: 'account_no', label: 'Account number', type: 'text' },
    ]) {
      const res = await t.request('POST', '/api/admin/custom-fields', { token: admin, body: field });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => t?.close());

  async function newTicket(text = 'Hello, I need help'): Promise<string> {
    const res = await t.inbound(account, {
      externalId: randomUUID(),
      from: { handle: `c-${randomUUID()}` },
      text,
    });
    expect(res.status).toBe(200);
    return res.body.ticketId;
  }
  const patch = (id: string, body: object) =>
    t.request('PATCH', `/api/tickets/${id}`, { token: admin, body });
  const ticket = async (id: string) => (await t.request('GET', `/api/tickets/${id}`, { token: admin })).body;
  const events = async (id: string) =>
    ((await t.request('GET', `/api/tickets/${id}/messages`, { token: admin })).body.items as any[]).filter(
      (e) => e.entry === 'event',
    );

  it('admins define, list, change and delete fields; agents read them; bad definitions are 400s', async () => {
    const list = await t.request('GET', '/api/admin/custom-fields?entity=ticket', { token: admin });
    expect(list.body.items.map((f: { key: string }) => f.key)).toEqual(
      expect.arrayContaining(['plan', 'seats', 'renewal', 'addons', 'vip', 'order_id']),
    );
    const agent = await t.createUser({ email: 'ana@fields.test' });
    const read = await t.request('GET', '/api/custom-fields?entity=contact', { token: agent.token });
    expect(read.body.items).toEqual([
      expect.objectContaining({ key: 'account_no', label: 'Account number' }),
    ]);
    expect(
      (await t.request('POST', '/api/admin/custom-fields', { token: agent.token, body: {} })).status,
    ).toBe(403);

    const bad = async (body: object, words: string) => {
      const res = await t.request('POST', '/api/admin/custom-fields', { token: admin, body });
      expect(res.status).toBe(400);
      expect(res.body.message).toContain(words);
    };
    await bad(
      { entity: 'ticket', key: 'tier', label: 'Tier', type: 'select' },
      'options: a select field needs',
    );
    await bad({ entity: 'ticket', key: 'Tier!', label: 'Tier', type: 'text' }, 'key:');
    await bad({ entity: 'ticket', key: 'tier', label: 'Tier', type: 'colour' }, 'type');
    await bad(
      { entity: 'contact', key: 'tier', label: 'Tier', type: 'text', requiredToSolve: true },
      'requiredToSolve',
    );
    const dup = await t.request('POST', '/api/admin/custom-fields', {
      token: admin,
      body: { entity: 'ticket', key: 'plan', label: 'Plan again', type: 'text' },
    });
    expect(dup.status).toBe(409);

    const temp = await t.request('POST', '/api/admin/custom-fields', {
      token: admin,
      body: { entity: 'ticket', key: 'temp', label: 'Temp', type: 'text' },
    });
    const renamed = await t.request('PATCH', `/api/admin/custom-fields/${temp.body.id}`, {
      token: admin,
      body: { label: 'Temporary' },
    });
    expect(renamed.body).toMatchObject({ key: 'temp', label: 'Temporary', type: 'text' });
    expect(
      (await t.request('DELETE', `/api/admin/custom-fields/${temp.body.id}`, { token: admin })).status,
    ).toBe(204);
    expect(
      (await t.request('GET', `/api/admin/custom-fields/${temp.body.id}`, { token: admin })).status,
    ).toBe(404);
  });

  it.each([
    ['an unknown key', { colour: 'red' }, 'customFields.colour: no ticket field has this key'],
    ['text in a number field', { seats: 'ten' }, 'customFields.seats: must be a number'],
    [
      'a value that is no option',
      { plan: 'gold' },
      'customFields.plan: must be one of basic, pro, enterprise',
    ],
    ['an impossible date', { renewal: '2026-02-30' }, 'customFields.renewal: must be a date as YYYY-MM-DD'],
    ['a list with a stranger', { addons: ['sso', 'api'] }, 'customFields.addons: "api" is not an option'],
    ['a string for a checkbox', { vip: 'yes' }, 'customFields.vip: must be true or false'],
    ['a number for text', { order_id: 42 }, 'customFields.order_id: must be text'],
  ])('refuses %s with a 400 naming the field', async (_what, customFields, message) => {
    const id = await newTicket();
    const res = await patch(id, { customFields });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(message);
    expect((await ticket(id)).customFields).toEqual({});
  });

  it('stores typed values, clears one with null, and writes the change on the timeline', async () => {
    const id = await newTicket();
    const res = await patch(id, {
      customFields: { plan: 'pro', seats: 12, renewal: '2027-01-31', addons: ['audit', 'sso'], vip: true },
    });
    expect(res.status).toBe(200);
    expect(res.body.customFields).toEqual({
      plan: 'pro',
      seats: 12,
      renewal: '2027-01-31',
      addons: ['sso', 'audit'],
      vip: true,
    });
    const cleared = await patch(id, { customFields: { vip: null, seats: 15 } });
    expect(cleared.body.customFields).toEqual({
      plan: 'pro',
      seats: 15,
      renewal: '2027-01-31',
      addons: ['sso', 'audit'],
    });
    const logged = (await events(id)).filter((e) => e.type === 'custom_fields_changed');
    expect(logged.at(-1).data.fields).toEqual({ seats: { from: 12, to: 15 }, vip: { from: true, to: null } });
  });

  describe('required to solve', () => {
    let required: string;
    beforeAll(async () => {
      const res = await t.request('GET', '/api/admin/custom-fields?entity=ticket', { token: admin });
      required = res.body.items.find((f: { key: string }) => f.key === 'order_id').id;
      await t.request('PATCH', `/api/admin/custom-fields/${required}`, {
        token: admin,
        body: { requiredToSolve: true },
      });
    });
    afterAll(() =>
      t.request('PATCH', `/api/admin/custom-fields/${required}`, {
        token: admin,
        body: { requiredToSolve: false },
      }),
    );

    it('refuses to solve without the field, naming it; solves once it is given, also in the same PATCH', async () => {
      const id = await newTicket();
      const refused = await patch(id, { status: 'solved' });
      expect(refused.status).toBe(400);
      expect(refused.body.message).toBe('customFields.order_id: "Order ID" is required to solve the ticket');
      expect((await ticket(id)).status).not.toBe('solved');

      const solved = await patch(id, { status: 'solved', customFields: { order_id: 'A-1001' } });
      expect(solved.status).toBe(200);
      expect(solved.body).toMatchObject({ status: 'solved', customFields: { order_id: 'A-1001' } });
    });

    it('a macro that solves is refused as a whole, and a rule that solves logs the refusal', async () => {
      const id = await newTicket();
      const macro = await t.request('POST', '/api/macros', {
        token: admin,
        body: {
          name: 'Done',
          actions: [
            { type: 'add_tags', tags: ['done'] },
            { type: 'set_status', status: 'solved' },
          ],
        },
      });
      expect(macro.status).toBe(201);
      const applied = await t.request('POST', `/api/tickets/${id}/macros/${macro.body.id}`, { token: admin });
      expect(applied.status).toBe(400);
      expect(applied.body.message).toContain('customFields.order_id');
      expect(await ticket(id)).toMatchObject({ tags: [], status: expect.not.stringMatching('solved') });

      const rule = await t.request('POST', '/api/admin/rules', {
        token: admin,
        body: {
          name: 'Auto-solve thanks',
          trigger: 'event',
          events: ['message.received'],
          conditions: { all: [{ field: 'body', op: 'contains', value: 'thanks, solved' }] },
          actions: [{ type: 'solve' }],
          active: true,
        },
      });
      expect(rule.status).toBe(201);
      const thanked = await newTicket('thanks, solved it myself');
      const [run] = await waitFor(async () => {
        const items = (await t.request('GET', `/api/admin/rules/${rule.body.id}/runs`, { token: admin })).body
          .items;
        return items.length > 0 && items;
      }, 45_000); // rules react to the committed outbox, which waits for the server's oldest open transaction
      expect(run).toMatchObject({ ticketId: thanked, outcome: 'failed' });
      expect(run.reason).toContain('customFields.order_id: "Order ID" is required to solve the ticket');
      expect((await ticket(thanked)).status).not.toBe('solved');
      await t.request('PATCH', `/api/admin/rules/${rule.body.id}`, { token: admin, body: { active: false } });
    });
  });

  it('filters the queue by a custom field (cf.<key>=value), typed by the field, through the GIN index', async () => {
    const pro = await newTicket();
    const basic = await newTicket();
    const many = await newTicket();
    await patch(pro, { customFields: { plan: 'pro', addons: ['sso'] } });
    await patch(basic, { customFields: { plan: 'basic' } });
    await patch(many, { customFields: { plan: 'pro', seats: 500 } });
    const ids = async (qs: string) => {
      const res = await t.request('GET', `/api/tickets?${qs}`, { token: admin });
      expect(res.status).toBe(200);
      return (res.body.items as Array<{ id: string }>).map((i) => i.id);
    };
    const proIds = await ids('cf.plan=pro');
    expect(proIds).toEqual(expect.arrayContaining([pro, many]));
    expect(proIds).not.toContain(basic);
    expect(await ids('cf.plan=pro&cf.seats=500')).toEqual([many]);
    const sso = await ids('cf.addons=sso');
    expect(sso).toContain(pro);
    expect(sso).not.toContain(many);

    const unknown = await t.request('GET', '/api/tickets?cf.colour=red', { token: admin });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('cf.colour: no ticket field has this key');
    const notNumber = await t.request('GET', '/api/tickets?cf.seats=many', { token: admin });
    expect(notNumber.body.message).toContain('cf.seats: must be a number');

    // The planner may read a small table sequentially; with that ruled out, the filter is an index probe.
    const plan = await t.db.tx(async (sql) => {
      await sql.query('SET LOCAL enable_seqscan = off');
      return sql.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT id FROM tickets t WHERE t.custom_fields @> '{"plan":"pro"}'::jsonb`,
      );
    });
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('ix_tickets_custom_fields');
  });

  it('an SLA policy with a custom field condition applies to the tickets holding that value', async () => {
    const create = (body: object) => t.request('POST', '/api/admin/sla-policies', { token: admin, body });
    const enterprise = await create({
      name: 'Enterprise plan',
      order: 1,
      conditions: { customFields: { plan: ['enterprise'] } },
      targets: { firstResponseSeconds: 900 },
    });
    expect(enterprise.status).toBe(201);
    const everyone = await create({ name: 'Everyone', order: 2, targets: { firstResponseSeconds: 86_400 } });
    expect(everyone.status).toBe(201);

    const id = await newTicket();
    expect((await ticket(id)).sla.policyId).toBe(everyone.body.id);
    const upgraded = await patch(id, { customFields: { plan: 'enterprise' } });
    expect(upgraded.body.sla.policyId).toBe(enterprise.body.id);
    const due = Date.parse(upgraded.body.sla.firstResponseDueAt) - Date.parse(upgraded.body.createdAt);
    expect(due).toBeLessThanOrEqual(900_000 + 5_000);

    const badKey = await create({ name: 'Bad', order: 3, conditions: { customFields: { 'Plan!': ['x'] } } });
    expect(badKey.status).toBe(400);
    const unknownKey = await create({
      name: 'Typo',
      order: 3,
      conditions: { customFields: { plam: ['pro'] } },
      targets: { firstResponseSeconds: 900 },
    });
    expect(unknownKey.status).toBe(400);
    expect(unknownKey.body.message).toContain(
      'conditions.customFields.plam: no ticket custom field has this key',
    );
    for (const p of [enterprise, everyone])
      await t.request('PATCH', `/api/admin/sla-policies/${p.body.id}`, {
        token: admin,
        body: { active: false },
      });
  });

  it('a rule with a customFields.<key> condition acts only on tickets holding that value', async () => {
    const refused = await t.request('POST', '/api/admin/rules', {
      token: admin,
      body: {
        name: 'Bad op',
        trigger: 'event',
        events: ['ticket.updated'],
        conditions: { all: [{ field: 'customFields.plan', op: 'changed' }] },
        actions: [{ type: 'add_tags', tags: ['x'] }],
      },
    });
    expect(refused.status).toBe(400);
    const typo = await t.request('POST', '/api/admin/rules', {
      token: admin,
      body: {
        name: 'Typo',
        trigger: 'event',
        events: ['ticket.updated'],
        conditions: { all: [{ field: 'customFields.plam', op: 'is', value: 'pro' }] },
        actions: [{ type: 'add_tags', tags: ['x'] }],
      },
    });
    expect(typo.status).toBe(400);
    expect(typo.body.message).toContain('customFields.plam: no ticket custom field has this key');
    const rule = await t.request('POST', '/api/admin/rules', {
      token: admin,
      body: {
        name: 'Big enterprise accounts are urgent',
        trigger: 'event',
        events: ['ticket.updated'],
        conditions: {
          all: [
            { field: 'customFields.plan', op: 'is', value: 'enterprise' },
            { field: 'customFields.seats', op: 'gt', value: '100' },
          ],
        },
        actions: [{ type: 'add_tags', tags: ['key-account'] }],
        active: true,
      },
    });
    expect(rule.status).toBe(201);
    const big = await newTicket();
    const small = await newTicket();
    await patch(big, { customFields: { plan: 'enterprise', seats: 250 } });
    await patch(small, { customFields: { plan: 'enterprise', seats: 20 } });
    const tagged = await waitFor(async () => {
      const tk = await ticket(big);
      return tk.tags.includes('key-account') && tk;
    }, 45_000);
    expect(tagged.tags).toEqual(['key-account']);
    expect((await ticket(small)).tags).toEqual([]);
    await t.request('PATCH', `/api/admin/rules/${rule.body.id}`, { token: admin, body: { active: false } });
  });

  it('an agent edits the subject; the timeline says who changed it from what to what', async () => {
    const id = await newTicket();
    await patch(id, { subject: 'Printer on fire' });
    const res = await patch(id, { subject: 'Printer smoking, not on fire' });
    expect(res.status).toBe(200);
    expect(res.body.subject).toBe('Printer smoking, not on fire');
    const changes = (await events(id)).filter((e) => e.type === 'subject_changed');
    expect(changes.at(-1)).toMatchObject({
      data: { from: 'Printer on fire', to: 'Printer smoking, not on fire' },
      actorId: expect.any(String),
    });
    expect((await patch(id, { subject: '   ' })).status).toBe(400);
  });

  it("an agent edits the contact's details and fields; their open tickets' timelines record it", async () => {
    const id = await newTicket();
    const contactId = (await ticket(id)).contact.id;
    const res = await t.request('PATCH', `/api/contacts/${contactId}`, {
      token: admin,
      body: {
        name: 'Grace Hopper',
        language: 'de',
        timeZone: 'Europe/Berlin',
        tags: ['VIP'],
        customFields: { account_no: 'ACC-7' },
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Grace Hopper',
      language: 'de',
      timeZone: 'Europe/Berlin',
      tags: ['vip'],
      customFields: { account_no: 'ACC-7' },
    });
    const shown = (await t.request('GET', `/api/contacts/${contactId}`, { token: admin })).body;
    expect(shown).toMatchObject({
      name: 'Grace Hopper',
      timeZone: 'Europe/Berlin',
      customFields: { account_no: 'ACC-7' },
    });
    const [logged] = (await events(id)).filter((e) => e.type === 'contact_updated');
    expect(logged.data.changes).toMatchObject({
      name: { to: 'Grace Hopper' },
      timeZone: { from: null, to: 'Europe/Berlin' },
      'customFields.account_no': { from: null, to: 'ACC-7' },
    });
    expect((await ticket(id)).contact.name).toBe('Grace Hopper');

    const badZone = await t.request('PATCH', `/api/contacts/${contactId}`, {
      token: admin,
      body: { timeZone: 'Mars/Olympus' },
    });
    expect(badZone.status).toBe(400);
    expect(badZone.body.message).toContain('timeZone');
    const badField = await t.request('PATCH', `/api/contacts/${contactId}`, {
      token: admin,
      body: { customFields: { plan: 'pro' } },
    });
    expect(badField.body.message).toContain('customFields.plan: no contact field has this key');
    const outsider = await t.createUser({ email: 'otto@fields.test' });
    const hidden = await t.request('PATCH', `/api/contacts/${contactId}`, {
      token: outsider.token,
      body: { name: 'Hacked' },
    });
    expect(hidden.status).toBe(404);
  });
});
