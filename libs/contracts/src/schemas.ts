import { PRIORITIES, ROLES, TICKET_STATUSES } from '@switchboard/domain/vocabulary';
import { z } from 'zod';
import { HOLD_NOTE_LABELS, HOLD_PART_REQUIRED, missingHoldParts, parseHoldNote } from './hold-note.js';
import { CUSTOM_FIELD_KEY, CustomFieldValuesInput } from './custom-fields.js';
import { boundedJsonObject } from './json-bounds.js';
import { AssignmentSchema, CapacitySchema } from './routing.js';
import { contentText, keyText, labelText } from './text.js';

/** Request bodies and query strings of the REST API, validated at the edge and shared with clients. */
export const TicketStatusSchema = z.enum(TICKET_STATUSES);
export const PrioritySchema = z.enum(PRIORITIES);
export const RoleSchema = z.enum(ROLES);

/** Message content (bodies, notes, templates). */
const nonBlank = (max: number) =>
  contentText().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
/** A one-line label shown in the console (names, titles). */
const nonBlankLabel = (max: number) =>
  labelText().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
/** An identifier given by the caller (external id, handle). */
const nonBlankKey = (max: number) =>
  keyText().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const LoginBody = z.strictObject({
  email: z.email('must be an email address').max(320),
  password: z.string().min(1, 'must not be empty').max(1024),
});

export const TicketListQuery = z.strictObject({
  status: z.union([TicketStatusSchema, z.literal('active')]).optional(),
  assigneeId: z.union([z.uuid(), z.literal('me'), z.literal('none')]).optional(),
  teamId: z.uuid().optional(),
  /** Tickets of the contacts of one organization. */
  organizationId: z.uuid('must be the id of an organization').optional(),
  channel: keyText().max(40).optional(),
  priority: PrioritySchema.optional(),
  tag: keyText().max(60).optional(),
  q: keyText().max(200).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  cursor: keyText().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** `due`: time to breach first (tickets without a running clock last); default: most recently updated. Both page by cursor. */
  sort: z.enum(['updated', 'due']).optional(),
  /** `me`: tickets where a colleague's internal note @mentions the caller. */
  mentions: z.literal('me').optional(),
  /** Custom field filters by key; the query string spells them `cf.<key>=value`. */
  customFields: z.record(keyText().max(40), keyText().max(200)).optional(),
});

/** An approved WhatsApp template (Twilio Content API), as admins list it on a `twilio_whatsapp` account's `config.templates`. */
export const ChannelTemplateSchema = z.strictObject({
  contentSid: z.string().regex(/^HX[0-9a-fA-F]{32}$/, 'must be a Content SID (HX followed by 32 hex digits)'),
  name: nonBlankLabel(200),
  /** The template's placeholder keys ("1", "2", … or named), in order. */
  variables: z
    .array(z.string().regex(/^[A-Za-z0-9_]{1,40}$/, 'must be a placeholder key such as 1 or first_name'))
    .max(20)
    .default([]),
});

/** A template chosen for one reply: its Content SID and the values of its placeholders. */
export const ReplyTemplateInput = z.strictObject({
  contentSid: ChannelTemplateSchema.shape.contentSid,
  variables: z
    .record(z.string().regex(/^[A-Za-z0-9_]{1,40}$/, 'must be a placeholder key'), contentText().max(1_024))
    .optional(),
});

/** Copy addresses of an email: plain addresses, at most 20. */
export const EmailCopyList = z
  .array(z.email('must be an email address').max(320), 'must be a list of email addresses')
  .max(20, 'at most 20 addresses');

export const PostMessageBody = z.strictObject({
  kind: z.enum(['reply', 'note']),
  body: nonBlank(20_000),
  /** Reply to this identity of the ticket's contact; default: the one the customer last wrote from. */
  identityId: z.uuid("must be the id of one of the contact's identities").optional(),
  /** Send an approved template instead of free text (WhatsApp outside the 24-hour window); `body` is its preview. */
  template: ReplyTemplateInput.optional(),
  /** The sender's own unsent uploads on this ticket (`POST /api/tickets/:id/attachments`); email replies only. */
  attachmentIds: z.array(z.uuid('must be the id of an upload')).max(20, 'at most 20 attachments').optional(),
  /** `markdown`: light formatting, sent as HTML by email and as plain text elsewhere; default `text` (as written). */
  format: z.enum(['text', 'markdown'], "must be 'text' or 'markdown'").optional(),
  /** Email replies only: copies; Cc'd people become participants whose replies join the ticket, Bcc is never shown. */
  cc: EmailCopyList.optional(),
  bcc: EmailCopyList.optional(),
});

/** `POST /api/tickets/:id/attachments`: one file as JSON, like the widget's uploads. */
export const UploadAttachmentBody = z.strictObject({
  filename: labelText().min(1, 'must not be empty').max(1_000),
  contentType: keyText().max(200).optional(),
  data: z
    .string()
    .min(1, 'the file is empty')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
});

/** `POST /api/attachments`: a file for the first message of a conversation not yet started, on that account. */
export const UploadDraftAttachmentBody = UploadAttachmentBody.extend({
  channelAccountId: z.uuid('must be the id of a channel account'),
});

export const PatchTicketBody = z
  .strictObject({
    status: TicketStatusSchema.optional(),
    priority: PrioritySchema.optional(),
    assigneeId: z.uuid().nullable().optional(),
    teamId: z.uuid().nullable().optional(),
    tags: z.array(keyText().trim().min(1).max(60)).max(50).optional(),
    subject: nonBlankLabel(300).optional(),
    /** Values by field key (`null` clears one); checked against the admin's definitions. */
    customFields: CustomFieldValuesInput.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'at least one field must be given' });

/**
 * `POST /api/tickets/:id/hold`: the note's three parts as `why`, `done` and `next`, or as one
 * `note` with the three labelled lines ("Why on hold: …", "What was done: …", "What is next: …").
 * A missing part is a 400 naming it.
 */
export const HoldBody = z
  .strictObject({
    note: nonBlank(5_000).optional(),
    why: nonBlank(2_000).optional(),
    done: nonBlank(2_000).optional(),
    next: nonBlank(2_000).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
    notifyCustomer: z.boolean().optional(),
    /** The text the customer is told (with notifyCustomer), as edited by the agent; default: the hold template. */
    customerMessage: nonBlank(5_000).optional(),
  })
  .superRefine((body, ctx) => {
    const structured = body.why !== undefined || body.done !== undefined || body.next !== undefined;
    if (structured && body.note !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'give either note or why, done and next' });
      return;
    }
    if (!structured && body.note === undefined) {
      ctx.addIssue({ code: 'custom', path: ['why'], message: `is required: ${HOLD_PART_REQUIRED.why}` });
      return;
    }
    const parts = structured ? body : parseHoldNote(body.note!);
    for (const part of missingHoldParts(parts))
      ctx.addIssue({
        code: 'custom',
        path: [structured ? part : 'note'],
        message: structured
          ? `is required: ${HOLD_PART_REQUIRED[part]}`
          : `has no "${HOLD_NOTE_LABELS[part]}:" line: ${HOLD_PART_REQUIRED[part]}`,
      });
  });

export const TransferBody = z
  .strictObject({
    toAgentId: z.uuid().optional(),
    toTeamId: z.uuid().optional(),
    note: nonBlank(5_000),
  })
  .refine((b) => b.toAgentId || b.toTeamId, {
    message: 'toAgentId or toTeamId is required',
    path: ['toAgentId'],
  });

export const CreateUserBody = z.strictObject({
  email: z.email('must be an email address').max(320),
  name: nonBlankLabel(200),
  password: z.string().min(10, 'must be at least 10 characters').max(1024),
  role: RoleSchema,
  teamIds: z.array(z.uuid()).max(100).default([]),
});

export const CreateTeamBody = z.strictObject({ name: nonBlankLabel(120) });

const NEW_PASSWORD = z.string().min(10, 'must be at least 10 characters').max(1024);

/** Admin edit of a user: any subset; `teamIds` replaces the memberships, `active: true` re-enables. */
export const PatchUserBody = z
  .strictObject({
    name: nonBlankLabel(200).optional(),
    role: RoleSchema.optional(),
    teamIds: z.array(z.uuid()).max(100).optional(),
    active: z.boolean().optional(),
    capacity: CapacitySchema.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change', path: ['name'] });

/** Where a disabled person's open tickets go: to another active agent, or (null, the default) back to their team's queue. */
export const DisableUserBody = z.strictObject({ reassignToAgentId: z.uuid().nullable().optional() });

export const PatchTeamBody = z.strictObject({
  name: nonBlankLabel(120).optional(),
  assignment: AssignmentSchema.optional(),
});

/** Without a password the server generates one and returns it once. */
export const ResetPasswordBody = z.strictObject({ password: NEW_PASSWORD.optional() });

export const CreateChannelAccountBody = z.strictObject({
  kind: z.string().regex(/^[a-z_]{2,40}$/, 'must be a channel kind such as api or email'),
  name: nonBlankLabel(120),
  teamId: z.uuid().nullable().optional(),
  config: boundedJsonObject().default({}),
});

/**
 * `PATCH /api/admin/channel-accounts/:id`. `config` is a JSON Merge Patch (RFC 7396) onto the
 * stored config: nested objects merge, `null` removes a setting, and a credential left out keeps
 * its stored value (the console never receives credentials, so it cannot send them back).
 */
export const UpdateChannelAccountBody = z.strictObject({
  name: nonBlankLabel(120).optional(),
  teamId: z.uuid().nullable().optional(),
  active: z.boolean().optional(),
  config: boundedJsonObject().optional(),
});

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(10, 'must be at least 10 characters').max(1024),
});

export const ApiInboundBody = z.strictObject({
  externalId: nonBlankKey(255),
  from: z.strictObject({ handle: nonBlankKey(320), name: labelText().trim().max(200).optional() }),
  text: contentText().max(100_000),
  subject: labelText().max(500).optional(),
  threadKey: keyText().max(255).optional(),
  sentAt: z.iso.datetime({ offset: true }).optional(),
});

export type LoginBody = z.infer<typeof LoginBody>;
export type TicketListQuery = z.infer<typeof TicketListQuery>;
export type PostMessageBody = z.infer<typeof PostMessageBody>;
export type UploadAttachmentBody = z.infer<typeof UploadAttachmentBody>;
export type UploadDraftAttachmentBody = z.infer<typeof UploadDraftAttachmentBody>;
export type ChannelTemplate = z.infer<typeof ChannelTemplateSchema>;
export type ReplyTemplateInput = z.infer<typeof ReplyTemplateInput>;
export type PatchTicketBody = z.infer<typeof PatchTicketBody>;
export type HoldBody = z.infer<typeof HoldBody>;
export type TransferBody = z.infer<typeof TransferBody>;
export type CreateUserBody = z.infer<typeof CreateUserBody>;
export type CreateTeamBody = z.infer<typeof CreateTeamBody>;
export type PatchUserBody = z.infer<typeof PatchUserBody>;
export type PatchTeamBody = z.infer<typeof PatchTeamBody>;
export type DisableUserBody = z.infer<typeof DisableUserBody>;
export type ResetPasswordBody = z.infer<typeof ResetPasswordBody>;
export type CreateChannelAccountBody = z.infer<typeof CreateChannelAccountBody>;
export type UpdateChannelAccountBody = z.infer<typeof UpdateChannelAccountBody>;
export type ApiInboundBody = z.infer<typeof ApiInboundBody>;

/** One readable sentence naming every wrong field, for 400 responses. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const field = i.path.length ? i.path.join('.') : 'body';
      const message = i.code === 'unrecognized_keys' ? `unknown field(s) ${i.keys.join(', ')}` : i.message;
      return `${field}: ${message}`;
    })
    .join('; ');
}

// ---- SLA engine: calendars, policies, reports ----

const LocalClock = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time "HH:MM"');
const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date "YYYY-MM-DD"');

/** `POST /api/admin/calendars`; `ical` (an .ics file's text) adds its all-day events as holidays. */
export const CreateCalendarBody = z.strictObject({
  name: nonBlankLabel(120),
  timeZone: keyText().min(1).max(64),
  hours: z
    .array(z.strictObject({ day: z.number().int().min(1).max(7), from: LocalClock, to: LocalClock }))
    .min(1)
    .max(200),
  holidays: z.array(LocalDate).max(2000).default([]),
  ical: contentText().max(1_000_000).optional(),
});

export const SlaMetricSchema = z.enum(['first_response', 'next_response', 'resolution']);

/** One rung of an escalation ladder: on at-risk or on breach (optionally N minutes after it). */
export const EscalationStepSchema = z
  .strictObject({
    on: z.enum(['at_risk', 'breach']),
    afterMinutes: z
      .number()
      .int()
      .min(0)
      .max(60 * 24 * 30)
      .default(0),
    action: z.enum(['notify_assignee', 'notify_supervisors', 'raise_priority', 'reassign_team']),
    teamId: z.uuid().optional(),
    /** Metrics the step watches; absent means all. */
    metrics: z.array(SlaMetricSchema).min(1).optional(),
  })
  .refine((s) => s.action !== 'reassign_team' || !!s.teamId, {
    message: 'reassign_team needs a teamId',
    path: ['teamId'],
  });

const Seconds = z
  .number()
  .int()
  .min(1)
  .max(60 * 60 * 24 * 365);
const policyFields = {
  name: nonBlankLabel(120),
  order: z.number().int().min(0).max(1_000_000),
  conditions: z.strictObject({
    priorities: z.array(PrioritySchema).optional(),
    channels: z.array(keyText().min(1).max(40)).optional(),
    teamIds: z.array(z.uuid()).optional(),
    tags: z.array(keyText().min(1).max(60)).optional(),
    /** Custom field key → values; the ticket's field must hold one of them. */
    customFields: z
      .record(
        z.string().regex(CUSTOM_FIELD_KEY, 'must be a custom field key'),
        z.array(keyText().max(200)).max(50),
      )
      .optional(),
  }),
  calendarId: z.uuid().nullable(),
  targets: z.strictObject({
    firstResponseSeconds: Seconds.nullable().optional(),
    nextResponseSeconds: Seconds.nullable().optional(),
    resolutionSeconds: Seconds.nullable().optional(),
  }),
  atRiskShare: z.number().gt(0).lt(1).nullable(),
  pauseOnHold: z.boolean(),
  /** When false (the default), a customer "thanks" within the grace after a solve starts no next-response clock. */
  restartOnCustomerAfterSolve: z.boolean(),
  customerAfterSolveGraceSeconds: z
    .number()
    .int()
    .min(0)
    .max(60 * 60 * 24 * 30),
  escalations: z.array(EscalationStepSchema).max(20),
  active: z.boolean(),
};

/** `POST /api/admin/sla-policies`; no calendar means around the clock. */
export const CreateSlaPolicyBody = z.strictObject({
  ...policyFields,
  conditions: policyFields.conditions.default({}),
  calendarId: policyFields.calendarId.optional().default(null),
  atRiskShare: policyFields.atRiskShare.default(0.8),
  pauseOnHold: policyFields.pauseOnHold.default(false),
  restartOnCustomerAfterSolve: policyFields.restartOnCustomerAfterSolve.default(false),
  customerAfterSolveGraceSeconds: policyFields.customerAfterSolveGraceSeconds.default(600),
  escalations: policyFields.escalations.default([]),
  active: policyFields.active.default(true),
});

/** `PATCH /api/admin/sla-policies/:id`: any subset; `{ active: false }` deactivates. */
export const PatchSlaPolicyBody = z
  .strictObject(
    Object.fromEntries(Object.entries(policyFields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof policyFields]: z.ZodOptional<(typeof policyFields)[K]>;
    },
  )
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });

/** Query of `GET /api/reports/*` and `GET /api/sla/summary`. */
export const ReportQuery = z.strictObject({
  period: z.enum(['today', '7d', '30d', '90d']).default('7d'),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  teamId: z.uuid().optional(),
  channel: keyText().max(40).optional(),
  agentId: z.uuid().optional(),
  groupBy: z.enum(['day', 'week', 'team', 'channel', 'agent']).default('day'),
  timeZone: keyText().max(64).default('UTC'),
  format: z.enum(['json', 'csv']).default('json'),
});

export type CreateCalendarBody = z.infer<typeof CreateCalendarBody>;
export type EscalationStep = z.infer<typeof EscalationStepSchema>;
export type CreateSlaPolicyBody = z.infer<typeof CreateSlaPolicyBody>;
export type PatchSlaPolicyBody = z.infer<typeof PatchSlaPolicyBody>;
export type ReportQuery = z.infer<typeof ReportQuery>;

// ---- Console extras: canned replies, the hold template ----

/** `POST /api/admin/canned-replies`; the body may use `{{contact.first_name}}`, `{{agent.name}}`, `{{ticket.number}}`. */
export const CreateCannedReplyBody = z.strictObject({
  title: nonBlankLabel(120),
  body: nonBlank(10_000),
});

/** `PATCH /api/admin/canned-replies/:id`: any subset. */
export const PatchCannedReplyBody = z
  .strictObject({ title: nonBlankLabel(120).optional(), body: nonBlank(10_000).optional() })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });

/** `PUT /api/admin/settings/hold-template`: variables `{{ticket.number}}`, `{{hold.until}}`, `{{contact.first_name}}`. */
export const HoldTemplateBody = z.strictObject({ template: nonBlank(5_000) });

/** `PUT /api/admin/settings/reply`: how replies behave for the whole workspace. */
export const ReplySettingsBody = z.strictObject({
  /** A reply to a ticket nobody is assigned to assigns it to the replying agent. */
  assignOnReply: z.boolean('must be true or false'),
});
export type ReplySettingsBody = z.infer<typeof ReplySettingsBody>;

export type CreateCannedReplyBody = z.infer<typeof CreateCannedReplyBody>;
export type PatchCannedReplyBody = z.infer<typeof PatchCannedReplyBody>;
export type HoldTemplateBody = z.infer<typeof HoldTemplateBody>;
