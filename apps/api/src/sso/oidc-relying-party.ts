import * as oidc from 'openid-client';
import { unauthenticated, unavailable, type DomainError } from '@switchboard/domain';
import type { SsoProviderSettings } from './sso-config.service.js';

/** What the browser must bring back for the sign-in to count: kept server-side between redirect and callback. */
export interface AuthorizationChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** A discovery is reused for this long, then fetched again (keys and endpoints do rotate). */
const DISCOVERY_TTL_MS = 10 * 60_000;
/** A provider that does not answer within this is reported as unreachable rather than left hanging. */
const PROVIDER_TIMEOUT_SECONDS = 10;

function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/**
 * The relying party, on openid-client: discovery, the authorization URL with PKCE (S256),
 * state and nonce, and the code exchange, whose ID token openid-client verifies (signature
 * against the provider's keys, issuer, audience, expiry, nonce). Its errors become domain errors
 * that say what went wrong, so a refused sign-in is a 4xx with a reason and never a 500.
 */
export class OidcRelyingParty {
  private cached: { key: string; at: number; config: Promise<oidc.Configuration> } | null = null;

  private configuration(settings: SsoProviderSettings): Promise<oidc.Configuration> {
    const key = [settings.version, settings.issuerUrl, settings.clientId].join(' ');
    if (this.cached && this.cached.key === key && Date.now() - this.cached.at < DISCOVERY_TTL_MS)
      return this.cached.config;
    const issuer = new URL(settings.issuerUrl);
    const config = oidc
      .discovery(issuer, settings.clientId, undefined, oidc.ClientSecretBasic(settings.clientSecret), {
        // Plain HTTP only to a provider on this machine (a local test provider); never across a network.
        execute: isLoopback(issuer) && issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
        timeout: PROVIDER_TIMEOUT_SECONDS,
      })
      .catch((err: unknown) => {
        if (this.cached?.key === key) this.cached = null;
        // No `cause`: a refused connection underneath would read as the database being down.
        throw unavailable(
          `could not read the identity provider's configuration at ${issuer.origin}: ${reason(err)}`,
        );
      });
    this.cached = { key, at: Date.now(), config };
    return config;
  }

  newChecks(): AuthorizationChecks {
    return {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
    };
  }

  async authorizationUrl(
    settings: SsoProviderSettings,
    redirectUri: string,
    checks: AuthorizationChecks,
  ): Promise<URL> {
    const config = await this.configuration(settings);
    return oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: settings.scopes.join(' '),
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /**
   * Trades the code for tokens and answers the verified claims of the ID token, completed by the
   * UserInfo endpoint (where many providers put email and groups).
   */
  async signIn(
    settings: SsoProviderSettings,
    callbackUrl: URL,
    checks: AuthorizationChecks,
  ): Promise<Record<string, unknown>> {
    const config = await this.configuration(settings);
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims()!;
      const userInfo = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub).catch(() => null);
      // The ID token is signed and checked; UserInfo only adds what the token left out.
      return { ...(userInfo ?? {}), ...idClaims };
    } catch (err) {
      throw refusal(err);
    }
  }
}

function reason(err: unknown): string {
  const cause = (err as { cause?: unknown })?.cause;
  const base = err instanceof Error ? err.message : String(err);
  return cause instanceof Error && cause.message !== base ? `${base} (${cause.message})` : base;
}

/** Each way a provider's answer can fail, in words an admin reading the login screen can act on. */
function refusal(err: unknown): DomainError {
  if (err instanceof oidc.AuthorizationResponseError)
    return unauthenticated(
      `the identity provider refused the sign-in: ${[err.error, err.error_description].filter(Boolean).join(': ')}`,
    );
  if (err instanceof oidc.ResponseBodyError || err instanceof oidc.WWWAuthenticateChallengeError) {
    // A refused client is often told in a WWW-Authenticate challenge rather than in the body.
    const error =
      err instanceof oidc.ResponseBodyError
        ? err.error
        : (err.cause.find((c) => c.parameters.error)?.parameters.error ?? `HTTP ${err.status}`);
    if (error === 'invalid_grant')
      return unauthenticated(
        'the identity provider refused the sign-in code (invalid_grant): it was already used, has expired or belongs to another sign-in; start again',
      );
    if (error === 'invalid_client' || error === 'unauthorized_client')
      return unauthenticated(
        `the identity provider refused this workspace's client (${error}); an admin should check the client ID and secret in Admin → SSO`,
      );
    return unauthenticated(`the identity provider refused the code exchange: ${error}`);
  }
  const code = (err as { code?: string } | null)?.code;
  const claim = ((err as { cause?: { cause?: { claim?: string } } })?.cause?.cause?.claim ??
    (err as { cause?: { claim?: string } })?.cause?.claim) as string | undefined;
  if (code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED')
    return unauthenticated(
      claim === 'exp'
        ? 'the ID token from the identity provider has expired; check the clocks of the provider and of this server, then start again'
        : `the ID token from the identity provider is not valid yet or too old (${claim ?? 'timestamp'}); check the clocks, then start again`,
    );
  if (code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED')
    return unauthenticated(
      `the ID token does not belong to this sign-in (its ${claim ?? 'claims'} did not match); start again`,
    );
  if (code === 'OAUTH_TIMEOUT' || err instanceof TypeError)
    return unavailable(`the identity provider did not answer: ${reason(err)}`);
  return unauthenticated(`the identity provider's answer was refused: ${reason(err)}`);
}
