import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person at the test identity provider: `sub` and `email` plus any claims (groups, department…). */
export interface OidcTestAccount {
  sub: string;
  email: string;
  email_verified?: boolean;
  name?: string;
  [claim: string]: unknown;
}

export interface OidcTestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Adds or replaces a person who can sign in. */
  addAccount(account: OidcTestAccount): void;
  /** From now on ID tokens are issued already expired (as by a provider whose clock runs late). */
  issueExpiredIdTokens(on: boolean): void;
  /**
   * Signs `email` in at the provider without a browser, following the redirects from the
   * authorization URL to the provider's answer: the callback URL with `code` and `state`.
   */
  signInWithoutBrowser(authorizationUrl: string, email: string): Promise<URL>;
  close(): Promise<void>;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function loginPage(uid: string, error?: string): string {
  return `<!doctype html><html lang="en"><head><title>Test identity provider</title></head><body>
<main><h1>Test identity provider</h1>${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}" aria-label="Sign in at the identity provider">
<label>Work email <input name="email" type="email" autocomplete="username" required></label>
<button type="submit">Continue</button></form></main></body></html>`;
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * A real OpenID Connect provider (panva's `oidc-provider`, the certified implementation) on a
 * local port: discovery, JWKS, authorize, token and userinfo, one confidential client that must
 * use PKCE, and a one-field login page (the email picks the account) that grants consent at once.
 */
export async function startOidcTestProvider(opts: {
  redirectUris: string[];
  accounts?: OidcTestAccount[];
  clientId?: string;
  clientSecret?: string;
}): Promise<OidcTestProvider> {
  const accounts = new Map<string, OidcTestAccount>();
  for (const a of opts.accounts ?? []) accounts.set(a.email.toLowerCase(), a);
  const clientId = opts.clientId ?? 'switchboard-test';
  const clientSecret = opts.clientSecret ?? 'test-client-secret-that-must-never-leak-0123456789';
  let expiredIdTokens = false;

  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: opts.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' }] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
      groups: ['groups', 'department'],
    },
    pkce: { required: () => true },
    cookies: { keys: ['test-provider-cookie-key'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
      Grant: 600,
    },
    async findAccount(_ctx, id) {
      const account = [...accounts.values()].find((a) => a.sub === id);
      if (!account) return undefined;
      return { accountId: id, claims: () => ({ email_verified: true, ...account }) };
    },
  });

  // An ID token whose lifetime ended before it was issued, for the expired-token refusal.
  const IdToken = provider.IdToken as unknown as {
    prototype: { issue(o?: { use?: string; expiresAt?: number }): unknown };
  };
  const issue = IdToken.prototype.issue;
  IdToken.prototype.issue = function (this: unknown, o = {}) {
    const past = Math.floor(Date.now() / 1000) - 600;
    return issue.call(this, expiredIdTokens && o.use === 'idtoken' ? { ...o, expiresAt: past } : o);
  };

  const handleProvider = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const match = /^\/interaction\/([\w-]+)$/.exec(req.url ?? '');
    if (!match) return void handleProvider(req, res);
    void (async () => {
      try {
        if (req.method === 'GET') {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(match[1]));
          return;
        }
        const email = (await formBody(req)).get('email')?.trim().toLowerCase() ?? '';
        const account = accounts.get(email);
        if (!account) {
          res
            .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
            .end(loginPage(match[1], 'unknown account'));
          return;
        }
        const details = await provider.interactionDetails(req, res);
        const grant = new provider.Grant({
          accountId: account.sub,
          clientId: String(details.params.client_id),
        });
        grant.addOIDCScope(String(details.params.scope));
        const grantId = await grant.save();
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: account.sub }, consent: { grantId } },
          { mergeWithLastSubmission: false },
        );
      } catch (err) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
      }
    })();
  });

  async function signInWithoutBrowser(authorizationUrl: string, email: string): Promise<URL> {
    const jar = new Map<string, string>();
    const cookieHeader = () => [...jar].map(([k, v]) => [k, v].join('=')).join('; ');
    const remember = (res: Response) => {
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const at = pair.indexOf('=');
        jar.set(pair.slice(0, at), pair.slice(at + 1));
      }
    };
    let url = new URL(authorizationUrl);
    let init: RequestInit = {};
    for (let hop = 0; hop < 10; hop++) {
      if (!url.href.startsWith(issuer)) return url;
      const res = await fetch(url, {
        ...init,
        redirect: 'manual',
        headers: { ...init.headers, cookie: cookieHeader() },
      });
      remember(res);
      init = {};
      if (res.status >= 300 && res.status < 400) {
        url = new URL(res.headers.get('location')!, url);
      } else if (res.status === 200 && url.pathname.startsWith('/interaction/')) {
        init = {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ email }).toString(),
        };
        if ((await res.text()).includes('unknown account'))
          throw new Error(`no account ${email} at the test provider`);
      } else {
        throw new Error(`test provider answered ${res.status} at ${url.pathname}: ${await res.text()}`);
      }
    }
    throw new Error('too many redirects at the test provider');
  }

  return {
    issuer,
    clientId,
    clientSecret,
    addAccount: (a) => void accounts.set(a.email.toLowerCase(), a),
    issueExpiredIdTokens: (on) => void (expiredIdTokens = on),
    signInWithoutBrowser,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
