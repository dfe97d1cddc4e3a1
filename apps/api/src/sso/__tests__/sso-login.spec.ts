import { freePort } from '../../test-support/api-process.js';
import { startOidcTestProvider, type OidcTestProvider } from '../../test-support/oidc-test-provider.js';
import { ADMIN, startTestApp, type TestApp } from '../../test-support/test-app.js';

/**
 * Sign-in through a real OpenID Connect provider (oidc-provider on a local port): the admin's
 * settings, the agent created or updated from the claims, and each way a sign-in is refused.
 */
describe('single sign-on with OpenID Connect', () => {
  let t: TestApp;
  let idp: OidcTestProvider;
  let admin: string;
  let billing: string;
  let support: string;

  const settings = (overrides: Record<string, unknown> = {}) => ({
    enabled: true,
    issuerUrl: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    scopes: ['openid', 'email', 'profile', 'groups'],
    allowedDomains: ['acme.example'],
    roleClaim: 'groups',
    roleMapping: [
      { value: 'helpdesk-leads', role: 'supervisor' },
      { value: 'helpdesk-admins', role: 'admin' },
    ],
    defaultRole: 'agent',
    teamClaim: 'department',
    teamMapping: [
      { value: 'Billing', teamId: billing },
      { value: 'Support', teamId: support },
    ],
    createUsers: true,
    ssoOnly: false,
    buttonLabel: 'Sign in with Acme',
    ...overrides,
  });
  const configure = async (overrides: Record<string, unknown> = {}) => {
    const res = await t.request('PUT', '/api/admin/sso', { token: admin, body: settings(overrides) });
    expect(res.status).toBe(200);
    return res;
  };

  /** The browser's first step: our redirect to the provider, and the state cookie it sets. */
  async function start() {
    const res = await fetch(`${t.url}/api/auth/oidc/start`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sb_oidc_state='))!;
    expect(cookie).toMatch(/HttpOnly/);
    return { authorizationUrl: res.headers.get('location')!, cookie: cookie.split(';')[0] };
  }

  async function callback(url: URL, cookie: string | null, accept = 'application/json') {
    const res = await fetch(`${t.url}${url.pathname}${url.search}`, {
      redirect: 'manual',
      headers: { accept, ...(cookie ? { cookie } : {}) },
    });
    const text = await res.text();
    return {
      status: res.status,
      location: res.headers.get('location'),
      body: text ? JSON.parse(text) : null,
    };
  }

  /** Start, sign in at the provider as `email`, and come back: the callback's answer. */
  async function signIn(email: string) {
    const { authorizationUrl, cookie } = await start();
    const back = await idp.signInWithoutBrowser(authorizationUrl, email);
    return { back, cookie, answer: await callback(back, cookie) };
  }

  async function exchange(location: string) {
    const handoff = new URL(location, t.url).searchParams.get('ssoHandoff')!;
    return t.request('POST', '/api/auth/oidc/exchange', { body: { handoff } });
  }

  beforeAll(async () => {
    t = await startTestApp();
    idp = await startOidcTestProvider({ redirectUris: [`${t.url}/api/auth/oidc/callback`] });
    admin = await t.adminToken();
    billing = await t.createTeam('Billing');
    support = await t.createTeam('Support');
  });
  afterAll(async () => {
    await idp?.close();
    await t?.close();
  });

  it('offers no SSO button and refuses to start before an admin sets it up', async () => {
    expect((await t.request('GET', '/api/auth/oidc')).body).toEqual({
      enabled: false,
      buttonLabel: null,
      passwordLoginOff: false,
    });
    const res = await t.request('GET', '/api/auth/oidc/start');
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('single sign-on is not set up');
  });

  it('an admin sets up the provider; the client secret is sealed and never answered', async () => {
    const agent = await t.createUser({ email: 'not-an-admin@acme.example' });
    expect((await t.request('PUT', '/api/admin/sso', { token: agent.token, body: settings() })).status).toBe(
      403,
    );
    const bad = await t.request('PUT', '/api/admin/sso', {
      token: admin,
      body: settings({ issuerUrl: 'http://idp.example.net', allowedDomains: ['not a domain'] }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/issuerUrl: must use https/);
    expect(bad.body.message).toMatch(/allowedDomains\.0: must be a domain/);
    const firstWithoutSecret = await t.request('PUT', '/api/admin/sso', {
      token: admin,
      body: { ...settings(), clientSecret: undefined },
    });
    expect(firstWithoutSecret.status).toBe(400);
    expect(firstWithoutSecret.body.message).toMatch(/clientSecret: required/);

    const saved = await configure();
    expect(saved.body).toMatchObject({ enabled: true, clientId: idp.clientId, clientSecretSet: true });
    const read = await t.request('GET', '/api/admin/sso', { token: admin });
    expect(read.body.issuerUrl).toBe(idp.issuer);
    // An edit without the secret keeps the stored one (the sign-ins below prove it still works).
    const edited = await t.request('PUT', '/api/admin/sso', {
      token: admin,
      body: { ...settings(), clientSecret: undefined },
    });
    expect(edited.status).toBe(200);
    for (const answer of [saved, read, edited])
      expect(JSON.stringify(answer.body)).not.toContain(idp.clientSecret);
    const [row] = await t.db.query<{ sealed: string }>(
      `SELECT client_secret_sealed AS sealed FROM sso_oidc_config`,
    );
    expect(row.sealed).not.toContain(idp.clientSecret);
    const audit = await t.db.query<{ action: string; details: unknown }>(
      `SELECT action, details FROM audit_log WHERE action = 'settings.sso_changed' ORDER BY id`,
    );
    expect(audit).toHaveLength(2);
    expect(audit[0].details).toMatchObject({ issuerUrl: idp.issuer, clientId: idp.clientId, ssoOnly: false });
    expect(JSON.stringify(audit)).not.toContain(idp.clientSecret);
    expect((await t.request('GET', '/api/auth/oidc')).body).toEqual({
      enabled: true,
      buttonLabel: 'Sign in with Acme',
      passwordLoginOff: false,
    });
  });

  it('sends the browser to the provider with PKCE (S256), state and nonce', async () => {
    const { authorizationUrl, cookie } = await start();
    const url = new URL(authorizationUrl);
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
    expect(cookie).toBe(`sb_oidc_state=${url.searchParams.get('state')}`);
    expect(url.searchParams.get('redirect_uri')).toBe(`${t.url}/api/auth/oidc/callback`);
    expect(url.searchParams.get('scope')).toBe('openid email profile groups');
  });

  it('a first sign-in creates the agent with the mapped role and team, and gives a working session', async () => {
    idp.addAccount({
      sub: 'acme-0001',
      email: 'Dana.Lead@acme.example',
      name: 'Dana Lead',
      groups: ['everyone', 'helpdesk-leads'],
      department: 'Billing',
    });
    const { answer } = await signIn('dana.lead@acme.example');
    expect(answer.status).toBe(303);
    expect(answer.location).toMatch(/^\/\?ssoHandoff=[\w-]{40,}$/);
    const session = await exchange(answer.location!);
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({
      email: 'dana.lead@acme.example',
      name: 'Dana Lead',
      role: 'supervisor',
      teamIds: [billing],
    });
    const me = await t.request('GET', '/api/auth/me', { token: session.body.token });
    expect(me.body).toMatchObject({ role: 'supervisor', teamIds: [billing] });
    // The hand-off is good once.
    const again = await exchange(answer.location!);
    expect(again.status).toBe(400);
    expect(again.body.message).toMatch(/handoff: unknown, expired or already used/);

    const audit = await t.db.query<{ action: string; actor_email: string; details: Record<string, unknown> }>(
      `SELECT action, actor_email, details FROM audit_log WHERE actor_email = 'dana.lead@acme.example' ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['user.created', 'auth.login.succeeded']);
    expect(audit[1].details).toMatchObject({ method: 'sso' });
  });

  it('a later sign-in follows the provider: new groups change the role and the mapped teams only', async () => {
    const [dana] = await t.db.query<{ id: string }>(
      `SELECT id FROM users WHERE email = 'dana.lead@acme.example'`,
    );
    // A team an admin gave by hand, outside the mapping, stays.
    const escalations = await t.createTeam('Escalations');
    await t.db.query(`INSERT INTO team_memberships (team_id, user_id) VALUES ($1, $2)`, [
      escalations,
      dana.id,
    ]);
    idp.addAccount({
      sub: 'acme-0001',
      email: 'dana.lead@acme.example',
      name: 'Dana Lead',
      groups: ['everyone'],
      department: 'Support',
    });
    const { answer } = await signIn('dana.lead@acme.example');
    const session = await exchange(answer.location!);
    expect(session.body.user.id).toBe(dana.id);
    expect(session.body.user.role).toBe('agent');
    expect([...session.body.user.teamIds].sort()).toEqual([escalations, support].sort());
    // The provider's changes are audited like an admin's, with the provider as the actor.
    const changes = await t.db.query<{
      action: string;
      actor_kind: string;
      details: Record<string, unknown>;
    }>(
      `SELECT action, actor_kind, details FROM audit_log WHERE target_id = $1 AND action LIKE 'user.%_changed' ORDER BY id`,
      [dana.id],
    );
    expect(changes).toEqual([
      {
        action: 'user.role_changed',
        actor_kind: 'system',
        details: { via: 'sso', issuer: idp.issuer, from: 'supervisor', to: 'agent' },
      },
      {
        action: 'user.teams_changed',
        actor_kind: 'system',
        details: { via: 'sso', issuer: idp.issuer, added: [support], removed: [billing] },
      },
    ]);
  });

  it('links an existing agent by email on their first SSO sign-in', async () => {
    const existing = await t.createUser({ email: 'sam@acme.example' });
    idp.addAccount({ sub: 'acme-0002', email: 'sam@acme.example', groups: ['helpdesk-admins'] });
    const { answer } = await signIn('sam@acme.example');
    const session = await exchange(answer.location!);
    expect(session.body.user).toMatchObject({ id: existing.id, role: 'admin' });
    const [link] = await t.db.query(`SELECT subject FROM user_sso_identities WHERE user_id = $1`, [
      existing.id,
    ]);
    expect(link).toEqual({ subject: 'acme-0002' });
  });

  it('refuses a callback whose state this browser did not start', async () => {
    idp.addAccount({ sub: 'acme-0003', email: 'riley@acme.example' });
    const mine = await start();
    const back = await idp.signInWithoutBrowser(mine.authorizationUrl, 'riley@acme.example');
    // The victim's browser holds the state of a sign-in it started itself.
    const victims = await start();
    const refused = await callback(back, victims.cookie);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/state: this sign-in was not started in this browser/);
    const noCookie = await callback(back, null);
    expect(noCookie.status).toBe(400);
    const forged = new URL(back);
    forged.searchParams.set('state', 'made-up-state-value-0123456789');
    const unknown = await callback(forged, 'sb_oidc_state=made-up-state-value-0123456789');
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toBe('state: unknown sign-in; start again');
  });

  it('refuses a replayed callback, and the same code under a new state', async () => {
    idp.addAccount({ sub: 'acme-0004', email: 'casey@acme.example' });
    const { back, cookie, answer } = await signIn('casey@acme.example');
    expect(answer.status).toBe(303);
    const replay = await callback(back, cookie);
    expect(replay.status).toBe(400);
    expect(replay.body.message).toMatch(/state: this sign-in was already completed/);
    // The stolen code in a fresh sign-in of the attacker's own: the provider has seen it once.
    const fresh = await start();
    const freshState = new URL(fresh.authorizationUrl).searchParams.get('state')!;
    const stolen = new URL(back);
    stolen.searchParams.set('state', freshState);
    const reused = await callback(stolen, fresh.cookie);
    expect(reused.status).toBe(401);
    expect(reused.body.message).toMatch(/refused the sign-in code \(invalid_grant\)/);
  });

  it('refuses an email domain outside the allowed list, and creates no agent', async () => {
    idp.addAccount({ sub: 'other-1', email: 'mallory@contractor.example', groups: ['helpdesk-admins'] });
    const { answer } = await signIn('mallory@contractor.example');
    expect(answer.status).toBe(403);
    expect(answer.body.message).toBe(
      'addresses at contractor.example may not sign in here; ask an admin which accounts may sign in',
    );
    expect(await t.db.query(`SELECT 1 FROM users WHERE email = 'mallory@contractor.example'`)).toHaveLength(
      0,
    );
  });

  it('refuses an ID token that has expired', async () => {
    idp.addAccount({ sub: 'acme-0005', email: 'jordan@acme.example' });
    idp.issueExpiredIdTokens(true);
    try {
      const { answer } = await signIn('jordan@acme.example');
      expect(answer.status).toBe(401);
      expect(answer.body.message).toMatch(/^the ID token from the identity provider has expired/);
    } finally {
      idp.issueExpiredIdTokens(false);
    }
    expect(await t.db.query(`SELECT 1 FROM users WHERE email = 'jordan@acme.example'`)).toHaveLength(0);
  });

  it('a refused sign-in in a browser returns to the console with the reason, and is audited as a failed login', async () => {
    idp.addAccount({ sub: 'other-2', email: 'eve@elsewhere.example' });
    const { authorizationUrl, cookie } = await start();
    const back = await idp.signInWithoutBrowser(authorizationUrl, 'eve@elsewhere.example');
    const answer = await callback(back, cookie, 'text/html,application/xhtml+xml');
    expect(answer.status).toBe(303);
    const reason = new URL(answer.location!, t.url).searchParams.get('ssoError');
    expect(reason).toMatch(/addresses at elsewhere\.example may not sign in/);
    const [entry] = await t.db.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_log WHERE action = 'auth.login.failed' ORDER BY id DESC LIMIT 1`,
    );
    expect(entry.details).toMatchObject({ method: 'sso' });
    expect(String(entry.details.reason)).toMatch(/may not sign in/);
  });

  it('without just-in-time creation, an unknown person is refused', async () => {
    await configure({ createUsers: false });
    idp.addAccount({ sub: 'acme-0006', email: 'newcomer@acme.example' });
    const { answer } = await signIn('newcomer@acme.example');
    expect(answer.status).toBe(403);
    expect(answer.body.message).toBe(
      'no agent account exists for newcomer@acme.example; ask an admin to create one',
    );
    await configure();
  });

  it('"SSO only" turns password login off for everyone but the one break-glass admin', async () => {
    const agent = await t.createUser({ email: 'password-person@acme.example' });
    await t.createUser({ email: 'second-admin@acme.example', role: 'admin' });
    const me = (await t.request('GET', '/api/auth/me', { token: admin })).body as { id: string };
    const refusedSave = await t.request('PUT', '/api/admin/sso', {
      token: admin,
      body: settings({ ssoOnly: true }),
    });
    expect(refusedSave.status).toBe(400);
    expect(refusedSave.body.message).toMatch(/breakGlassUserId: must name the one admin/);
    const agentAsBreakGlass = await t.request('PUT', '/api/admin/sso', {
      token: admin,
      body: settings({ ssoOnly: true, breakGlassUserId: agent.id }),
    });
    expect(agentAsBreakGlass.status).toBe(400);
    expect(agentAsBreakGlass.body.message).toMatch(/breakGlassUserId: must be an active admin/);

    await configure({ ssoOnly: true, breakGlassUserId: me.id });
    try {
      for (const email of ['password-person@acme.example', 'second-admin@acme.example']) {
        const refused = await t.request('POST', '/api/auth/login', {
          body: { email, password: 'agent-password-123' },
        });
        expect(refused.status).toBe(403);
        expect(refused.body.message).toBe(
          'password sign-in is turned off for this workspace; use "Sign in with SSO"',
        );
      }
      // A wrong password still says only that, so the setting reveals nothing to a guesser.
      const wrong = await t.request('POST', '/api/auth/login', {
        body: { email: 'password-person@acme.example', password: 'wrong-password-123' },
      });
      expect(wrong.status).toBe(401);
      expect(await t.login(ADMIN.email, ADMIN.password)).toEqual(expect.any(String));
      expect((await t.request('GET', '/api/auth/oidc')).body).toMatchObject({ passwordLoginOff: true });
      // Existing sessions of agents keep working; they end by their usual rules.
      expect((await t.request('GET', '/api/auth/me', { token: agent.token })).status).toBe(200);
    } finally {
      await configure({ ssoOnly: false });
    }
  });

  it('a provider that cannot be reached is reported with its address, not as a 500', async () => {
    const closedPort = await freePort();
    await configure({ issuerUrl: `http://127.0.0.1:${closedPort}` });
    try {
      const api = await t.request('GET', '/api/auth/oidc/start');
      expect(api.status).toBe(503);
      expect(api.body.message).toMatch(
        `could not read the identity provider's configuration at http://127.0.0.1:${closedPort}`,
      );
      const browser = await fetch(`${t.url}/api/auth/oidc/start`, {
        redirect: 'manual',
        headers: { accept: 'text/html' },
      });
      expect(browser.status).toBe(303);
      const reason = new URL(browser.headers.get('location')!, t.url).searchParams.get('ssoError');
      expect(reason).toMatch(/^could not read the identity provider's configuration/);
    } finally {
      await configure();
    }
  });

  it('removing the settings takes the button away and is audited', async () => {
    const removed = await t.request('DELETE', '/api/admin/sso', { token: admin });
    expect(removed.status).toBe(204);
    expect((await t.request('GET', '/api/auth/oidc')).body.enabled).toBe(false);
    expect((await t.request('GET', '/api/admin/sso', { token: admin })).body).toEqual({ configured: false });
    expect(
      await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'settings.sso_removed' AND actor_email = $1`, [
        ADMIN.email,
      ]),
    ).toHaveLength(1);
  });
});
