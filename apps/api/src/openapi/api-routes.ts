import * as c from '@switchboard/contracts';
import { z } from 'zod';
import { CONTACT_ROUTES } from './contacts-routes.js';
import { NOTIFY_MACRO_ROUTES } from './notify-macros-routes.js';
import { CUSTOM_FIELD_ROUTES } from './custom-fields-routes.js';
import { RULE_ROUTES } from './rules-routes.js';
import { THREADING_ROUTES } from './threading-routes.js';
import { TICKET_MERGE_ROUTES } from './ticket-merge-routes.js';
import { CONVERSATION_START_ROUTES } from './conversation-start-routes.js';
import { OPERATIONS_ROUTES } from './operations-routes.js';
import { KB_ROUTES } from './kb-routes.js';
import { SURVEY_ROUTES } from './survey-routes.js';
import { IDENTITY_ROUTES } from './identity-routes.js';
import { WEBHOOK_ROUTES } from './webhook-routes.js';
import { SSO_ROUTES } from './sso-routes.js';
import { ASSIST_ROUTES } from './assist-routes.js';
import { PERSONAL_DATA_ROUTES } from './personal-data-routes.js';
import * as r from './response-schemas.js';
import { REVIEW_ROUTES } from './reviews-routes.js';
import { BOT_ROUTES } from './bots-routes.js';
import { SPAM_ROUTES } from './spam-routes.js';
import { SEARCH_ROUTES } from './search-routes.js';

export type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

/**
 * Who may call a route: an agent's bearer token, an API channel's key, a provider's signature
 * (Twilio, Meta, Telegram each sign their own way), or anyone (login, health, the widget, whose
 * visitor token travels in the body).
 */
export type RouteAuth = 'bearer' | 'apiKey' | 'twilioSignature' | 'metaSignature' | 'telegramSecret' | 'none';

/** What a route answers on success: a JSON body, nothing (204), or a file or text. */
export type RouteReply =
  | { status: 200 | 201; json: z.ZodType; description?: string; alsoCsv?: boolean }
  | { status: 204 }
  | { status: 200; content: string; description: string }
  /** A browser redirect: where it goes, in words. */
  | { status: 302 | 303; redirect: string };

export interface ApiRoute {
  method: Method;
  /** OpenAPI style: `{id}` for a path parameter. */
  path: string;
  summary: string;
  tag: string;
  auth: RouteAuth;
  body?: z.ZodType;
  query?: z.ZodType;
  reply: RouteReply;
}

const json = (schema: z.ZodType, status: 200 | 201 = 200): RouteReply => ({ status, json: schema });
const noContent: RouteReply = { status: 204 };
const file = (content: string, description: string): RouteReply => ({ status: 200, content, description });

/** Query strings the controllers read one by one (no shared schema in the contract). */
const QuarantineQuery = z.object({
  channelAccountId: z.uuid().optional(),
  all: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
const RejectedWebhookQuery = z.object({
  provider: z.string().optional(),
  channelAccountId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
const MetaVerifyQuery = z.object({
  'hub.mode': z.literal('subscribe'),
  'hub.verify_token': z.string(),
  'hub.challenge': z.string(),
});
const MergeContactBody = z.strictObject({ otherContactId: z.uuid() });
/** A visitor resumes with their token; `userId` + `userHash` (HMAC with the identity secret) verify a signed-in user. */
const WidgetSessionBody = z.object({
  token: z.string().max(200).optional(),
  name: z.string().max(120).optional(),
  email: z.email().optional(),
  userId: z.string().max(200).optional(),
  userHash: z.string().optional(),
});
const WidgetUploadBody = z.object({
  token: z.string(),
  filename: z.string(),
  contentType: z.string().optional(),
  data: z.string(),
});
const ProviderPayload = z.record(z.string(), z.unknown());

/**
 * Every HTTP route of the API, in one list the OpenAPI document is built from. A test compares
 * it with the routes the running app registers, so a new controller method must be added here.
 */
export const API_ROUTES: ApiRoute[] = [
  // System
  {
    method: 'get',
    path: '/api/health',
    tag: 'system',
    auth: 'none',
    summary: 'Service and database health; 503 names the failing part',
    reply: json(r.HealthResponse),
  },

  // Auth
  {
    method: 'post',
    path: '/api/auth/login',
    tag: 'auth',
    auth: 'none',
    summary:
      'Log in; returns a bearer token and the user, or { twoFactorRequired | twoFactorSetupRequired, challenge } when a second factor is due',
    body: c.LoginBody,
    reply: json(c.LoginView),
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    summary: 'End this session',
    tag: 'auth',
    auth: 'bearer',
    reply: noContent,
  },
  {
    method: 'get',
    path: '/api/auth/me',
    summary: 'The logged-in user',
    tag: 'auth',
    auth: 'bearer',
    reply: json(c.UserView),
  },
  {
    method: 'post',
    path: '/api/auth/password',
    tag: 'auth',
    auth: 'bearer',
    summary: 'Change password (ends all sessions)',
    body: c.ChangePasswordBody,
    reply: noContent,
  },

  // Tickets
  {
    method: 'get',
    path: '/api/tickets',
    tag: 'tickets',
    auth: 'bearer',
    summary: 'Tickets the caller may see, newest change first (or soonest breach with sort=due)',
    query: c.TicketListQuery,
    reply: json(c.pageOf(c.TicketView)),
  },
  {
    method: 'get',
    path: '/api/tickets/{id}',
    tag: 'tickets',
    auth: 'bearer',
    summary: 'One ticket with its contact, reply routes and SLA state',
    reply: json(c.TicketDetailView),
  },
  {
    method: 'patch',
    path: '/api/tickets/{id}',
    tag: 'tickets',
    auth: 'bearer',
    summary: 'Change status, priority, assignee, team or tags',
    body: c.PatchTicketBody,
    reply: json(c.TicketView),
  },
  {
    method: 'get',
    path: '/api/tickets/{id}/messages',
    tag: 'tickets',
    auth: 'bearer',
    summary: 'Timeline: messages, notes and events, oldest first',
    reply: json(c.itemsOf(c.TimelineItemView)),
  },
  {
    method: 'post',
    path: '/api/tickets/{id}/messages',
    tag: 'tickets',
    auth: 'bearer',
    summary: 'Reply to the customer or add an internal note; returns the stored message',
    body: c.PostMessageBody,
    reply: json(c.MessageView, 201),
  },
  {
    method: 'post',
    path: '/api/tickets/{id}/messages/{messageId}/retry',
    tag: 'tickets',
    auth: 'bearer',
    summary: 'Send a failed outbound message again (same idempotency key)',
    reply: json(c.MessageView),
  },
  {
    method: 'post',
    path: '/api/tickets/{id}/attachments',
    tag: 'tickets',
    auth: 'bearer',
    summary:
      'Upload a file (JSON, base64) to send with an email reply as attachmentIds; 413 over the attachment limit',
    body: c.UploadAttachmentBody,
    reply: json(c.UploadedAttachmentView, 201),
  },
  {
    method: 'post',
    path: '/api/attachments',
    tag: 'tickets',
    auth: 'bearer',
    summary:
      'Upload a file (JSON, base64) for the first message of a conversation started on an email account (POST /api/tickets attachmentIds)',
    body: c.UploadDraftAttachmentBody,
    reply: json(c.UploadedAttachmentView, 201),
  },
  {
    method: 'post',
    path: '/api/tickets/{id}/hold',
    tag: 'tickets',
    auth: 'bearer',
    summary: 'Put on hold with a hold note',
    body: c.HoldBody,
    reply: json(c.TicketView),
  },
  {
    method: 'post',
    path: '/api/tickets/{id}/resume',
    summary: 'End a hold',
    tag: 'tickets',
    auth: 'bearer',
    reply: json(c.TicketView),
  },
  {
    method: 'post',
    path: '/api/tickets/{id}/transfer',
    tag: 'tickets',
    auth: 'bearer',
    summary: 'Transfer to an agent or team with a handoff note',
    body: c.TransferBody,
    reply: json(c.TicketView),
  },
  {
    method: 'post',
    path: '/api/tickets/{id}/handoff/ack',
    summary: 'Acknowledge a handoff',
    tag: 'tickets',
    auth: 'bearer',
    reply: noContent,
  },
  {
    method: 'get',
    path: '/api/queues/counts',
    tag: 'tickets',
    auth: 'bearer',
    summary: 'Active tickets the caller may see: mine, unassigned, all, per team',
    reply: json(c.QueueCountsView),
  },
  {
    method: 'get',
    path: '/api/views',
    tag: 'tickets',
    auth: 'bearer',
    summary: 'Saved views the caller may use (their own and the shared ones), each with its ticket count',
    reply: json(z.object({ items: z.array(c.SavedViewView) })),
  },
  {
    method: 'post',
    path: '/api/views',
    tag: 'tickets',
    auth: 'bearer',
    summary: 'Saves a view: a name, the list filters and sort; shared views only by supervisors and admins',
    body: c.CreateSavedViewBody,
    reply: json(c.SavedViewView, 201),
  },
  {
    method: 'patch',
    path: '/api/views/{id}',
    tag: 'tickets',
    auth: 'bearer',
    summary: 'Renames or changes a saved view (own ones; shared ones by supervisors and admins)',
    body: c.PatchSavedViewBody,
    reply: json(c.SavedViewView),
  },
  {
    method: 'delete',
    path: '/api/views/{id}',
    tag: 'tickets',
    auth: 'bearer',
    summary: 'Deletes a saved view (own ones; shared ones by supervisors and admins)',
    reply: noContent,
  },

  // Email files
  {
    method: 'get',
    path: '/api/email/messages/{messageId}/raw',
    tag: 'tickets',
    auth: 'bearer',
    summary: 'An email message as received or sent (.eml)',
    reply: file('message/rfc822', 'The raw message'),
  },
  {
    method: 'get',
    path: '/api/email/messages/{messageId}/attachments/{index}',
    tag: 'tickets',
    auth: 'bearer',
    summary: 'Download a file of an email message, received or sent',
    reply: file('application/octet-stream', 'The file, with its own content type'),
  },
  {
    method: 'get',
    path: '/api/email/mail/{sha256}/attachments/{index}',
    tag: 'tickets',
    auth: 'bearer',
    summary: "An inline image of a message's HTML (the URL its cid: references get)",
    reply: file('application/octet-stream', 'The file, with its own content type'),
  },

  // Contacts
  {
    method: 'get',
    path: '/api/contacts/{id}',
    tag: 'contacts',
    auth: 'bearer',
    summary: 'A contact with identities and tickets across channels',
    reply: json(r.ContactDetailResponse),
  },
  {
    method: 'post',
    path: '/api/contacts/{id}/merge',
    tag: 'contacts',
    auth: 'bearer',
    summary: 'Merge another contact into this one: identities and tickets move, the other contact is removed',
    body: MergeContactBody,
    reply: json(r.ContactMergeResponse),
  },

  // Directory
  {
    method: 'get',
    path: '/api/users',
    summary: 'Active colleagues',
    tag: 'directory',
    auth: 'bearer',
    reply: json(c.itemsOf(c.UserView)),
  },
  {
    method: 'get',
    path: '/api/people/names',
    summary: 'Everyone who has worked here, disabled people included, for names on old tickets',
    tag: 'directory',
    auth: 'bearer',
    reply: json(c.itemsOf(c.PersonNameView)),
  },
  {
    method: 'get',
    path: '/api/teams',
    summary: 'Teams',
    tag: 'directory',
    auth: 'bearer',
    reply: json(c.itemsOf(c.TeamView)),
  },
  {
    method: 'get',
    path: '/api/agents',
    summary: 'Active colleagues with their availability (online, away, offline)',
    tag: 'directory',
    auth: 'bearer',
    reply: json(c.itemsOf(c.AgentView)),
  },
  {
    method: 'put',
    path: '/api/me/availability',
    summary:
      "Set the caller's availability; every agent hears `agent.availability`, and auto-assignment only gives tickets to online agents",
    tag: 'directory',
    auth: 'bearer',
    body: c.AvailabilityBody,
    reply: json(c.AvailabilityView),
  },
  {
    method: 'get',
    path: '/api/canned-replies',
    tag: 'directory',
    auth: 'bearer',
    summary: 'Canned replies for the composer',
    reply: json(c.itemsOf(c.CannedReplyView)),
  },
  {
    method: 'get',
    path: '/api/settings/hold-template',
    tag: 'directory',
    auth: 'bearer',
    summary: "The customer's hold message template",
    reply: json(c.HoldTemplateView),
  },
  {
    method: 'get',
    path: '/api/settings/reply',
    tag: 'directory',
    auth: 'bearer',
    summary: 'How replies behave in this workspace (assign on reply)',
    reply: json(c.ReplySettingsBody),
  },

  // SLA and reports
  {
    method: 'get',
    path: '/api/sla/summary',
    tag: 'sla',
    auth: 'bearer',
    summary: 'Open tickets on track / at risk / breached, by team and channel, and agent load (supervisors)',
    query: c.ReportQuery,
    reply: { status: 200, json: c.SlaSummaryView, alsoCsv: true },
  },
  {
    method: 'get',
    path: '/api/reports/sla',
    tag: 'sla',
    auth: 'bearer',
    summary: 'SLA attainment per group (supervisors); CSV with format=csv',
    query: c.ReportQuery,
    reply: { status: 200, json: r.ReportResponse, alsoCsv: true },
  },
  {
    method: 'get',
    path: '/api/reports/response-times',
    tag: 'sla',
    auth: 'bearer',
    summary: 'First-response and resolution times per group (supervisors); CSV with format=csv',
    query: c.ReportQuery,
    reply: { status: 200, json: r.ReportResponse, alsoCsv: true },
  },
  {
    method: 'get',
    path: '/api/reports/volume',
    tag: 'sla',
    auth: 'bearer',
    summary: 'Tickets created per hour and channel (supervisors); CSV with format=csv',
    query: c.ReportQuery,
    reply: { status: 200, json: r.ReportResponse, alsoCsv: true },
  },
  {
    method: 'post',
    path: '/api/admin/calendars',
    tag: 'admin',
    auth: 'bearer',
    summary: 'Create a business calendar; ical imports its all-day events as holidays (admin)',
    body: c.CreateCalendarBody,
    reply: json(r.CreatedCalendarResponse, 201),
  },
  {
    method: 'get',
    path: '/api/admin/calendars',
    tag: 'admin',
    auth: 'bearer',
    summary: 'Business calendars (admin)',
    reply: json(c.itemsOf(r.CalendarResponse)),
  },
  {
    method: 'post',
    path: '/api/admin/sla-policies',
    tag: 'admin',
    auth: 'bearer',
    summary: 'Create an SLA policy (admin)',
    body: c.CreateSlaPolicyBody,
    reply: json(r.SlaPolicyResponse, 201),
  },
  {
    method: 'get',
    path: '/api/admin/sla-policies',
    tag: 'admin',
    auth: 'bearer',
    summary: 'SLA policies in evaluation order (admin)',
    reply: json(c.itemsOf(r.SlaPolicyResponse)),
  },
  {
    method: 'patch',
    path: '/api/admin/sla-policies/{id}',
    tag: 'admin',
    auth: 'bearer',
    summary: 'Change an SLA policy; { active: false } deactivates (admin)',
    body: c.PatchSlaPolicyBody,
    reply: json(r.SlaPolicyResponse),
  },
  {
    method: 'delete',
    path: '/api/admin/sla-policies/{id}',
    tag: 'admin',
    auth: 'bearer',
    summary: 'Delete an SLA policy; 409 while open tickets run under it (deactivate it first) (admin)',
    reply: noContent,
  },
  {
    method: 'put',
    path: '/api/admin/calendars/{id}',
    tag: 'admin',
    auth: 'bearer',
    summary: 'Replace a business calendar; the tickets of its policies are re-checked (admin)',
    body: c.CreateCalendarBody,
    reply: json(r.CreatedCalendarResponse),
  },
  {
    method: 'delete',
    path: '/api/admin/calendars/{id}',
    tag: 'admin',
    auth: 'bearer',
    summary: 'Delete a business calendar; 409 while a policy uses it (admin)',
    reply: noContent,
  },
  {
    method: 'get',
    path: '/api/admin/demo-deliveries',
    tag: 'admin',
    auth: 'bearer',
    summary: 'Replies the demo channels recorded instead of sending them (admin)',
    reply: json(c.itemsOf(c.DemoDeliveryView)),
  },

  // Admin: people
  {
    method: 'post',
    path: '/api/admin/users',
    tag: 'admin',
    auth: 'bearer',
    summary: 'Create a user (admin)',
    body: c.CreateUserBody,
    reply: json(c.UserView, 201),
  },
  {
    method: 'get',
    path: '/api/admin/users',
    tag: 'admin',
    auth: 'bearer',
    summary: 'Every user with role, teams, status and last sign-in (admin)',
    reply: json(c.itemsOf(c.AdminUserView)),
  },
  {
    method: 'patch',
    path: '/api/admin/users/{id}',
    tag: 'admin',
    auth: 'bearer',
    summary:
      'Change name, role, teams (replaces memberships), active or capacity (replaces the limits: open tickets in total and per channel kind); 400 when an admin would demote or disable themselves, 409 for the last active admin (admin)',
    body: c.PatchUserBody,
    reply: json(c.AdminUserView),
  },
  {
    method: 'post',
    path: '/api/admin/users/{id}/disable',
    tag: 'admin',
    auth: 'bearer',
    summary:
      "Disable a user, end their sessions and move their open tickets to another active agent or back to the team's queue (admin)",
    body: c.DisableUserBody,
    reply: json(c.DisableUserView),
  },
  {
    method: 'post',
    path: '/api/admin/users/{id}/reset-password',
    tag: 'admin',
    auth: 'bearer',
    summary: "Set a password, or generate one returned once; ends the user's sessions (admin)",
    body: c.ResetPasswordBody,
    reply: json(c.PasswordResetView, 201),
  },
  {
    method: 'post',
    path: '/api/admin/teams',
    tag: 'admin',
    auth: 'bearer',
    summary: 'Create a team (admin)',
    body: c.CreateTeamBody,
    reply: json(c.TeamView, 201),
  },
  {
    method: 'get',
    path: '/api/admin/teams',
    tag: 'admin',
    auth: 'bearer',
    summary: 'Teams with their active member counts (admin)',
    reply: json(c.itemsOf(c.AdminTeamView)),
  },
  {
    method: 'patch',
    path: '/api/admin/teams/{id}',
    tag: 'admin',
    auth: 'bearer',
    summary:
      'Rename a team, or set how its unassigned tickets are auto-assigned (manual, round_robin, balanced; only online agents; a per-agent hourly cap) (admin)',
    body: c.PatchTeamBody,
    reply: json(c.AdminTeamView),
  },

  // Admin: channels
  {
    method: 'post',
    path: '/api/admin/channel-accounts',
    tag: 'admin',
    auth: 'bearer',
    summary: 'Create a channel account; the API kind returns its key and signing secret once (admin)',
    body: c.CreateChannelAccountBody,
    reply: json(c.ChannelAccountCreatedView, 201),
  },
  {
    method: 'get',
    path: '/api/admin/channel-accounts',
    tag: 'admin',
    auth: 'bearer',
    summary: 'Channel accounts, without credentials, with the webhook URL of webhook channels (admin)',
    reply: json(c.itemsOf(c.ChannelAccountView)),
  },
  {
    method: 'patch',
    path: '/api/admin/channel-accounts/{id}',
    tag: 'admin',
    auth: 'bearer',
    summary:
      'Change name, team, active or config (a JSON Merge Patch; credentials left out are kept) (admin)',
    body: c.UpdateChannelAccountBody,
    reply: json(c.ChannelAccountUpdatedView),
  },
  {
    method: 'post',
    path: '/api/admin/channel-accounts/{id}/test',
    tag: 'admin',
    auth: 'bearer',
    summary:
      "Call the provider with the account's credentials: `{ ok, detail }` or `{ ok: false, reason }` in plain words (admin)",
    reply: json(c.ChannelTestResultView),
  },
  {
    method: 'post',
    path: '/api/admin/channel-accounts/{id}/rotate-key',
    tag: 'admin',
    auth: 'bearer',
    summary: "Replace an API channel's key; the new key is shown once and the old one stops working (admin)",
    reply: json(c.ApiKeyRotatedView),
  },
  {
    method: 'post',
    path: '/api/channels/email/{accountId}/test',
    tag: 'admin',
    auth: 'bearer',
    summary: "Log in to an email account's IMAP and SMTP servers and say how it went (admin)",
    reply: json(r.ConnectionTestResponse),
  },
  {
    method: 'get',
    path: '/api/admin/email-quarantine',
    tag: 'admin',
    auth: 'bearer',
    summary: 'Mail that could not be read, with the error (admin)',
    query: QuarantineQuery,
    reply: json(c.itemsOf(c.EmailQuarantineView)),
  },
  {
    method: 'get',
    path: '/api/admin/email-quarantine/{id}/raw',
    tag: 'admin',
    auth: 'bearer',
    summary: 'The quarantined mail as it arrived (.eml) (admin)',
    reply: file('message/rfc822', 'The raw message'),
  },
  {
    method: 'post',
    path: '/api/admin/email-quarantine/{id}/reimport',
    tag: 'admin',
    auth: 'bearer',
    summary: 'Read a quarantined mail again and store it on its ticket (admin)',
    reply: json(c.EmailReimportView),
  },
  {
    method: 'get',
    path: '/api/admin/rejected-webhooks',
    tag: 'admin',
    auth: 'bearer',
    summary: 'Provider calls refused for a bad signature or unknown account, newest first (admin)',
    query: RejectedWebhookQuery,
    reply: json(c.itemsOf(r.RejectedWebhookResponse)),
  },

  // Admin: console extras
  {
    method: 'post',
    path: '/api/admin/canned-replies',
    tag: 'admin',
    auth: 'bearer',
    summary: 'Create a canned reply (admin)',
    body: c.CreateCannedReplyBody,
    reply: json(c.CannedReplyView, 201),
  },
  {
    method: 'patch',
    path: '/api/admin/canned-replies/{id}',
    tag: 'admin',
    auth: 'bearer',
    summary: 'Edit a canned reply (admin)',
    body: c.PatchCannedReplyBody,
    reply: json(c.CannedReplyView),
  },
  {
    method: 'delete',
    path: '/api/admin/canned-replies/{id}',
    summary: 'Delete a canned reply (admin)',
    tag: 'admin',
    auth: 'bearer',
    reply: noContent,
  },
  {
    method: 'put',
    path: '/api/admin/settings/hold-template',
    tag: 'admin',
    auth: 'bearer',
    summary: 'Change the hold message template (admin)',
    body: c.HoldTemplateBody,
    reply: json(c.HoldTemplateView),
  },
  {
    method: 'delete',
    path: '/api/admin/settings/hold-template',
    tag: 'admin',
    auth: 'bearer',
    summary: 'Restore the built-in hold message (admin)',
    reply: json(c.HoldTemplateView),
  },
  {
    method: 'put',
    path: '/api/admin/settings/reply',
    tag: 'admin',
    auth: 'bearer',
    summary: 'Change how replies behave: assign an unassigned ticket to the replying agent (admin)',
    body: c.ReplySettingsBody,
    reply: json(c.ReplySettingsBody),
  },

  // Channels: API, webhooks, widget
  {
    method: 'post',
    path: '/api/channels/api/{accountId}/inbound',
    tag: 'channels',
    auth: 'apiKey',
    summary: 'Inbound message through the API channel; the same externalId twice stores one message',
    body: c.ApiInboundBody,
    reply: json(c.ApiInboundView),
  },
  {
    method: 'post',
    path: '/api/webhooks/twilio/{accountId}',
    tag: 'webhooks',
    auth: 'twilioSignature',
    summary:
      'Twilio SMS/WhatsApp messages and delivery status callbacks (form-encoded); answers empty TwiML once stored',
    body: ProviderPayload,
    reply: file('text/xml', 'Empty TwiML'),
  },
  {
    method: 'get',
    path: '/api/webhooks/meta/{accountId}',
    tag: 'webhooks',
    auth: 'none',
    summary: "Meta's verify-token handshake: echoes hub.challenge",
    query: MetaVerifyQuery,
    reply: file('text/plain', 'The challenge'),
  },
  {
    method: 'post',
    path: '/api/webhooks/meta/{accountId}',
    tag: 'webhooks',
    auth: 'metaSignature',
    summary: 'Messenger and Instagram messages and delivery receipts',
    body: ProviderPayload,
    reply: file('text/plain', 'EVENT_RECEIVED'),
  },
  {
    method: 'post',
    path: '/api/webhooks/telegram/{accountId}',
    tag: 'webhooks',
    auth: 'telegramSecret',
    summary: 'Telegram bot updates',
    body: ProviderPayload,
    reply: json(r.ProviderAck),
  },
  {
    method: 'get',
    path: '/api/widget/{accountId}/settings',
    tag: 'widget',
    auth: 'none',
    summary: "The chat widget's public settings and availability (CORS: the account's allowed origins)",
    reply: json(r.WidgetSettingsResponse),
  },
  {
    method: 'post',
    path: '/api/widget/{accountId}/session',
    tag: 'widget',
    auth: 'none',
    summary: 'Start or resume a widget visitor; the visitor token is the credential of the /widget socket',
    body: WidgetSessionBody,
    reply: json(r.WidgetSessionResponse),
  },
  {
    method: 'post',
    path: '/api/widget/{accountId}/attachments',
    tag: 'widget',
    auth: 'none',
    summary: "Upload a visitor's file (JSON, base64, with the visitor token) to send with a chat message",
    body: WidgetUploadBody,
    reply: json(r.WidgetUploadResponse, 201),
  },
  {
    method: 'get',
    path: '/api/widget/attachments/{id}/{key}',
    tag: 'widget',
    auth: 'none',
    summary: 'Download a chat file; the key in the URL is its credential',
    reply: file('application/octet-stream', 'The file, with its own content type'),
  },
  ...NOTIFY_MACRO_ROUTES,
  ...RULE_ROUTES,
  ...THREADING_ROUTES,
  ...TICKET_MERGE_ROUTES,
  ...CUSTOM_FIELD_ROUTES,
  ...CONVERSATION_START_ROUTES,
  ...CONTACT_ROUTES,
  ...OPERATIONS_ROUTES,
  ...KB_ROUTES,
  ...REVIEW_ROUTES,
  ...SURVEY_ROUTES,
  ...IDENTITY_ROUTES,
  ...WEBHOOK_ROUTES,
  ...SPAM_ROUTES,
  ...SSO_ROUTES,
  ...BOT_ROUTES,
  ...ASSIST_ROUTES,
  ...PERSONAL_DATA_ROUTES,
  ...SEARCH_ROUTES,
];
