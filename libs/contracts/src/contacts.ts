import { z } from 'zod';
import { CustomFieldValuesInput } from './custom-fields.js';
import { contentText, keyText, labelText } from './text.js';

/** The contact workspace: list and search, profile edits, notes, timeline, organizations. */

const nonBlankLabel = (max: number) =>
  labelText().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** `GET /api/contacts`: `q` matches any part of a name, an identity's address or the organization's name. */
export const ContactListQuery = z.strictObject({
  q: keyText().trim().max(200).optional(),
  tag: keyText().max(60).optional(),
  organizationId: z.uuid('must be the id of an organization').optional(),
  cursor: keyText().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ContactListQuery = z.infer<typeof ContactListQuery>;

/** `GET /api/contacts/:id/timeline`. */
export const ContactTimelineQuery = z.strictObject({
  cursor: keyText().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ContactTimelineQuery = z.infer<typeof ContactTimelineQuery>;

/** Identity kinds an agent may type in; web chat visitors get theirs from the widget only. */
export const EDITABLE_IDENTITY_KINDS = [
  'email',
  'phone',
  'telegram',
  'messenger',
  'instagram',
  'api',
] as const;

/** An address as a person would write it, checked for its kind: an email, an E.164 phone, a handle. */
export const NewContactIdentity = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('email'),
      address: z
        .email('must be an email address')
        .max(320)
        .transform((a) => a.toLowerCase()),
    }),
    z.strictObject({
      kind: z.literal('phone'),
      address: z
        .string()
        .transform((a) => a.replace(/[\s().-]/g, ''))
        .pipe(
          z
            .string()
            .regex(/^\+[1-9]\d{6,14}$/, 'must be a phone number in international form, e.g. +4930123456'),
        ),
    }),
    z.strictObject({
      kind: z.enum(['telegram', 'messenger', 'instagram', 'api']),
      address: keyText().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    }),
  ],
  { error: `must have a kind of ${EDITABLE_IDENTITY_KINDS.join(', ')}` },
);
export type NewContactIdentity = z.infer<typeof NewContactIdentity>;

/** Whether the runtime knows this IANA time zone (the same check the API and the console make). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(value);
  } catch {
    return false;
  }
}

/** Whether `value` is a well-formed BCP 47 language tag ("de", "pt-BR"). */
export function isLanguageTag(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1 && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(value);
  } catch {
    return false;
  }
}

/** `PATCH /api/contacts/:id`: each field is optional; `null` clears name, language or time zone. */
export const PatchContactBody = z.strictObject({
  name: nonBlankLabel(200).nullable().optional(),
  tags: z.array(keyText().trim().min(1, 'must not be empty').max(60)).max(50, 'at most 50 tags').optional(),
  language: z
    .string()
    .refine(isLanguageTag, 'must be a language tag such as en or pt-BR')
    .nullable()
    .optional(),
  timeZone: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin')
    .nullable()
    .optional(),
  identities: z
    .strictObject({
      add: z.array(NewContactIdentity).max(20, 'at most 20 at once').optional(),
      remove: z.array(z.uuid('must be the id of one of the contact identities')).max(20).optional(),
    })
    .optional(),
  customFields: CustomFieldValuesInput.optional(),
});
export type PatchContactBody = z.infer<typeof PatchContactBody>;

/** `POST /api/contacts/:id/notes`. */
export const CreateContactNoteBody = z.strictObject({
  body: contentText().trim().min(1, 'must not be empty').max(10_000, 'must be at most 10000 characters'),
});

const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'must be a domain such as example.com',
  );

/** `POST /api/admin/organizations`: contacts with an email address at one of `domains` join it. */
export const CreateOrganizationBody = z.strictObject({
  name: nonBlankLabel(200),
  domains: z.array(Domain).max(50, 'at most 50 domains').default([]),
});
export const PatchOrganizationBody = CreateOrganizationBody.partial().strict();

export const OrganizationView = z.object({
  id: z.string(),
  name: z.string(),
  domains: z.array(z.string()),
  contactCount: z.number(),
  createdAt: z.string(),
});
export type OrganizationView = z.infer<typeof OrganizationView>;

const IdentityBrief = z.object({ id: z.string(), kind: z.string(), address: z.string() });

/** A row of the contacts list. */
export const ContactListItem = z.object({
  id: z.string(),
  name: z.string().nullable(),
  tags: z.array(z.string()),
  organization: z.object({ id: z.string(), name: z.string() }).nullable(),
  identities: z.array(IdentityBrief),
  createdAt: z.string(),
});
export type ContactListItem = z.infer<typeof ContactListItem>;

export const ContactNoteView = z.object({
  id: z.string(),
  body: z.string(),
  author: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
});
export type ContactNoteView = z.infer<typeof ContactNoteView>;

/** A satisfaction answer on one of the contact's tickets. */
export const ContactSatisfactionView = z.object({
  ticketId: z.string(),
  ticketNumber: z.number(),
  kind: z.string(),
  score: z.number(),
  comment: z.string().nullable(),
  createdAt: z.string(),
  /** The agent who solved the ticket when the answer came: whom the score counts for. */
  agentName: z.string().nullable().optional(),
});
export type ContactSatisfactionView = z.infer<typeof ContactSatisfactionView>;

/** One message of the contact's timeline: every ticket and channel of theirs the viewer may see. */
export const ContactTimelineEntry = z.object({
  id: z.string(),
  ticket: z.object({ id: z.string(), number: z.number(), subject: z.string(), status: z.string() }),
  channel: z.string(),
  direction: z.enum(['in', 'out']),
  kind: z.string(),
  /** The first 500 characters; the ticket has the whole message. */
  preview: z.string(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
});
export type ContactTimelineEntry = z.infer<typeof ContactTimelineEntry>;
