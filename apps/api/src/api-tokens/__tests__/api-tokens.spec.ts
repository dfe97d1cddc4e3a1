import { startTestApp, type TestApp } from '../../test-support/test-app.js';

describe('API tokens for integrations', () => {
  let t: TestApp;
  let admin: string;
  let ticketId: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    // Small budgets so the limits show within a test; the defaults are per minute too.
    process.env.SWITCHBOARD_API_TOKEN_RATE_PER_MINUTE = '20';
    process.env.SWITCHBOARD_API_IP_RATE_PER_MINUTE = '1000';
    t = await startTestApp();
    admin = await t.adminToken();
    const account = await t.createApiAccount();
    const res = await t.inbound(account, {
      externalId: 'm-1',
      from: { handle: 'cust-1' },
      text: 'Where is my order?',
    });
    ticketId = res.body.ticketId;
  });
  afterAll(async () => {
    process.env = saved;
    await t.close();
  });

  const create = (token: string, body: unknown) => t.request('POST', '/api/me/api-tokens', { token, body });

  it('a tickets:read token lists tickets but replying is 403; the token is shown once and stored hashed', async () => {
    const made = await create(admin, { name: 'Dashboard', scopes: ['tickets:read'] });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ id: expect.any(String), token: expect.stringMatching(/^sbt_/) });
    const token = made.body.token as string;

    const list = await t.request('GET', '/api/tickets', { token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: any) => i.id)).toContain(ticketId);
    expect((await t.request('GET', `/api/tickets/${ticketId}`, { token })).status).toBe(200);

    const reply = await t.request('POST', `/api/tickets/${ticketId}/messages`, {
      token,
      body: { kind: 'reply', body: 'On its way' },
    });
    expect(reply.status).toBe(403);
    expect(reply.body.message).toMatch(/tickets:write/);
    // Nor can it reach admin setup or mint more tokens, whatever its owner's role.
    expect((await t.request('GET', '/api/admin/audit-log', { token })).status).toBe(403);
    expect((await create(token, { name: 'more', scopes: ['tickets:read'] })).status).toBe(403);

    // Listed without the secret; only its hash is in the database.
    const mine = await t.request('GET', '/api/me/api-tokens', { token: admin });
    expect(JSON.stringify(mine.body)).not.toContain(token);
    const rows = await t.db.query<{ token_hash: string }>(`SELECT token_hash FROM api_tokens`);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('a tickets:write token replies; the message is the owner’s', async () => {
    const agent = await t.createUser({ email: 'integrator@test.local', role: 'admin' });
    const made = await create(agent.token, { name: 'Bot', scopes: ['tickets:read', 'tickets:write'] });
    const reply = await t.request('POST', `/api/tickets/${ticketId}/messages`, {
      token: made.body.token,
      body: { kind: 'note', body: 'Checked the warehouse' },
    });
    expect(reply.status).toBe(201);
    // Contacts need their own scope.
    const contactId = (await t.request('GET', `/api/tickets/${ticketId}`, { token: admin })).body.contact.id;
    expect((await t.request('GET', `/api/contacts/${contactId}`, { token: made.body.token })).status).toBe(
      403,
    );
    const withContacts = await create(agent.token, { name: 'CRM', scopes: ['contacts:read'] });
    expect(
      (await t.request('GET', `/api/contacts/${contactId}`, { token: withContacts.body.token })).status,
    ).toBe(200);
  });

  it('a revoked token is 401 at once; the last-used time shows', async () => {
    const made = await create(admin, { name: 'Temp', scopes: ['tickets:read'] });
    const token = made.body.token as string;
    let listed = (await t.request('GET', '/api/me/api-tokens', { token: admin })).body.items.find(
      (i: any) => i.id === made.body.id,
    );
    expect(listed.lastUsedAt).toBeNull();
    expect((await t.request('GET', '/api/tickets', { token })).status).toBe(200);
    listed = (await t.request('GET', '/api/me/api-tokens', { token: admin })).body.items.find(
      (i: any) => i.id === made.body.id,
    );
    expect(Date.now() - new Date(listed.lastUsedAt).getTime()).toBeLessThan(60_000);

    expect((await t.request('DELETE', `/api/me/api-tokens/${made.body.id}`, { token: admin })).status).toBe(
      204,
    );
    const after = await t.request('GET', '/api/tickets', { token });
    expect(after.status).toBe(401);
    expect(after.body.message).toMatch(/revoked/);
  });

  it('someone else’s token cannot be revoked; bad bodies name the field; an expired token is 401', async () => {
    const other = await t.createUser({ email: 'other-owner@test.local' });
    const made = await create(admin, { name: 'Mine', scopes: ['tickets:read'] });
    expect(
      (await t.request('DELETE', `/api/me/api-tokens/${made.body.id}`, { token: other.token })).status,
    ).toBe(404);
    const bad = await create(admin, { name: 'x', scopes: ['tickets:delete'] });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/scopes/);
    const past = await create(admin, {
      name: 'x',
      scopes: ['tickets:read'],
      expiresAt: '2020-01-01T00:00:00Z',
    });
    expect(past.status).toBe(400);
    expect(past.body.message).toMatch(/expiresAt/);

    const soon = await create(admin, {
      name: 'Short-lived',
      scopes: ['tickets:read'],
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(soon.status).toBe(201);
    await t.db.query(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      soon.body.id,
    ]);
    const expired = await t.request('GET', '/api/tickets', { token: soon.body.token });
    expect(expired.status).toBe(401);
    expect(expired.body.message).toMatch(/expired/);
  });

  it('each token has a request budget per minute: past it, 429 with Retry-After', async () => {
    const made = await create(admin, { name: 'Busy', scopes: ['tickets:read'] });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 22; i++) {
      const res = await fetch(`${t.url}/api/tickets`, {
        headers: { authorization: `Bearer ${made.body.token}` },
      });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    // Another token of the same owner has its own budget.
    const fresh = await create(admin, { name: 'Calm', scopes: ['tickets:read'] });
    expect((await t.request('GET', '/api/tickets', { token: fresh.body.token })).status).toBe(200);
  });

  it('creating and revoking are audited, and requests made with a token name it', async () => {
    const made = await create(admin, { name: 'Audited', scopes: ['tickets:read'] });
    await t.request('DELETE', `/api/me/api-tokens/${made.body.id}`, { token: admin });
    const log = await t.request('GET', `/api/admin/audit-log?target=${made.body.id}`, { token: admin });
    expect(log.body.items.map((e: any) => e.action)).toEqual(['api_token.revoked', 'api_token.created']);
    expect(JSON.stringify(log.body)).not.toContain(made.body.token);

    const reports = await create(admin, { name: 'BI export', scopes: ['reports:read'] });
    const csv = await t.request('GET', '/api/reports/volume?format=csv', { token: reports.body.token });
    expect(csv.status).toBe(200);
    const exported = await t.request('GET', '/api/admin/audit-log?action=report.exported&limit=1', {
      token: admin,
    });
    expect(exported.body.items[0]).toMatchObject({
      actorKind: 'api_token',
      actorEmail: 'admin@test.local',
      details: expect.objectContaining({ apiTokenId: reports.body.id }),
    });
  });
});

describe('the per-address budget of API token requests', () => {
  let t: TestApp;
  const saved = { ...process.env };
  beforeAll(async () => {
    process.env.SWITCHBOARD_API_TOKEN_RATE_PER_MINUTE = '1000';
    process.env.SWITCHBOARD_API_IP_RATE_PER_MINUTE = '5';
    t = await startTestApp();
  });
  afterAll(async () => {
    process.env = saved;
    await t.close();
  });

  it('many tokens from one address share it', async () => {
    const admin = await t.adminToken();
    const tokens: string[] = [];
    for (let i = 0; i < 6; i++)
      tokens.push(
        (
          await t.request('POST', '/api/me/api-tokens', {
            token: admin,
            body: { name: `t${i}`, scopes: ['tickets:read'] },
          })
        ).body.token,
      );
    const statuses: number[] = [];
    for (const token of tokens) statuses.push((await t.request('GET', '/api/tickets', { token })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    // Agents' own sessions are not counted against it.
    expect((await t.request('GET', '/api/tickets', { token: admin })).status).toBe(200);
  });
});
