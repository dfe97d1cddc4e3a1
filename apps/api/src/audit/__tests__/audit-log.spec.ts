import { ADMIN, startTestApp, type TestApp } from '../../test-support/test-app.js';
import { currentCode } from '../../two-factor/totp.js';

/** The audit entries written since `afterId`, oldest first. */
async function entriesAfter(t: TestApp, afterId: string) {
  return t.db.query<{
    id: string;
    action: string;
    actor_email: string | null;
    actor_kind: string;
    target_id: string | null;
    ip: string | null;
    details: Record<string, unknown>;
  }>(
    `SELECT id::text, action, actor_email, actor_kind, target_id, ip, details
       FROM audit_log WHERE id > $1::bigint ORDER BY id`,
    [afterId],
  );
}

async function lastId(t: TestApp): Promise<string> {
  const [row] = await t.db.query<{ id: string }>(`SELECT coalesce(max(id), 0)::text AS id FROM audit_log`);
  return row.id;
}

describe('the audit log', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    // Behind a proxy on loopback: the client's address comes from X-Forwarded-For, as for rate limits.
    t = await startTestApp({ trustProxy: ['127.0.0.1'] });
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  /** Runs one admin action and says which audit entries it left. */
  async function step(name: string, run: () => Promise<{ status: number; body: any }>, okStatus: number[]) {
    const before = await lastId(t);
    const res = await run();
    if (!okStatus.includes(res.status)) throw new Error(`${name}: ${res.status} ${JSON.stringify(res.body)}`);
    return { res, entries: await entriesAfter(t, before) };
  }

  it('each audited action leaves exactly one entry naming who did what to which target', async () => {
    const as =
      (method: string, path: string, body?: unknown, token = admin) =>
      () =>
        t.request(method, path, { token, body });
    const results: Record<string, { targetId: string | null; entries: number; actorEmail: string | null }> =
      {};
    const run = async (
      action: string,
      fn: () => Promise<{ status: number; body: any }>,
      ok = [200, 201, 204],
    ) => {
      const { res, entries } = await step(action, fn, ok);
      expect(entries.map((e) => e.action)).toEqual([action]);
      results[action] = {
        targetId: entries[0].target_id,
        entries: entries.length,
        actorEmail: entries[0].actor_email,
      };
      return { res, entry: entries[0] };
    };

    // Logins, both ways, with the client's address.
    const ok = await run('auth.login.succeeded', () =>
      t.request('POST', '/api/auth/login', { body: ADMIN, headers: { 'x-forwarded-for': '203.0.113.7' } }),
    );
    expect(ok.entry).toMatchObject({ actor_email: ADMIN.email, ip: '203.0.113.7', actor_kind: 'user' });
    const failed = await run(
      'auth.login.failed',
      () =>
        t.request('POST', '/api/auth/login', {
          body: { email: ADMIN.email, password: 'not-the-password' },
          headers: { 'x-forwarded-for': '198.51.100.23' },
        }),
      [401],
    );
    expect(failed.entry).toMatchObject({
      actor_email: ADMIN.email,
      ip: '198.51.100.23',
      actor_kind: 'anonymous',
    });
    expect(JSON.stringify(failed.entry.details)).not.toContain('not-the-password');

    // People and access.
    const team = await run('team.created', as('POST', '/api/admin/teams', { name: 'Billing' }));
    const teamId = team.res.body.id as string;
    const user = await run(
      'user.created',
      as('POST', '/api/admin/users', {
        email: 'audited@test.local',
        name: 'Audited Agent',
        password: 'agent-password-123',
        role: 'agent',
        teamIds: [],
      }),
    );
    const userId = user.res.body.id as string;
    expect(JSON.stringify(user.entry.details)).not.toContain('agent-password-123');
    const role = await run(
      'user.role_changed',
      as('PATCH', `/api/admin/users/${userId}`, { role: 'supervisor' }),
    );
    expect(role.entry.details).toMatchObject({ role: 'supervisor' });
    await run('user.teams_changed', as('PATCH', `/api/admin/users/${userId}`, { teamIds: [teamId] }));
    await run('team.updated', as('PATCH', `/api/admin/teams/${teamId}`, { name: 'Billing & refunds' }));
    await run('user.disabled', as('POST', `/api/admin/users/${userId}/disable`, {}));
    await run('user.enabled', as('PATCH', `/api/admin/users/${userId}`, { active: true }));
    await run(
      'user.password_reset',
      as('POST', `/api/admin/users/${userId}/reset-password`, { password: 'a-fresh-agent-password' }),
    );
    const agentToken = await t.login('audited@test.local', 'a-fresh-agent-password');
    await run(
      'user.password_changed',
      as(
        'POST',
        '/api/auth/password',
        { currentPassword: 'a-fresh-agent-password', newPassword: 'another-long-passphrase' },
        agentToken,
      ),
    );
    // The password change ended the agent's sessions: a fresh one for what follows.
    const secondToken = await t.login('audited@test.local', 'another-long-passphrase');

    // The second factor and API tokens, by the agent themself and by an admin.
    const setup = await t.request('POST', '/api/auth/2fa/setup', { token: secondToken });
    expect(setup.status).toBe(200);
    const codeIn = (periods: number) => currentCode(setup.body.secret, Date.now() + periods * 30_000);
    const enabled = await run(
      'user.two_factor_enabled',
      as('POST', '/api/auth/2fa/enable', { code: await codeIn(0) }, secondToken),
    );
    expect(JSON.stringify(enabled.entry.details)).not.toContain(enabled.res.body.recoveryCodes[0]);
    await run(
      'user.recovery_codes_regenerated',
      as('POST', '/api/auth/2fa/recovery-codes', { code: await codeIn(1) }, secondToken),
    );
    await run('user.two_factor_reset', as('DELETE', `/api/admin/users/${userId}/two-factor`));
    await run(
      'settings.two_factor_policy_changed',
      as('PUT', '/api/admin/security/two-factor-policy', { requiredRoles: [] }),
    );
    const token = await run(
      'api_token.created',
      as('POST', '/api/me/api-tokens', { name: 'Zap', scopes: ['tickets:read'] }, secondToken),
    );
    await run(
      'api_token.revoked',
      as('DELETE', `/api/me/api-tokens/${token.res.body.id}`, undefined, secondToken),
    );

    // Channel accounts.
    const account = await run(
      'channel_account.created',
      as('POST', '/api/admin/channel-accounts', { kind: 'api', name: 'Shop', teamId: null, config: {} }),
    );
    const accountId = account.res.body.id as string;
    expect(JSON.stringify(account.entry.details)).not.toContain(account.res.body.apiKey);
    await run(
      'channel_account.updated',
      as('PATCH', `/api/admin/channel-accounts/${accountId}`, { name: 'Web shop' }),
    );
    await run(
      'channel_account.key_rotated',
      as('POST', `/api/admin/channel-accounts/${accountId}/rotate-key`),
    );
    await run('channel_account.tested', as('POST', `/api/admin/channel-accounts/${accountId}/test`));

    // Business hours, SLA policies, rules.
    const calendar = await run(
      'calendar.created',
      as('POST', '/api/admin/calendars', {
        name: 'Berlin office',
        timeZone: 'Europe/Berlin',
        hours: [{ day: 1, from: '09:00', to: '17:00' }],
      }),
    );
    const calendarId = calendar.res.body.id as string;
    await run(
      'calendar.updated',
      as('PUT', `/api/admin/calendars/${calendarId}`, {
        name: 'Berlin office',
        timeZone: 'Europe/Berlin',
        hours: [{ day: 2, from: '09:00', to: '17:00' }],
      }),
    );
    const policy = await run(
      'sla_policy.created',
      as('POST', '/api/admin/sla-policies', {
        name: 'Urgent',
        order: 1,
        targets: { firstResponseSeconds: 600 },
      }),
    );
    const policyId = policy.res.body.id as string;
    await run(
      'sla_policy.updated',
      as('PATCH', `/api/admin/sla-policies/${policyId}`, { name: 'Very urgent' }),
    );
    await run('sla_policy.deleted', as('DELETE', `/api/admin/sla-policies/${policyId}`));
    await run('calendar.deleted', as('DELETE', `/api/admin/calendars/${calendarId}`));
    const rule = await run(
      'rule.created',
      as('POST', '/api/admin/rules', {
        name: 'Refunds',
        trigger: 'event',
        events: ['message.received'],
        conditions: { all: [{ field: 'body', op: 'contains', value: 'refund' }] },
        actions: [{ type: 'add_tags', tags: ['refund'] }],
      }),
    );
    const ruleId = rule.res.body.id as string;
    await run('rule.updated', as('PATCH', `/api/admin/rules/${ruleId}`, { name: 'Refund requests' }));
    await run('rule.deleted', as('DELETE', `/api/admin/rules/${ruleId}`));

    // Shared content admins curate, and its deletion.
    const canned = await run(
      'canned_reply.created',
      as('POST', '/api/admin/canned-replies', { title: 'Refund', body: 'We have refunded your order.' }),
    );
    await run('canned_reply.deleted', as('DELETE', `/api/admin/canned-replies/${canned.res.body.id}`));
    const field = await run(
      'custom_field.created',
      as('POST', '/api/admin/custom-fields', { entity: 'ticket', key: 'plan', label: 'Plan', type: 'text' }),
    );
    await run('custom_field.deleted', as('DELETE', `/api/admin/custom-fields/${field.res.body.id}`));

    // Settings and exports.
    await run(
      'settings.updated',
      as('PATCH', '/api/admin/settings', { threading: { reopenWindowSeconds: 3600 } }),
    );
    const exported = await run('report.exported', as('GET', '/api/reports/volume?format=csv'));
    expect(exported.entry.target_id).toBe('/api/reports/volume');
    // The same report as JSON, on screen, is no export.
    const onScreen = await step('report on screen', as('GET', '/api/reports/volume'), [200]);
    expect(onScreen.entries).toEqual([]);
    await run('audit_log.exported', as('GET', '/api/admin/audit-log?format=csv'));

    // Every target is the thing acted on.
    expect(results['user.role_changed'].targetId).toBe(userId);
    expect(results['team.updated'].targetId).toBe(teamId);
    expect(results['channel_account.key_rotated'].targetId).toBe(accountId);
    expect(results['sla_policy.deleted'].targetId).toBe(policyId);
    expect(results['rule.deleted'].targetId).toBe(ruleId);
    expect(results['user.password_changed']).toMatchObject({
      targetId: userId,
      actorEmail: 'audited@test.local',
    });
    expect(results['user.created'].actorEmail).toBe(ADMIN.email);
  });

  it('a refused change leaves no entry', async () => {
    const before = await lastId(t);
    const res = await t.request('POST', '/api/admin/teams', { token: admin, body: { name: '' } });
    expect(res.status).toBe(400);
    expect(await entriesAfter(t, before)).toEqual([]);
  });

  it('admins filter by actor, action, target and time, page through, and download CSV', async () => {
    const user = await t.createUser({ email: 'filter-me@test.local' });
    await t.request('PATCH', `/api/admin/users/${user.id}`, { token: admin, body: { role: 'supervisor' } });
    const byAction = await t.request('GET', '/api/admin/audit-log?action=user.role_changed', {
      token: admin,
    });
    expect(byAction.status).toBe(200);
    expect(byAction.body.items.length).toBeGreaterThan(0);
    expect(byAction.body.items.every((e: any) => e.action === 'user.role_changed')).toBe(true);

    const byTarget = await t.request('GET', `/api/admin/audit-log?target=${user.id}`, { token: admin });
    // Newest first: the role change, the user's own first login, their creation.
    expect(byTarget.body.items.map((e: any) => e.action)).toEqual([
      'user.role_changed',
      'auth.login.succeeded',
      'user.created',
    ]);

    const byPrefix = await t.request('GET', `/api/admin/audit-log?action=user.&target=${user.id}`, {
      token: admin,
    });
    expect(byPrefix.body.items.map((e: any) => e.action)).toEqual(['user.role_changed', 'user.created']);

    const byActor = await t.request(
      'GET',
      '/api/admin/audit-log?actor=filter-me&action=auth.login.succeeded',
      {
        token: admin,
      },
    );
    expect(byActor.body.items).toHaveLength(1);
    expect(byActor.body.items[0]).toMatchObject({ actorId: user.id, actorEmail: 'filter-me@test.local' });

    const future = new Date(Date.now() + 3600_000).toISOString();
    const none = await t.request('GET', `/api/admin/audit-log?from=${encodeURIComponent(future)}`, {
      token: admin,
    });
    expect(none.body.items).toEqual([]);
    const past = new Date(Date.now() - 3600_000).toISOString();
    const beforePast = await t.request('GET', `/api/admin/audit-log?to=${encodeURIComponent(past)}`, {
      token: admin,
    });
    expect(beforePast.body.items).toEqual([]);

    const page1 = await t.request('GET', '/api/admin/audit-log?limit=2', { token: admin });
    expect(page1.body.items).toHaveLength(2);
    const page2 = await t.request('GET', `/api/admin/audit-log?limit=2&cursor=${page1.body.nextCursor}`, {
      token: admin,
    });
    expect(Number(page2.body.items[0].id)).toBeLessThan(Number(page1.body.items[1].id));

    const csv = await fetch(`${t.url}/api/admin/audit-log?format=csv&action=user.&target=${user.id}`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.headers.get('content-disposition')).toContain('audit-log.csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('id,at,actorKind,actorId,actorEmail,action,targetType,targetId,ip,details');
    expect(lines.slice(1).map((l) => l.split(',')[5])).toEqual(['user.role_changed', 'user.created']);

    const bad = await t.request('GET', '/api/admin/audit-log?from=yesterday', { token: admin });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/from/);
  });

  it('only admins read it', async () => {
    const supervisor = await t.createUser({ email: 'sup-audit@test.local', role: 'supervisor' });
    expect((await t.request('GET', '/api/admin/audit-log', { token: supervisor.token })).status).toBe(403);
    expect((await t.request('GET', '/api/admin/audit-log')).status).toBe(401);
  });

  it('nobody can edit or delete an entry, not even with direct SQL through the app', async () => {
    const [entry] = await t.db.query<{ id: string }>(`SELECT id::text FROM audit_log LIMIT 1`);
    await expect(
      t.db.query(`UPDATE audit_log SET action = 'nothing' WHERE id = $1`, [entry.id]),
    ).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM audit_log WHERE id = $1`, [entry.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    // And the API has no route for it.
    expect((await t.request('DELETE', `/api/admin/audit-log/${entry.id}`, { token: admin })).status).toBe(
      404,
    );
    expect(
      (await t.request('PATCH', `/api/admin/audit-log/${entry.id}`, { token: admin, body: {} })).status,
    ).toBe(404);
  });
});
