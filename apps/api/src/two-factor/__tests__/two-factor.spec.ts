import { ADMIN, startTestApp, type TestApp } from '../../test-support/test-app.js';
import { currentCode } from '../totp.js';

const PASSWORD = 'agent-password-123';

describe('two-factor sign-in', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  /** The code an authenticator app shows `steps` periods from now. */
  const codeAt = (secret: string, steps = 0) => currentCode(secret, Date.now() + steps * 30_000);

  async function enrol(token: string) {
    const setup = await t.request('POST', '/api/auth/2fa/setup', { token });
    expect(setup.status).toBe(200);
    expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Switchboard:.*secret=/);
    expect(setup.body.otpauthUrl).toContain(`secret=${setup.body.secret}`);
    const enabled = await t.request('POST', '/api/auth/2fa/enable', {
      token,
      body: { code: await codeAt(setup.body.secret) },
    });
    expect(enabled.status).toBe(200);
    return { secret: setup.body.secret as string, recoveryCodes: enabled.body.recoveryCodes as string[] };
  }

  const password = (email: string) =>
    t.request('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  const verify = (challenge: string, code: string) =>
    t.request('POST', '/api/auth/2fa/verify', { body: { challenge, code } });

  it('enrol, then log in with a code; a reused code is refused; a recovery code works once', async () => {
    const user = await t.createUser({ email: 'two-step@test.local' });
    const { secret, recoveryCodes } = await enrol(user.token);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const status = await t.request('GET', '/api/auth/2fa', { token: user.token });
    expect(status.body).toMatchObject({ enabled: true, recoveryCodesLeft: 10, required: false });

    // The secret is sealed at rest, not stored as scanned.
    const [stored] = await t.db.query<{ secret_sealed: string }>(
      `SELECT secret_sealed FROM user_two_factor WHERE user_id = $1`,
      [user.id],
    );
    expect(stored.secret_sealed).not.toContain(secret);

    // The password alone gives no session now.
    const first = await password('two-step@test.local');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ twoFactorRequired: true, challenge: expect.any(String) });
    expect(first.body.token).toBeUndefined();

    // The enabling code's period is spent: the next period's code signs in.
    const code = await codeAt(secret, 1);
    const signedIn = await verify(first.body.challenge, code);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.email).toBe('two-step@test.local');
    expect((await t.request('GET', '/api/auth/me', { token: signedIn.body.token })).status).toBe(200);

    // The same code again, on a fresh challenge: refused.
    const second = await password('two-step@test.local');
    const reused = await verify(second.body.challenge, code);
    expect(reused.status).toBe(401);
    expect(reused.body.message).toMatch(/already used|wrong code/);

    // A recovery code (typed in capitals, without the dash) works once.
    const typed = recoveryCodes[0].toUpperCase().replace('-', '');
    const recovered = await verify(second.body.challenge, typed);
    expect(recovered.status).toBe(200);
    const third = await password('two-step@test.local');
    expect((await verify(third.body.challenge, recoveryCodes[0])).status).toBe(401);
    // A challenge already used cannot be replayed with another code.
    expect((await verify(second.body.challenge, recoveryCodes[1])).status).toBe(401);
    expect(
      (await t.request('GET', '/api/auth/2fa', { token: recovered.body.token })).body.recoveryCodesLeft,
    ).toBe(9);
  });

  it('a challenge dies after five wrong codes, and codes are rate limited per account', async () => {
    const user = await t.createUser({ email: 'guesser-target@test.local' });
    const { secret } = await enrol(user.token);
    const login = await password('guesser-target@test.local');
    for (let i = 0; i < 5; i++) expect((await verify(login.body.challenge, '000000')).status).toBe(401);
    // Even the right code no longer opens this challenge.
    const late = await verify(login.body.challenge, await codeAt(secret, 1));
    expect(late.status).toBe(401);
    expect(late.body.message).toMatch(/sign in again/);

    // Fresh challenges do not reset the per-account budget: 10 tries per 5 minutes.
    let limited = 0;
    for (let i = 0; i < 3; i++) {
      const again = await password('guesser-target@test.local');
      for (let j = 0; j < 5; j++) {
        const res = await verify(again.body.challenge, '111111');
        if (res.status === 429) limited++;
      }
    }
    expect(limited).toBeGreaterThan(0);
  });

  it('a wrong enabling code is a 400 and leaves two-factor off', async () => {
    const user = await t.createUser({ email: 'fumbler@test.local' });
    await t.request('POST', '/api/auth/2fa/setup', { token: user.token });
    const res = await t.request('POST', '/api/auth/2fa/enable', {
      token: user.token,
      body: { code: '123456' },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^code: /);
    expect((await t.request('GET', '/api/auth/2fa', { token: user.token })).body.enabled).toBe(false);
    expect((await password('fumbler@test.local')).body.token).toEqual(expect.any(String));
  });

  it('when admins require it for a role, its members must enrol before they get a session', async () => {
    const sup = await t.createUser({ email: 'policy-sup@test.local', role: 'supervisor' });
    const agent = await t.createUser({ email: 'policy-agent@test.local' });
    expect(
      (
        await t.request('PUT', '/api/admin/security/two-factor-policy', {
          token: agent.token,
          body: { requiredRoles: ['agent'] },
        })
      ).status,
    ).toBe(403);
    const bad = await t.request('PUT', '/api/admin/security/two-factor-policy', {
      token: admin,
      body: { requiredRoles: ['boss'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/requiredRoles/);
    const set = await t.request('PUT', '/api/admin/security/two-factor-policy', {
      token: admin,
      body: { requiredRoles: ['supervisor'] },
    });
    expect(set.body).toEqual({ requiredRoles: ['supervisor'] });

    // The supervisor's running session ends at once and says why; the agent's does not.
    const ended = await t.request('GET', '/api/auth/me', { token: sup.token });
    expect(ended.status).toBe(401);
    expect(ended.body.message).toMatch(/requires two-factor/);
    expect((await t.request('GET', '/api/auth/me', { token: agent.token })).status).toBe(200);

    // The password step answers an enrolment challenge, not a session.
    const login = await password('policy-sup@test.local');
    expect(login.body).toEqual({ twoFactorSetupRequired: true, challenge: expect.any(String) });
    const setup = await t.request('POST', '/api/auth/2fa/enrol/setup', {
      body: { challenge: login.body.challenge },
    });
    expect(setup.status).toBe(200);
    const done = await t.request('POST', '/api/auth/2fa/enrol', {
      body: { challenge: login.body.challenge, code: await codeAt(setup.body.secret) },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ token: expect.any(String), recoveryCodes: expect.any(Array) });
    expect((await t.request('GET', '/api/auth/me', { token: done.body.token })).status).toBe(200);

    // Turning it off is refused while the role requires it.
    const off = await t.request('POST', '/api/auth/2fa/disable', {
      token: done.body.token,
      body: { code: done.body.recoveryCodes[0] },
    });
    expect(off.status).toBe(409);

    // Next time the supervisor is asked for a code like everyone with a factor.
    expect((await password('policy-sup@test.local')).body.twoFactorRequired).toBe(true);

    // An admin resets a lost factor: the next login asks to enrol again.
    expect(
      (await t.request('DELETE', `/api/admin/users/${sup.id}/two-factor`, { token: admin })).status,
    ).toBe(204);
    expect((await password('policy-sup@test.local')).body.twoFactorSetupRequired).toBe(true);

    await t.request('PUT', '/api/admin/security/two-factor-policy', {
      token: admin,
      body: { requiredRoles: [] },
    });
    expect((await password('policy-sup@test.local')).body.token).toEqual(expect.any(String));
  });

  it('turning two-factor off takes a current code; it is audited, and the admin sees each step', async () => {
    const user = await t.createUser({ email: 'leaving-2fa@test.local' });
    const { secret } = await enrol(user.token);
    const wrong = await t.request('POST', '/api/auth/2fa/disable', {
      token: user.token,
      body: { code: '000000' },
    });
    expect(wrong.status).toBe(401);
    const off = await t.request('POST', '/api/auth/2fa/disable', {
      token: user.token,
      body: { code: await codeAt(secret, 1) },
    });
    expect(off.status).toBe(204);
    expect((await password('leaving-2fa@test.local')).body.token).toEqual(expect.any(String));
    const log = await t.request('GET', `/api/admin/audit-log?target=${user.id}&action=user.`, {
      token: admin,
    });
    expect(log.body.items.map((e: any) => e.action)).toEqual([
      'user.two_factor_disabled',
      'user.two_factor_enabled',
      'user.created',
    ]);
  });

  it('the code step of a login is audited as the login, success and failure', async () => {
    const user = await t.createUser({ email: 'audited-2fa@test.local' });
    const { secret } = await enrol(user.token);
    const login = await password('audited-2fa@test.local');
    await verify(login.body.challenge, '000000');
    await verify(login.body.challenge, await codeAt(secret, 1));
    const log = await t.request('GET', `/api/admin/audit-log?actor=${user.id}&action=auth.`, {
      token: admin,
    });
    expect(log.body.items.map((e: any) => e.action)).toEqual([
      'auth.login.succeeded',
      'auth.login.failed',
      'auth.login.second_factor_requested',
      'auth.login.succeeded',
    ]);
    expect(log.body.items[0].details).toMatchObject({ method: 'totp' });
    void ADMIN;
  });
});
