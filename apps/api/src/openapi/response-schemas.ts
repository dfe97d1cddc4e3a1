import {
  ContactIdentityView,
  ContactNoteView,
  ContactSatisfactionView,
  TicketView,
} from '@switchboard/contracts';
import { z } from 'zod';

/**
 * Response shapes of routes whose bodies no client imports as a type (health, reports, setup
 * screens, provider webhooks). The shared views live in @switchboard/contracts; these only
 * describe the answer in the OpenAPI document.
 */

export const HealthResponse = z.object({ status: z.literal('ok'), db: z.literal('up') });

/** `GET /api/contacts/:id`: the person, every handle, and their tickets across channels. */
export const ContactDetailResponse = z.object({
  id: z.string(),
  name: z.string().nullable(),
  notes: z.string().nullable(),
  tags: z.array(z.string()),
  language: z.string().nullable(),
  timeZone: z.string().nullable(),
  organization: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
  identities: z.array(ContactIdentityView),
  tickets: z.array(TicketView),
  /** Newest first, with their authors. */
  contactNotes: z.array(ContactNoteView),
  /** Survey answers on the tickets of theirs the caller may see. */
  satisfaction: z.array(ContactSatisfactionView),
});

export const ContactMergeResponse = z.object({
  contactId: z.string(),
  mergedContactId: z.string(),
  movedIdentities: z.number(),
  movedTickets: z.array(z.string()),
});

const BusinessHours = z.array(z.object({ day: z.number(), from: z.string(), to: z.string() }));

export const CalendarResponse = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  hours: BusinessHours,
  holidays: z.array(z.string()),
});

/** `POST /api/admin/calendars`: the calendar, and what an .ics import could not use. */
export const CreatedCalendarResponse = CalendarResponse.extend({ warnings: z.array(z.string()).optional() });

export const SlaPolicyResponse = z.object({
  id: z.string(),
  name: z.string(),
  order: z.number(),
  conditions: z.record(z.string(), z.unknown()),
  calendarId: z.string().nullable(),
  targets: z.object({
    firstResponseSeconds: z.number().nullable(),
    nextResponseSeconds: z.number().nullable(),
    resolutionSeconds: z.number().nullable(),
  }),
  atRiskShare: z.number().nullable(),
  pauseOnHold: z.boolean(),
  restartOnCustomerAfterSolve: z.boolean(),
  customerAfterSolveGraceSeconds: z.number(),
  escalations: z.array(z.record(z.string(), z.unknown())),
  active: z.boolean(),
});

const ReportRange = z.object({ from: z.string(), to: z.string() });
/** Reports answer `{ range, rows }` as JSON, or the rows as CSV with `format=csv`. */
export const ReportResponse = z.looseObject({
  range: ReportRange,
  rows: z.array(z.record(z.string(), z.unknown())),
});

export const RejectedWebhookResponse = z.object({
  id: z.string(),
  provider: z.string(),
  channelAccountId: z.string().nullable(),
  reason: z.string(),
  remoteIp: z.string().nullable(),
  createdAt: z.string(),
});

/** The widget's public settings and whether agents are online, as the embedding page sees them. */
const WidgetSettings = z.record(z.string(), z.unknown());
const Availability = z.record(z.string(), z.unknown());
export const WidgetSettingsResponse = z.object({ settings: WidgetSettings, availability: Availability });
export const WidgetSessionResponse = z.object({
  token: z.string(),
  visitor: z.object({
    id: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    verified: z.boolean(),
  }),
  settings: WidgetSettings,
  availability: Availability,
});
export const WidgetUploadResponse = z.looseObject({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number(),
});

export const ProviderAck = z.object({ ok: z.boolean() });

/** `POST /api/channels/email/:accountId/test`: the mailbox login's answer in plain words. */
export const ConnectionTestResponse = z.looseObject({ ok: z.boolean() });
