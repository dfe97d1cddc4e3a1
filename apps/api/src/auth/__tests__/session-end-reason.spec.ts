import { startTestApp, type TestApp } from '../../test-support/test-app.js';

/** A token that stopped working answers 401 with a sentence saying what happened. */
describe('a 401 says why the session ended', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const me = (token: string) => t.request('GET', '/api/auth/me', { token });

  it('after signing out: "You signed out."', async () => {
    const user = await t.createUser({ email: 'out@test.local' });
    expect((await t.request('POST', '/api/auth/logout', { token: user.token })).status).toBe(204);
    const res = await me(user.token);
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('You signed out.');
  });

  it('after an admin disabled the account: "Your account was disabled by an administrator."', async () => {
    const user = await t.createUser({ email: 'disabled@test.local' });
    await t.request('POST', `/api/admin/users/${user.id}/disable`, { token: await t.adminToken(), body: {} });
    const res = await me(user.token);
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('Your account was disabled by an administrator.');
  });

  it('after a password change: says so', async () => {
    const user = await t.createUser({ email: 'changed@test.local' });
    await t.request('POST', `/api/admin/users/${user.id}/reset-password`, {
      token: await t.adminToken(),
      body: {},
    });
    expect((await me(user.token)).body.message).toMatch(/password was changed/);
  });

  it('an expired or unknown token: "Your session expired."', async () => {
    const user = await t.createUser({ email: 'expired@test.local' });
    await t.db.query(`UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [
      user.id,
    ]);
    expect((await me(user.token)).body.message).toBe('Your session expired.');
    expect((await me('not-a-real-token')).body.message).toBe('Your session expired.');
  });
});
