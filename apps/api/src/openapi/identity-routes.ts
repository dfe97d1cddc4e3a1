import * as c from '@switchboard/contracts';
import { z } from 'zod';
import { AuditLogQuery } from '../audit/audit-log.controller.js';

import {
  TwoFactorChallengeBody,
  TwoFactorCodeBody,
  TwoFactorPolicyBody,
  TwoFactorVerifyBody,
} from '../two-factor/two-factor.controller.js';
import type { ApiRoute } from './api-routes.js';

/** Audit log, second factor and API tokens: the routes for the OpenAPI document. */
const AuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.uuid().nullable(),
  actorEmail: z.string().nullable(),
  actorKind: z.enum(['user', 'api_token', 'anonymous', 'system']),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
const TwoFactorStatus = z.object({
  enabled: z.boolean(),
  enabledAt: z.string().nullable(),
  required: z.boolean(),
  recoveryCodesLeft: z.number(),
});
const Setup = z.object({ secret: z.string(), otpauthUrl: z.string() });
const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
const Policy = z.object({ requiredRoles: z.array(z.enum(['agent', 'supervisor', 'admin'])) });
const ApiToken = z.object({
  id: z.uuid(),
  name: z.string(),
  scopes: z.array(z.enum(c.API_TOKEN_SCOPES)),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

const bearer = { auth: 'bearer' } as const;
const open = { auth: 'none' } as const;

export const IDENTITY_ROUTES: ApiRoute[] = [
  {
    ...bearer,
    tag: 'audit',
    method: 'get',
    path: '/api/admin/audit-log',
    summary:
      'The append-only audit log, newest first, filtered by actor (id or email), action (or a prefix such as user.), target and time; CSV with format=csv (admins)',
    query: AuditLogQuery,
    reply: {
      status: 200,
      json: z.object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() }),
      alsoCsv: true,
    },
  },
  {
    ...bearer,
    tag: 'auth',
    method: 'get',
    path: '/api/auth/2fa',
    summary: 'Whether two-factor sign-in is on for me, whether my role requires it, recovery codes left',
    reply: { status: 200, json: TwoFactorStatus },
  },
  {
    ...bearer,
    tag: 'auth',
    method: 'post',
    path: '/api/auth/2fa/setup',
    summary: 'A new TOTP secret and its otpauth:// URL to scan; it applies once enabled with a code',
    reply: { status: 200, json: Setup },
  },
  {
    ...bearer,
    tag: 'auth',
    method: 'post',
    path: '/api/auth/2fa/enable',
    summary:
      'Turn two-factor sign-in on with a code from the new secret; answers 10 recovery codes, shown once',
    body: TwoFactorCodeBody,
    reply: { status: 200, json: RecoveryCodes },
  },
  {
    ...bearer,
    tag: 'auth',
    method: 'post',
    path: '/api/auth/2fa/disable',
    summary: 'Turn two-factor sign-in off with a current or recovery code; 409 where the role requires it',
    body: TwoFactorCodeBody,
    reply: { status: 204 },
  },
  {
    ...bearer,
    tag: 'auth',
    method: 'post',
    path: '/api/auth/2fa/recovery-codes',
    summary: 'Replace the recovery codes (the old ones stop working); needs a current code',
    body: TwoFactorCodeBody,
    reply: { status: 200, json: RecoveryCodes },
  },
  {
    ...open,
    tag: 'auth',
    method: 'post',
    path: '/api/auth/2fa/verify',
    summary:
      'The code step of a login: the challenge from /api/auth/login and a TOTP or recovery code (each good once); rate limited',
    body: TwoFactorVerifyBody,
    reply: { status: 200, json: c.LoginView },
  },
  {
    ...open,
    tag: 'auth',
    method: 'post',
    path: '/api/auth/2fa/enrol/setup',
    summary:
      'When the role requires two-factor and the login answered twoFactorSetupRequired: the secret to scan',
    body: TwoFactorChallengeBody,
    reply: { status: 200, json: Setup },
  },
  {
    ...open,
    tag: 'auth',
    method: 'post',
    path: '/api/auth/2fa/enrol',
    summary: 'Finish that enrolment with a first code: a session and the recovery codes',
    body: TwoFactorVerifyBody,
    reply: { status: 200, json: c.LoginView.extend({ recoveryCodes: z.array(z.string()) }) },
  },
  {
    ...bearer,
    tag: 'auth',
    method: 'get',
    path: '/api/admin/security/two-factor-policy',
    summary: 'The roles that must sign in with two factors (admins)',
    reply: { status: 200, json: Policy },
  },
  {
    ...bearer,
    tag: 'auth',
    method: 'put',
    path: '/api/admin/security/two-factor-policy',
    summary:
      'Set the roles that must sign in with two factors; their members without one are signed out and enrol at next login (admins)',
    body: TwoFactorPolicyBody,
    reply: { status: 200, json: Policy },
  },
  {
    ...bearer,
    tag: 'auth',
    method: 'delete',
    path: '/api/admin/users/{id}/two-factor',
    summary: "Remove a user's second factor (lost phone and codes); they enrol again if required (admins)",
    reply: { status: 204 },
  },
  {
    ...bearer,
    tag: 'api-tokens',
    method: 'get',
    path: '/api/me/api-tokens',
    summary: 'My API tokens, without their secrets, with last use',
    reply: { status: 200, json: z.object({ items: z.array(ApiToken) }) },
  },
  {
    ...bearer,
    tag: 'api-tokens',
    method: 'post',
    path: '/api/me/api-tokens',
    summary:
      'Create an API token (scopes tickets:read, tickets:write, contacts:read, reports:read); the token is shown once. Use it as a bearer token; rate limited per token and address (429 with Retry-After)',
    body: c.CreateApiTokenBody,
    reply: { status: 201, json: ApiToken.extend({ token: z.string() }) },
  },
  {
    ...bearer,
    tag: 'api-tokens',
    method: 'delete',
    path: '/api/me/api-tokens/{id}',
    summary: 'Revoke one of my API tokens; it is refused (401) from the next request on',
    reply: { status: 204 },
  },
];
