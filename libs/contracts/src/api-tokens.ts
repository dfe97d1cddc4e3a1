import { z } from 'zod';

/** What an integration's token may do; each route an API token reaches needs one of these. */
export const API_TOKEN_SCOPES = ['tickets:read', 'tickets:write', 'contacts:read', 'reports:read'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

/** `POST /api/me/api-tokens`. */
export const CreateApiTokenBody = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(120),
  scopes: z
    .array(z.enum(API_TOKEN_SCOPES))
    .min(1, 'must name at least one scope')
    .max(API_TOKEN_SCOPES.length),
  expiresAt: z.iso
    .datetime({ offset: true })
    .refine((v) => new Date(v).getTime() > Date.now(), 'must be in the future')
    .nullable()
    .optional(),
});
export type CreateApiTokenBody = z.infer<typeof CreateApiTokenBody>;

/** A token as its owner lists it; the secret itself is shown once, when made, and never again. */
export interface ApiTokenView {
  id: string;
  name: string;
  scopes: ApiTokenScope[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
