import { ADMIN, startTestApp, waitFor, type TestApp } from '../../test-support/test-app.js';

describe('logging in and staying secure', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('the right password gives a token and the user; a wrong one is a 401 without saying which part was wrong', async () => {
    const ok = await t.request('POST', '/api/auth/login', { body: ADMIN });
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ email: ADMIN.email, role: 'admin' });
    const wrong = await t.request('POST', '/api/auth/login', { body: { ...ADMIN, password: 'nope' } });
    const unknown = await t.request('POST', '/api/auth/login', {
      body: { email: 'ghost@test.local', password: 'nope' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.body.message).toBe(wrong.body.message);
  });

  it('a missing or wrong token is a 401', async () => {
    expect((await t.request('GET', '/api/tickets')).status).toBe(401);
    expect((await t.request('GET', '/api/tickets', { token: 'forged' })).status).toBe(401);
  });

  it('bad bodies are 400s naming the field', async () => {
    const res = await t.request('POST', '/api/auth/login', { body: { email: 'not-an-email', password: '' } });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/email/);
    expect(res.body.message).toMatch(/password/);
  });

  it('a token dies on logout, and its live socket with it', async () => {
    await t.createUser({ email: 'leaver@test.local' });
    const token = await t.login('leaver@test.local', 'agent-password-123');
    const socket = await t.socket(token);
    expect((await t.request('POST', '/api/auth/logout', { token })).status).toBe(204);
    expect((await t.request('GET', '/api/auth/me', { token })).status).toBe(401);
    await waitFor(() => !socket.connected, 2000, 'socket disconnect');
  });

  it('a password change ends every session of that user', async () => {
    const user = await t.createUser({ email: 'changer@test.local' });
    const other = await t.login('changer@test.local', 'agent-password-123');
    const res = await t.request('POST', '/api/auth/password', {
      token: user.token,
      body: { currentPassword: 'agent-password-123', newPassword: 'a-much-better-password' },
    });
    expect(res.status).toBe(204);
    expect((await t.request('GET', '/api/auth/me', { token: user.token })).status).toBe(401);
    expect((await t.request('GET', '/api/auth/me', { token: other })).status).toBe(401);
    expect(await t.login('changer@test.local', 'a-much-better-password')).toEqual(expect.any(String));
  });

  it('a disabled user is logged out everywhere and cannot log in', async () => {
    const user = await t.createUser({ email: 'disabled@test.local' });
    expect(
      (await t.request('POST', `/api/admin/users/${user.id}/disable`, { token: await t.adminToken() }))
        .status,
    ).toBe(200);
    expect((await t.request('GET', '/api/auth/me', { token: user.token })).status).toBe(401);
    expect(
      (
        await t.request('POST', '/api/auth/login', {
          body: { email: 'disabled@test.local', password: 'agent-password-123' },
        })
      ).status,
    ).toBe(403);
  });

  it('admin endpoints are for admins only', async () => {
    const agent = await t.createUser({ email: 'plain@test.local' });
    const res = await t.request('POST', '/api/admin/teams', { token: agent.token, body: { name: 'Sneaky' } });
    expect(res.status).toBe(403);
  });

  it('admin bodies refuse fields outside the allow-list (no mass assignment)', async () => {
    const res = await t.request('POST', '/api/admin/users', {
      token: await t.adminToken(),
      body: {
        email: 'x@test.local',
        name: 'X',
        password: 'long-enough-password',
        role: 'agent',
        teamIds: [],
        active: false,
        id: '00000000-0000-4000-8000-000000000000',
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/unknown field\(s\) active, id/);
  });

  it('login is rate-limited per account', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push(
        (
          await t.request('POST', '/api/auth/login', {
            body: { email: 'target@test.local', password: `guess-${i}` },
          })
        ).status,
      );
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});
