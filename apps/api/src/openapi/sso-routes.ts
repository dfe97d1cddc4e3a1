import { z } from 'zod';
import { SsoHandoffBody, SsoSettingsBody } from '../sso/sso-settings.schema.js';
import type { ApiRoute } from './api-routes.js';
import * as c from '@switchboard/contracts';

/** Single sign-on with OpenID Connect: the routes for the OpenAPI document. */
const Role = z.enum(['agent', 'supervisor', 'admin']);
const SsoInfo = z.object({
  enabled: z.boolean(),
  buttonLabel: z.string().nullable(),
  passwordLoginOff: z.boolean(),
});
const SsoSettingsView = z.object({
  enabled: z.boolean(),
  issuerUrl: z.string(),
  clientId: z.string(),
  clientSecretSet: z.boolean(),
  scopes: z.array(z.string()),
  allowedDomains: z.array(z.string()),
  roleClaim: z.string().nullable(),
  roleMapping: z.array(z.object({ value: z.string(), role: Role })),
  defaultRole: Role,
  teamClaim: z.string().nullable(),
  teamMapping: z.array(z.object({ value: z.string(), teamId: z.uuid() })),
  createUsers: z.boolean(),
  ssoOnly: z.boolean(),
  breakGlassUserId: z.uuid().nullable(),
  buttonLabel: z.string().nullable(),
  updatedAt: z.string().nullable(),
});

const bearer = { auth: 'bearer' } as const;
const open = { auth: 'none' } as const;

export const SSO_ROUTES: ApiRoute[] = [
  {
    ...open,
    tag: 'auth',
    method: 'get',
    path: '/api/auth/oidc',
    summary: 'Whether the login screen offers "Sign in with SSO", and its button text',
    reply: { status: 200, json: SsoInfo },
  },
  {
    ...open,
    tag: 'auth',
    method: 'get',
    path: '/api/auth/oidc/start',
    summary:
      'Starts a sign-in at the identity provider (authorization code with PKCE, state and nonce); sets the state cookie',
    reply: { status: 302, redirect: "To the identity provider's authorization endpoint" },
  },
  {
    ...open,
    tag: 'auth',
    method: 'get',
    path: '/api/auth/oidc/callback',
    summary:
      "The provider's redirect back: verifies state, code and ID token, creates or updates the agent; a browser is sent to the console with `ssoHandoff` (or `ssoError`), other clients get the 4xx",
    reply: {
      status: 303,
      redirect: 'To the console: `/?ssoHandoff=…` on success, `/?ssoError=…` when refused',
    },
  },
  {
    ...open,
    tag: 'auth',
    method: 'post',
    path: '/api/auth/oidc/exchange',
    summary:
      'Trades the one-time hand-off (60 s, once) for `{ token, user }`, the session a password login gives',
    body: SsoHandoffBody,
    reply: { status: 200, json: c.LoginView },
  },
  {
    ...bearer,
    tag: 'admin',
    method: 'get',
    path: '/api/admin/sso',
    summary: 'The OpenID Connect provider settings, without the client secret (admins)',
    reply: { status: 200, json: z.union([SsoSettingsView, z.object({ configured: z.literal(false) })]) },
  },
  {
    ...bearer,
    tag: 'admin',
    method: 'put',
    path: '/api/admin/sso',
    summary:
      'Sets the OpenID Connect provider: issuer, client (secret sealed; leave it out to keep it), allowed domains, claim → role and team mappings, just-in-time agents, SSO only (admins)',
    body: SsoSettingsBody,
    reply: { status: 200, json: SsoSettingsView },
  },
  {
    ...bearer,
    tag: 'admin',
    method: 'delete',
    path: '/api/admin/sso',
    summary: 'Removes the SSO settings; agents sign in with passwords again (admins)',
    reply: { status: 204 },
  },
];
