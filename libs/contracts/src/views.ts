import {
  CHANNEL_KINDS,
  DELIVERY_STATES,
  MESSAGE_DIRECTIONS,
  MESSAGE_KINDS,
  PRIORITIES,
  ROLES,
  TICKET_EVENT_TYPES,
  TICKET_STATUSES,
} from '@switchboard/domain/vocabulary';
import { z } from 'zod';

/**
 * Response shapes of the REST API and socket events, shared by api, console and widget. Each is
 * a zod schema (the OpenAPI document is generated from them) with a type of the same name.
 */
export {
  CHANNEL_KINDS,
  DELIVERY_STATES,
  MESSAGE_DIRECTIONS,
  MESSAGE_KINDS,
  PRIORITIES,
  ROLES,
  TICKET_EVENT_TYPES,
  TICKET_STATUSES,
  isTicketEventType,
} from '@switchboard/domain/vocabulary';
export type {
  ChannelKind,
  DeliveryState,
  MessageDirection,
  MessageKind,
  Priority,
  Role,
  TicketEventType,
  TicketStatus,
} from '@switchboard/domain/vocabulary';

const TicketStatusView = z.enum(TICKET_STATUSES);
const PriorityView = z.enum(PRIORITIES);
const RoleView = z.enum(ROLES);
const DeliveryStateView = z.enum(DELIVERY_STATES);
const MessageKindView = z.enum(MESSAGE_KINDS);
/** Channel kinds as the API reports them; documented as the known kinds, typed as text for old rows. */
const ChannelKindText = z.string().meta({ examples: [...CHANNEL_KINDS] });
const IsoTime = z.string().meta({ format: 'date-time' });

export const UserView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: RoleView,
  teamIds: z.array(z.string()),
});
export type UserView = z.infer<typeof UserView>;

/** `POST /api/auth/login`: a bearer token and who it belongs to. */
export const LoginView = z.object({ token: z.string(), user: UserView });
export type LoginView = z.infer<typeof LoginView>;

/** A user as admins manage them (`GET /api/admin/users`); last sign-in is the newest session. */
export const AdminUserView = UserView.extend({
  active: z.boolean(),
  lastSignInAt: IsoTime.nullable(),
  capacity: z
    .object({ total: z.number().optional(), perChannel: z.record(z.string(), z.number()).optional() })
    .optional(),
  availability: z.enum(['online', 'away', 'offline']).optional(),
});
export type AdminUserView = z.infer<typeof AdminUserView>;

/** `GET /api/people/names`: everyone who ever worked here, so a disabled person's name still resolves. */
export const PersonNameView = z.object({ id: z.string(), name: z.string(), active: z.boolean() });
export type PersonNameView = z.infer<typeof PersonNameView>;

/** `POST /api/admin/users/:id/disable`: how many open tickets were moved. */
export const DisableUserView = z.object({ reassignedTickets: z.number() });
export type DisableUserView = z.infer<typeof DisableUserView>;

export const AdminTeamView = z.object({
  id: z.string(),
  name: z.string(),
  /** Active users only: disabled people keep their memberships but work no queue. */
  memberCount: z.number(),
  assignment: z
    .object({
      mode: z.enum(['manual', 'round_robin', 'balanced']),
      onlyOnline: z.boolean(),
      maxPerHour: z.number().optional(),
    })
    .optional(),
});
export type AdminTeamView = z.infer<typeof AdminTeamView>;

/** `GET /api/teams` and `POST /api/admin/teams`. */
export const TeamView = z.object({ id: z.string(), name: z.string() });
export type TeamView = z.infer<typeof TeamView>;

/** `POST /api/admin/users/:id/reset-password`: the generated password, shown once; absent when the admin chose one. */
export const PasswordResetView = z.object({
  password: z.string().optional(),
});
export type PasswordResetView = z.infer<typeof PasswordResetView>;

export const ChannelTemplateView = z.object({
  contentSid: z.string(),
  name: z.string(),
  variables: z.array(z.string()),
});
export type ChannelTemplateView = z.infer<typeof ChannelTemplateView>;

/** The channel account a reply to an identity would go through. */
export const ReplyAccountView = z.object({
  id: z.string(),
  kind: ChannelKindText,
  name: z.string(),
  /** Channels with a reply window (WhatsApp, Messenger, Instagram): until when a free-form reply is allowed (null: the customer never wrote, or the window closed). */
  freeFormUntil: IsoTime.nullable().optional(),
  /** `twilio_whatsapp`: the approved templates an agent may choose (read-only; admins set them in the account config). */
  templates: z.array(ChannelTemplateView).optional(),
});
export type ReplyAccountView = z.infer<typeof ReplyAccountView>;

export const ContactIdentityView = z.object({
  id: z.string(),
  kind: z.string(),
  address: z.string(),
  /** Ticket detail only: whether a reply can reach this identity, and through which account. */
  canReply: z.boolean().optional(),
  replyAccount: ReplyAccountView.nullable().optional(),
  /** The customer replied STOP on this address: sends will be refused until START. */
  optedOut: z.boolean().optional(),
});
export type ContactIdentityView = z.infer<typeof ContactIdentityView>;

export const ContactView = z.object({
  id: z.string(),
  name: z.string().nullable(),
  identities: z.array(ContactIdentityView),
});
export type ContactView = z.infer<typeof ContactView>;

export const TicketView = z.object({
  id: z.string(),
  number: z.number(),
  subject: z.string(),
  status: TicketStatusView,
  priority: PriorityView,
  channel: ChannelKindText,
  channelAccountId: z.string(),
  contact: z.object({ id: z.string(), name: z.string().nullable() }),
  assigneeId: z.string().nullable(),
  teamId: z.string().nullable(),
  tags: z.array(z.string()),
  seq: z.number(),
  lastMessageAt: IsoTime.nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  holdUntil: IsoTime.nullable(),
  sla: z.object({
    firstResponseDueAt: IsoTime.nullable(),
    resolutionDueAt: IsoTime.nullable(),
    breachedAt: IsoTime.nullable(),
    /** Next-response due time, the earliest due / at-risk instant of running clocks, pause. */
    nextResponseDueAt: IsoTime.nullable().optional(),
    dueAt: IsoTime.nullable().optional(),
    atRiskAt: IsoTime.nullable().optional(),
    pausedSince: IsoTime.nullable().optional(),
    policyId: z.string().nullable().optional(),
  }),
  /** Custom field values by key (see custom-fields.ts). */
  customFields: z.record(z.string(), z.unknown()).optional(),
  /** The bot holding the ticket (in no queue, no SLA clock); absent or null once a person has it. */
  botId: z.string().nullable().optional(),
  /** Set by the `ticket.updated` that moves a ticket into (true) or out of (false) the spam view: spam is in no queue. */
  spam: z.boolean().optional(),
});
export type TicketView = z.infer<typeof TicketView>;

/** `GET /api/tickets/:id`: the ticket, its contact with reply routes, and what a reply defaults to. */
export const TicketDetailView = TicketView.extend({
  contact: ContactView,
  reply: z
    .object({
      /** The identity a reply without `identityId` goes to (where the customer last wrote from). */
      defaultIdentityId: z.string().nullable(),
    })
    .optional(),
});
export type TicketDetailView = z.infer<typeof TicketDetailView>;

/** One file of a message. `url` downloads it (agents who see the ticket); null when it was not kept. */
export const MessageAttachmentView = z.object({
  filename: z.string(),
  contentType: z.string(),
  size: z.number(),
  url: z.string().nullable(),
  /** Why an inbound file was not kept (over the size limit). */
  rejectedReason: z.string().optional(),
});
export type MessageAttachmentView = z.infer<typeof MessageAttachmentView>;

export const MessageView = z.object({
  id: z.string(),
  ticketId: z.string(),
  direction: z.enum(MESSAGE_DIRECTIONS),
  kind: MessageKindView,
  channel: ChannelKindText,
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  text: z.string(),
  html: z.string().nullable(),
  deliveryState: DeliveryStateView.nullable(),
  deliveryError: z.string().nullable(),
  externalId: z.string().nullable(),
  createdAt: IsoTime,
  /** Files of an email message, received or sent; other channels list none yet. */
  attachments: z.array(MessageAttachmentView).optional(),
});
export type MessageView = z.infer<typeof MessageView>;

/** `POST /api/tickets/:id/attachments` → 201: an upload to send with a reply (`attachmentIds`). */
export const UploadedAttachmentView = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number(),
});
export type UploadedAttachmentView = z.infer<typeof UploadedAttachmentView>;

export const TicketEventView = z.object({
  id: z.string(),
  ticketId: z.string(),
  type: z.enum(TICKET_EVENT_TYPES),
  actorId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: IsoTime,
});
export type TicketEventView = z.infer<typeof TicketEventView>;

/** `GET /api/tickets/:id/messages`: one timeline, messages and events told apart by `entry`. */
export const TimelineItemView = z.discriminatedUnion('entry', [
  MessageView.extend({ entry: z.literal('message') }),
  TicketEventView.extend({ entry: z.literal('event') }),
]);
export type TimelineItemView = z.infer<typeof TimelineItemView>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The schema of a `Page` of items. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** A list answered as `{ items }` without paging. */
export function itemsOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}

export const ApiError = z.object({
  statusCode: z.number(),
  error: z.string(),
  message: z.string(),
});
export type ApiError = z.infer<typeof ApiError>;

/** `GET /api/sla/summary`: open tickets by SLA state, per team and channel. */
export const SlaSummaryCounts = z.object({
  open: z.number(),
  unassigned: z.number(),
  onTrack: z.number(),
  atRisk: z.number(),
  breached: z.number(),
});
export type SlaSummaryCounts = z.infer<typeof SlaSummaryCounts>;

export const SlaSummaryView = z.object({
  generatedAt: IsoTime,
  totals: SlaSummaryCounts,
  byTeam: z.array(
    SlaSummaryCounts.extend({ teamId: z.string().nullable(), teamName: z.string().nullable() }),
  ),
  byChannel: z.array(SlaSummaryCounts.extend({ channel: z.string() })),
  atRisk: z.array(
    z.object({
      ticketId: z.string(),
      number: z.number(),
      subject: z.string(),
      teamId: z.string().nullable(),
      channel: z.string(),
      assigneeId: z.string().nullable(),
      priority: z.string(),
      dueAt: IsoTime,
      atRiskAt: IsoTime.nullable(),
      breached: z.boolean(),
    }),
  ),
  agents: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      role: z.string(),
      online: z.boolean(),
      openLoad: z.number(),
      repliesToday: z.number(),
    }),
  ),
});
export type SlaSummaryView = z.infer<typeof SlaSummaryView>;

// ---- Console extras ----

/** `GET /api/canned-replies` → `{ items: CannedReplyView[] }`. */
export const CannedReplyView = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  updatedAt: IsoTime,
});
export type CannedReplyView = z.infer<typeof CannedReplyView>;

/** `GET /api/queues/counts`: active tickets the viewer may see, per queue. */
export const QueueCountsView = z.object({
  mine: z.number(),
  unassigned: z.number(),
  all: z.number(),
  teams: z.record(z.string(), z.number()),
  /** Status views over every visible ticket, and the active tickets whose notes @mention the caller. */
  pending: z.number(),
  onHold: z.number(),
  solved: z.number(),
  mentions: z.number(),
});
export type QueueCountsView = z.infer<typeof QueueCountsView>;

/** `GET /api/settings/hold-template`: what customers are told when a ticket goes on hold. */
export const HoldTemplateView = z.object({
  template: z.string(),
  isDefault: z.boolean(),
  /** How `{{hold.until}}` is written for customers (the workspace's language and time zone). */
  customerDateFormat: z.object({ locale: z.string(), timeZone: z.string() }).optional(),
});
export type HoldTemplateView = z.infer<typeof HoldTemplateView>;

// ---- Channel admin ----

/** A provider call's answer in plain words (`POST /api/admin/channel-accounts/:id/test`). */
export const ChannelTestResultView = z.union([
  z.object({ ok: z.literal(true), detail: z.string(), webhookUrl: z.string().optional() }),
  z.object({ ok: z.literal(false), reason: z.string(), webhookUrl: z.string().optional() }),
]);
export type ChannelTestResultView = z.infer<typeof ChannelTestResultView>;

/** `GET /api/admin/channel-accounts` → `{ items }`: credentials are never part of it. */
export const ChannelAccountView = z.object({
  id: z.string(),
  kind: ChannelKindText,
  name: z.string(),
  teamId: z.string().nullable(),
  active: z.boolean(),
  /** The account's settings without its credentials (those stay sealed on the server): e.g. `imap.host` but never `imap.password`. */
  config: z.record(z.string(), z.unknown()),
  /** Webhook channels: where the provider must post (paste it into the provider's console). */
  webhookUrl: z.string().optional(),
});
export type ChannelAccountView = z.infer<typeof ChannelAccountView>;

/** `PATCH /api/admin/channel-accounts/:id`: the account as listed, plus the provider's answer when it was set up again. */
export const ChannelAccountUpdatedView = ChannelAccountView.extend({
  configured: ChannelTestResultView.optional(),
});
export type ChannelAccountUpdatedView = z.infer<typeof ChannelAccountUpdatedView>;

/** `POST /api/admin/channel-accounts/:id/rotate-key`: the new API key, shown this once; the old one no longer works. */
export const ApiKeyRotatedView = z.object({
  apiKey: z.string(),
});
export type ApiKeyRotatedView = z.infer<typeof ApiKeyRotatedView>;

/** `POST /api/admin/channel-accounts`: the API kind's key and signing secret are returned this once. */
export const ChannelAccountCreatedView = z.object({
  id: z.string(),
  apiKey: z.string().optional(),
  signingSecret: z.string().optional(),
  webhookUrl: z.string().optional(),
  /** Set when the API configured the provider itself (Telegram's setWebhook). */
  configured: ChannelTestResultView.optional(),
});
export type ChannelAccountCreatedView = z.infer<typeof ChannelAccountCreatedView>;

/** `GET /api/admin/email-quarantine` → `{ items }`: mail that could not be read. */
export const EmailQuarantineView = z.object({
  id: z.string(),
  channelAccountId: z.string(),
  rawSize: z.number(),
  reason: z.string(),
  error: z.string(),
  createdAt: IsoTime,
  reimportedAt: IsoTime.nullable(),
  /** The .eml as it arrived; needs the bearer token. */
  rawUrl: z.string(),
});
export type EmailQuarantineView = z.infer<typeof EmailQuarantineView>;

/** `POST /api/admin/email-quarantine/:id/reimport`; `ticketId` is empty when the mail was a bounce. */
export const EmailReimportView = z.object({
  id: z.string(),
  ticketId: z.string(),
  messageId: z.string(),
  /** False when the mail still could not be read and was stored as a plain message with the original attached. */
  parsed: z.boolean(),
});
export type EmailReimportView = z.infer<typeof EmailReimportView>;

/** `POST /api/channels/api/:accountId/inbound`: where the message landed; `duplicate` when the externalId was seen before. */
export const ApiInboundView = z.object({
  ticketId: z.string(),
  messageId: z.string(),
  duplicate: z.boolean(),
});
export type ApiInboundView = z.infer<typeof ApiInboundView>;
