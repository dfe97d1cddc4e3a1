import { ApiProcess, freePort } from '../../test-support/api-process.js';
import { startOidcTestProvider, type OidcTestProvider } from '../../test-support/oidc-test-provider.js';
import { createTestDatabase } from '../../test-support/test-database.js';

/**
 * The built API as a real process logging at `info`: set SSO up, read it back, sign in, fail to
 * sign in every way we know, even with a wrong secret. The client secret is in no answer and in
 * no line the process wrote.
 */
describe('the SSO client secret', () => {
  let database: { url: string; drop(): Promise<void> };
  let api: ApiProcess;
  let idp: OidcTestProvider;
  const answers: string[] = [];

  async function call(path: string, init: RequestInit & { token?: string; json?: unknown } = {}) {
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(init.headers as Record<string, string>),
    };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${api.url}${path}`, {
      ...init,
      headers,
      redirect: 'manual',
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    });
    const text = await res.text();
    answers.push([res.status, [...res.headers].map((h) => h.join(': ')).join('\n'), text].join('\n'));
    return { status: res.status, text, headers: res.headers };
  }

  async function signIn(email: string) {
    const start = await call('/api/auth/oidc/start');
    const cookie = start.headers.getSetCookie()[0].split(';')[0];
    const back = await idp.signInWithoutBrowser(start.headers.get('location')!, email);
    return call(back.pathname + back.search, { headers: { cookie } });
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    api = new ApiProcess(await freePort(), { DATABASE_URL: database.url, LOG_LEVEL: 'info' });
    await api.start();
    idp = await startOidcTestProvider({
      redirectUris: [`${api.url}/api/auth/oidc/callback`],
      accounts: [
        { sub: 'a-1', email: 'ok@acme.example', name: 'Okay' },
        { sub: 'b-1', email: 'no@elsewhere.example', name: 'Nope' },
      ],
    });
  }, 90_000);
  afterAll(async () => {
    await idp?.close();
    await api?.stop();
    await database?.drop();
  });

  it('appears in no API answer and no log line', async () => {
    const login = await call('/api/auth/login', {
      method: 'POST',
      json: { email: 'admin@test.local', password: 'admin-password-123' },
    });
    const token = JSON.parse(login.text).token as string;
    const settings = {
      enabled: true,
      issuerUrl: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      allowedDomains: ['acme.example'],
    };
    expect((await call('/api/admin/sso', { method: 'PUT', token, json: settings })).status).toBe(200);
    expect((await call('/api/admin/sso', { token })).status).toBe(200);
    expect((await call('/api/admin/audit-log', { token })).text).toContain('settings.sso_changed');
    expect((await call('/api/admin/audit-log?format=csv', { token })).status).toBe(200);

    expect((await signIn('ok@acme.example')).status).toBe(303);
    expect((await signIn('no@elsewhere.example')).status).toBe(403);
    idp.issueExpiredIdTokens(true);
    expect((await signIn('ok@acme.example')).status).toBe(401);
    idp.issueExpiredIdTokens(false);

    // A wrong secret: the provider refuses the client, and the answer says so without echoing it.
    const wrongSecret = `${idp.clientSecret}-but-wrong`;
    await call('/api/admin/sso', { method: 'PUT', token, json: { ...settings, clientSecret: wrongSecret } });
    const refused = await signIn('ok@acme.example');
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.text).message).toBe(
      "the identity provider refused this workspace's client (invalid_client); an admin should check the client ID and secret in Admin → SSO",
    );

    await api.stop();
    // The process did log (requests, start-up), so finding nothing means something.
    expect(api.output).toContain('/api/admin/sso');
    for (const secret of [idp.clientSecret, wrongSecret]) {
      expect(api.output).not.toContain(secret);
      for (const answer of answers) expect(answer).not.toContain(secret);
    }
  });
});
