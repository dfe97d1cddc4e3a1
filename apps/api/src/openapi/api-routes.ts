import * as c from '@switchboard/contracts';
import { z } from 'zod';
import * as r from './response-schemas.js';

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
  | { status: 200; content: string; description: string };

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
const QuarantineQuery = z.object({ channelAccountId: z.uuid().optional(), all: z.enum(['true', 'false']).optional(), limit: z.coerce.number().int().min(1).max(500).optional() });
const RejectedWebhookQuery = z.object({ provider: z.string().optional(), channelAccountId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(500).optional() });
const MetaVerifyQuery = z.object({ 'hub.mode': z.literal('subscribe'), 'hub.verify_token': z.string(), 'hub.challenge': z.string() });
const MergeContactBody = z.strictObject({ otherContactId: z.uuid() });
const WidgetSessionBody = z.object({ token: z.string().max(200).optional(), name: z.string().optional(), email: z.string().optional(), userId: z.string().optional(), userHash: z.string().optional() });
const WidgetUploadBody = z.object({ token: z.string(), filename: z.string(), contentType: z.string().optional(), data: z.string() });
const ProviderPayload = z.record(z.string(), z.unknown());

/**
 * Every HTTP route of the API, in one list the OpenAPI document is built from. A test compares
 * it with the routes the running app registers, so a new controller method must be added here.
 */
export const API_ROUTES: ApiRoute[] = [
  // System
  { method: 'get', path: '/api/health', summary: 'Service and database health; 503 names the failing part', tag: 'system', auth: 'none', reply: json(r.HealthResponse) },

  // Auth
  { method: 'post', path: '/api/auth/login', summary: 'Log in; returns a bearer token and the user', tag: 'auth', auth: 'none', body: c.LoginBody, reply: json(c.LoginView) },
  { method: 'post', path: '/api/auth/logout', summary: 'End this session', tag: 'auth', auth: 'bearer', reply: noContent },
  { method: 'get', path: '/api/auth/me', summary: 'The logged-in user', tag: 'auth', auth: 'bearer', reply: json(c.UserView) },
  { method: 'post', path: '/api/auth/password', summary: 'Change password (ends all sessions)', tag: 'auth', auth: 'bearer', body: c.ChangePasswordBody, reply: noContent },

  // Tickets
  { method: 'get', path: '/api/tickets', summary: 'Tickets the caller may see, newest change first (or soonest breach with sort=due)', tag: 'tickets', auth: 'bearer', query: c.TicketListQuery, reply: json(c.pageOf(c.TicketView)) },
  { method: 'get', path: '/api/tickets/{id}', summary: 'One ticket with its contact, reply routes and SLA state', tag: 'tickets', auth: 'bearer', reply: json(c.TicketDetailView) },
  { method: 'patch', path: '/api/tickets/{id}', summary: 'Change status, priority, assignee, team or tags', tag: 'tickets', auth: 'bearer', body: c.PatchTicketBody, reply: json(c.TicketView) },
  { method: 'get', path: '/api/tickets/{id}/messages', summary: 'Timeline: messages, notes and events, oldest first', tag: 'tickets', auth: 'bearer', reply: json(c.itemsOf(c.TimelineItemView)) },
  { method: 'post', path: '/api/tickets/{id}/messages', summary: 'Reply to the customer or add an internal note; returns the stored message', tag: 'tickets', auth: 'bearer', body: c.PostMessageBody, reply: json(c.MessageView, 201) },
  { method: 'post', path: '/api/tickets/{id}/messages/{messageId}/retry', summary: 'Send a failed outbound message again (same idempotency key)', tag: 'tickets', auth: 'bearer', reply: json(c.MessageView) },
  { method: 'post', path: '/api/tickets/{id}/attachments', summary: 'Upload a file (JSON, base64) to send with an email reply as attachmentIds; 413 over the attachment limit', tag: 'tickets', auth: 'bearer', body: c.UploadAttachmentBody, reply: json(c.UploadedAttachmentView, 201) },
  { method: 'post', path: '/api/tickets/{id}/hold', summary: 'Put on hold with a hold note', tag: 'tickets', auth: 'bearer', body: c.HoldBody, reply: json(c.TicketView) },
  { method: 'post', path: '/api/tickets/{id}/resume', summary: 'End a hold', tag: 'tickets', auth: 'bearer', reply: json(c.TicketView) },
  { method: 'post', path: '/api/tickets/{id}/transfer', summary: 'Transfer to an agent or team with a handoff note', tag: 'tickets', auth: 'bearer', body: c.TransferBody, reply: json(c.TicketView) },
  { method: 'post', path: '/api/tickets/{id}/handoff/ack', summary: 'Acknowledge a handoff', tag: 'tickets', auth: 'bearer', reply: noContent },
  { method: 'get', path: '/api/queues/counts', summary: 'Active tickets the caller may see: mine, unassigned, all, per team', tag: 'tickets', auth: 'bearer', reply: json(c.QueueCountsView) },

  // Email files
  { method: 'get', path: '/api/email/messages/{messageId}/raw', summary: 'An email message as received or sent (.eml)', tag: 'tickets', auth: 'bearer', reply: file('message/rfc822', 'The raw message') },
  { method: 'get', path: '/api/email/messages/{messageId}/attachments/{index}', summary: 'Download a file of an email message, received or sent', tag: 'tickets', auth: 'bearer', reply: file('application/octet-stream', 'The file, with its own content type') },
  { method: 'get', path: '/api/email/mail/{sha256}/attachments/{index}', summary: "An inline image of a message's HTML (the URL its cid: references get)", tag: 'tickets', auth: 'bearer', reply: file('application/octet-stream', 'The file, with its own content type') },

  // Contacts
  { method: 'get', path: '/api/contacts/{id}', summary: 'A contact with identities and tickets across channels', tag: 'contacts', auth: 'bearer', reply: json(r.ContactDetailResponse) },
  { method: 'post', path: '/api/contacts/{id}/merge', summary: 'Merge another contact into this one: identities and tickets move, the other contact is removed', tag: 'contacts', auth: 'bearer', body: MergeContactBody, reply: json(r.ContactMergeResponse) },

  // Directory
  { method: 'get', path: '/api/users', summary: 'Active colleagues', tag: 'directory', auth: 'bearer', reply: json(c.itemsOf(c.UserView)) },
  { method: 'get', path: '/api/teams', summary: 'Teams', tag: 'directory', auth: 'bearer', reply: json(c.itemsOf(c.TeamView)) },
  { method: 'get', path: '/api/canned-replies', summary: 'Canned replies for the composer', tag: 'directory', auth: 'bearer', reply: json(c.itemsOf(c.CannedReplyView)) },
  { method: 'get', path: '/api/settings/hold-template', summary: "The customer's hold message template", tag: 'directory', auth: 'bearer', reply: json(c.HoldTemplateView) },

  // SLA and reports
  { method: 'get', path: '/api/sla/summary', summary: 'Open tickets on track / at risk / breached, by team and channel, and agent load (supervisors)', tag: 'sla', auth: 'bearer', query: c.ReportQuery, reply: { status: 200, json: c.SlaSummaryView, alsoCsv: true } },
  { method: 'get', path: '/api/reports/sla', summary: 'SLA attainment per group (supervisors); CSV with format=csv', tag: 'sla', auth: 'bearer', query: c.ReportQuery, reply: { status: 200, json: r.ReportResponse, alsoCsv: true } },
  { method: 'get', path: '/api/reports/response-times', summary: 'First-response and resolution times per group (supervisors); CSV with format=csv', tag: 'sla', auth: 'bearer', query: c.ReportQuery, reply: { status: 200, json: r.ReportResponse, alsoCsv: true } },
  { method: 'get', path: '/api/reports/volume', summary: 'Tickets created per hour and channel (supervisors); CSV with format=csv', tag: 'sla', auth: 'bearer', query: c.ReportQuery, reply: { status: 200, json: r.ReportResponse, alsoCsv: true } },
  { method: 'post', path: '/api/admin/calendars', summary: 'Create a business calendar; ical imports its all-day events as holidays (admin)', tag: 'admin', auth: 'bearer', body: c.CreateCalendarBody, reply: json(r.CreatedCalendarResponse, 201) },
  { method: 'get', path: '/api/admin/calendars', summary: 'Business calendars (admin)', tag: 'admin', auth: 'bearer', reply: json(c.itemsOf(r.CalendarResponse)) },
  { method: 'post', path: '/api/admin/sla-policies', summary: 'Create an SLA policy (admin)', tag: 'admin', auth: 'bearer', body: c.CreateSlaPolicyBody, reply: json(r.SlaPolicyResponse, 201) },
  { method: 'get', path: '/api/admin/sla-policies', summary: 'SLA policies in evaluation order (admin)', tag: 'admin', auth: 'bearer', reply: json(c.itemsOf(r.SlaPolicyResponse)) },
  { method: 'patch', path: '/api/admin/sla-policies/{id}', summary: 'Change an SLA policy; { active: false } deactivates (admin)', tag: 'admin', auth: 'bearer', body: c.PatchSlaPolicyBody, reply: json(r.SlaPolicyResponse) },

  // Admin: people
  { method: 'post', path: '/api/admin/users', summary: 'Create a user (admin)', tag: 'admin', auth: 'bearer', body: c.CreateUserBody, reply: json(c.UserView, 201) },
  { method: 'get', path: '/api/admin/users', summary: 'Every user with role, teams, status and last sign-in (admin)', tag: 'admin', auth: 'bearer', reply: json(c.itemsOf(c.AdminUserView)) },
  { method: 'patch', path: '/api/admin/users/{id}', summary: 'Change name, role, teams (replaces memberships) or active; 409 when an admin would demote or disable themselves or the last active admin (admin)', tag: 'admin', auth: 'bearer', body: c.PatchUserBody, reply: json(c.AdminUserView) },
  { method: 'post', path: '/api/admin/users/{id}/disable', summary: 'Disable a user and end their sessions (admin)', tag: 'admin', auth: 'bearer', reply: noContent },
  { method: 'post', path: '/api/admin/users/{id}/reset-password', summary: "Set a password, or generate one returned once; ends the user's sessions (admin)", tag: 'admin', auth: 'bearer', body: c.ResetPasswordBody, reply: json(c.PasswordResetView, 201) },
  { method: 'post', path: '/api/admin/teams', summary: 'Create a team (admin)', tag: 'admin', auth: 'bearer', body: c.CreateTeamBody, reply: json(c.TeamView, 201) },
  { method: 'get', path: '/api/admin/teams', summary: 'Teams with their active member counts (admin)', tag: 'admin', auth: 'bearer', reply: json(c.itemsOf(c.AdminTeamView)) },
  { method: 'patch', path: '/api/admin/teams/{id}', summary: 'Rename a team (admin)', tag: 'admin', auth: 'bearer', body: c.PatchTeamBody, reply: json(c.AdminTeamView) },

  // Admin: channels
  { method: 'post', path: '/api/admin/channel-accounts', summary: 'Create a channel account; the API kind returns its key and signing secret once (admin)', tag: 'admin', auth: 'bearer', body: c.CreateChannelAccountBody, reply: json(c.ChannelAccountCreatedView, 201) },
  { method: 'get', path: '/api/admin/channel-accounts', summary: 'Channel accounts, without credentials, with the webhook URL of webhook channels (admin)', tag: 'admin', auth: 'bearer', reply: json(c.itemsOf(c.ChannelAccountView)) },
  { method: 'patch', path: '/api/admin/channel-accounts/{id}', summary: 'Change name, team, active or config (a JSON Merge Patch; credentials left out are kept) (admin)', tag: 'admin', auth: 'bearer', body: c.UpdateChannelAccountBody, reply: json(c.ChannelAccountUpdatedView) },
  { method: 'post', path: '/api/admin/channel-accounts/{id}/test', summary: "Call the provider with the account's credentials: `{ ok, detail }` or `{ ok: false, reason }` in plain words (admin)", tag: 'admin', auth: 'bearer', reply: json(c.ChannelTestResultView) },
  { method: 'post', path: '/api/admin/channel-accounts/{id}/rotate-key', summary: "Replace an API channel's key; the new key is shown once and the old one stops working (admin)", tag: 'admin', auth: 'bearer', reply: json(c.ApiKeyRotatedView) },
  { method: 'post', path: '/api/channels/email/{accountId}/test', summary: "Log in to an email account's IMAP and SMTP servers and say how it went (admin)", tag: 'admin', auth: 'bearer', reply: json(r.ConnectionTestResponse) },
  { method: 'get', path: '/api/admin/email-quarantine', summary: 'Mail that could not be read, with the error (admin)', tag: 'admin', auth: 'bearer', query: QuarantineQuery, reply: json(c.itemsOf(c.EmailQuarantineView)) },
  { method: 'get', path: '/api/admin/email-quarantine/{id}/raw', summary: 'The quarantined mail as it arrived (.eml) (admin)', tag: 'admin', auth: 'bearer', reply: file('message/rfc822', 'The raw message') },
  { method: 'post', path: '/api/admin/email-quarantine/{id}/reimport', summary: 'Read a quarantined mail again and store it on its ticket (admin)', tag: 'admin', auth: 'bearer', reply: json(c.EmailReimportView) },
  { method: 'get', path: '/api/admin/rejected-webhooks', summary: 'Provider calls refused for a bad signature or unknown account, newest first (admin)', tag: 'admin', auth: 'bearer', query: RejectedWebhookQuery, reply: json(c.itemsOf(r.RejectedWebhookResponse)) },

  // Admin: console extras
  { method: 'post', path: '/api/admin/canned-replies', summary: 'Create a canned reply (admin)', tag: 'admin', auth: 'bearer', body: c.CreateCannedReplyBody, reply: json(c.CannedReplyView, 201) },
  { method: 'patch', path: '/api/admin/canned-replies/{id}', summary: 'Edit a canned reply (admin)', tag: 'admin', auth: 'bearer', body: c.PatchCannedReplyBody, reply: json(c.CannedReplyView) },
  { method: 'delete', path: '/api/admin/canned-replies/{id}', summary: 'Delete a canned reply (admin)', tag: 'admin', auth: 'bearer', reply: noContent },
  { method: 'put', path: '/api/admin/settings/hold-template', summary: 'Change the hold message template (admin)', tag: 'admin', auth: 'bearer', body: c.HoldTemplateBody, reply: json(c.HoldTemplateView) },
  { method: 'delete', path: '/api/admin/settings/hold-template', summary: 'Restore the built-in hold message (admin)', tag: 'admin', auth: 'bearer', reply: json(c.HoldTemplateView) },

  // Channels: API, webhooks, widget
  { method: 'post', path: '/api/channels/api/{accountId}/inbound', summary: 'Inbound message through the API channel; the same externalId twice stores one message', tag: 'channels', auth: 'apiKey', body: c.ApiInboundBody, reply: json(c.ApiInboundView) },
  { method: 'post', path: '/api/webhooks/twilio/{accountId}', summary: 'Twilio SMS/WhatsApp messages and delivery status callbacks (form-encoded); answers empty TwiML once stored', tag: 'webhooks', auth: 'twilioSignature', body: ProviderPayload, reply: file('text/xml', 'Empty TwiML') },
  { method: 'get', path: '/api/webhooks/meta/{accountId}', summary: "Meta's verify-token handshake: echoes hub.challenge", tag: 'webhooks', auth: 'none', query: MetaVerifyQuery, reply: file('text/plain', 'The challenge') },
  { method: 'post', path: '/api/webhooks/meta/{accountId}', summary: 'Messenger and Instagram messages and delivery receipts', tag: 'webhooks', auth: 'metaSignature', body: ProviderPayload, reply: file('text/plain', 'EVENT_RECEIVED') },
  { method: 'post', path: '/api/webhooks/telegram/{accountId}', summary: 'Telegram bot updates', tag: 'webhooks', auth: 'telegramSecret', body: ProviderPayload, reply: json(r.ProviderAck) },
  { method: 'get', path: '/api/widget/{accountId}/settings', summary: "The chat widget's public settings and availability (CORS: the account's allowed origins)", tag: 'widget', auth: 'none', reply: json(r.WidgetSettingsResponse) },
  { method: 'post', path: '/api/widget/{accountId}/session', summary: 'Start or resume a widget visitor; the visitor token is the credential of the /widget socket', tag: 'widget', auth: 'none', body: WidgetSessionBody, reply: json(r.WidgetSessionResponse) },
  { method: 'post', path: '/api/widget/{accountId}/attachments', summary: "Upload a visitor's file (JSON, base64, with the visitor token) to send with a chat message", tag: 'widget', auth: 'none', body: WidgetUploadBody, reply: json(r.WidgetUploadResponse, 201) },
  { method: 'get', path: '/api/widget/attachments/{id}/{key}', summary: 'Download a chat file; the key in the URL is its credential', tag: 'widget', auth: 'none', reply: file('application/octet-stream', 'The file, with its own content type') },
];
