import { ROLES } from '@switchboard/domain';
import { z } from 'zod';

const claimName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\w.:/-]+$/, 'must be a claim name such as "groups" or "department"');

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'must be a domain such as example.com',
  );

/** The admin's provider settings; the secret may be left out of an edit to keep the stored one. */
export const SsoSettingsBody = z
  .strictObject({
    enabled: z.boolean(),
    issuerUrl: z
      .url({ protocol: /^https?$/, error: "must be the provider's issuer URL (https://…)" })
      .max(500)
      .refine((u) => !u.includes('?') && !u.includes('#'), 'must not carry a query or fragment'),
    clientId: z.string().trim().min(1, 'must not be empty').max(300),
    clientSecret: z.string().min(1, 'must not be empty').max(2000).optional(),
    scopes: z
      .array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'must be a scope name'))
      .max(20)
      .default(['openid', 'email', 'profile'])
      .refine((s) => s.includes('openid'), 'must include "openid"'),
    allowedDomains: z.array(domain).max(50).default([]),
    roleClaim: claimName.nullable().default(null),
    roleMapping: z
      .array(z.strictObject({ value: z.string().trim().min(1).max(200), role: z.enum(ROLES) }))
      .max(100)
      .default([]),
    defaultRole: z.enum(ROLES).default('agent'),
    teamClaim: claimName.nullable().default(null),
    teamMapping: z
      .array(
        z.strictObject({ value: z.string().trim().min(1).max(200), teamId: z.uuid('must be a team id') }),
      )
      .max(200)
      .default([]),
    createUsers: z.boolean().default(true),
    ssoOnly: z.boolean().default(false),
    /** With ssoOnly, the one admin who keeps password sign-in, for when the provider is down. */
    breakGlassUserId: z.uuid('must be a user id').nullable().default(null),
    buttonLabel: z.string().trim().min(1).max(60).nullable().default(null),
  })
  .refine((s) => !s.ssoOnly || s.breakGlassUserId, {
    path: ['breakGlassUserId'],
    message: 'must name the one admin who keeps password sign-in when it is turned off for everyone else',
  })
  .refine(
    (s) =>
      s.issuerUrl.startsWith('https:') || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(s.issuerUrl),
    {
      path: ['issuerUrl'],
      message: 'must use https (plain http only for a provider on this machine)',
    },
  );

export const SsoHandoffBody = z.strictObject({ handoff: z.string().min(20).max(200) });
