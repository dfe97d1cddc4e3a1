/** Response shapes of the REST API and socket events, shared by api, console and widget. */
export type TicketStatus = 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export type Role = 'agent' | 'supervisor' | 'admin';
export type DeliveryState = 'queued' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed' | 'undelivered';
export type MessageKind = 'message' | 'note' | 'hold_note' | 'transfer_note' | 'system';

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  teamIds: string[];
}

/** A user as admins manage them (`GET /api/admin/users`); last sign-in is the newest session. */
export interface AdminUserView extends UserView {
  active: boolean;
  lastSignInAt: string | null;
}

export interface AdminTeamView {
  id: string;
  name: string;
  /** Active users only: disabled people keep their memberships but work no queue. */
  memberCount: number;
}

/** `POST /api/admin/users/:id/reset-password`: the generated password, shown once; absent when the admin chose one. */
export interface PasswordResetView {
  password?: string;
}

export interface ContactIdentityView {
  id: string;
  kind: string;
  address: string;
  /** Ticket detail only (#3 item 5): whether a reply can reach this identity, and through which account. */
  canReply?: boolean;
  replyAccount?: ReplyAccountView | null;
  /** The customer replied STOP on this address: sends will be refused until START. */
  optedOut?: boolean;
}

/** The channel account a reply to an identity would go through. */
export interface ReplyAccountView {
  id: string;
  kind: string;
  name: string;
  /** `twilio_whatsapp`: until when a free-form reply is allowed (null: the customer never wrote, or the window closed). */
  freeFormUntil?: string | null;
  /** `twilio_whatsapp`: the approved templates an agent may choose (read-only; admins set them in the account config). */
  templates?: ChannelTemplateView[];
}

export interface ChannelTemplateView {
  contentSid: string;
  name: string;
  variables: string[];
}

/** `GET /api/tickets/:id`: the ticket, its contact with reply routes, and what a reply defaults to. */
export interface TicketDetailView extends Omit<TicketView, 'contact'> {
  contact: ContactView;
  reply?: {
    /** The identity a reply without `identityId` goes to (where the customer last wrote from). */
    defaultIdentityId: string | null;
  };
}

export interface ContactView {
  id: string;
  name: string | null;
  identities: ContactIdentityView[];
}

export interface TicketView {
  id: string;
  number: number;
  subject: string;
  status: TicketStatus;
  priority: Priority;
  channel: string;
  channelAccountId: string;
  contact: { id: string; name: string | null };
  assigneeId: string | null;
  teamId: string | null;
  tags: string[];
  seq: number;
  lastMessageAt: string | null;
  createdAt: string;
  updatedAt: string;
  holdUntil: string | null;
  sla: {
    firstResponseDueAt: string | null;
    resolutionDueAt: string | null;
    breachedAt: string | null;
    /** SLA engine (#5): next-response due time, the earliest due / at-risk instant of running clocks, pause. */
    nextResponseDueAt?: string | null;
    dueAt?: string | null;
    atRiskAt?: string | null;
    pausedSince?: string | null;
    policyId?: string | null;
  };
}

export interface MessageView {
  id: string;
  ticketId: string;
  direction: 'in' | 'out';
  kind: MessageKind;
  channel: string;
  authorId: string | null;
  authorName: string | null;
  text: string;
  html: string | null;
  deliveryState: DeliveryState | null;
  deliveryError: string | null;
  externalId: string | null;
  createdAt: string;
  /** Files of an email message, received or sent; other channels list none yet. */
  attachments?: MessageAttachmentView[];
}

/** One file of a message. `url` downloads it (agents who see the ticket); null when it was not kept. */
export interface MessageAttachmentView {
  filename: string;
  contentType: string;
  size: number;
  url: string | null;
  /** Why an inbound file was not kept (over the size limit). */
  rejectedReason?: string;
}

/** `POST /api/tickets/:id/attachments` → 201: an upload to send with a reply (`attachmentIds`). */
export interface UploadedAttachmentView {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface TicketEventView {
  id: string;
  ticketId: string;
  type: string;
  actorId: string | null;
  data: Record<string, unknown>;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
}

/** `GET /api/sla/summary`: open tickets by SLA state, per team and channel. */
export interface SlaSummaryCounts {
  open: number;
  unassigned: number;
  onTrack: number;
  atRisk: number;
  breached: number;
}
export interface SlaSummaryView {
  generatedAt: string;
  totals: SlaSummaryCounts;
  byTeam: Array<SlaSummaryCounts & { teamId: string | null; teamName: string | null }>;
  byChannel: Array<SlaSummaryCounts & { channel: string }>;
  atRisk: Array<{ ticketId: string; number: number; subject: string; teamId: string | null; channel: string; assigneeId: string | null; priority: string; dueAt: string; atRiskAt: string | null; breached: boolean }>;
  agents: Array<{ userId: string; name: string; role: string; online: boolean; openLoad: number; repliesToday: number }>;
}

// ---- Console extras (issue #3) ----

/** `GET /api/canned-replies` → `{ items: CannedReplyView[] }`. */
export interface CannedReplyView {
  id: string;
  title: string;
  body: string;
  updatedAt: string;
}

/** `GET /api/queues/counts`: active tickets the viewer may see, per queue. */
export interface QueueCountsView {
  mine: number;
  unassigned: number;
  all: number;
  teams: Record<string, number>;
}

/** `GET /api/settings/hold-template`: what customers are told when a ticket goes on hold. */
export interface HoldTemplateView {
  template: string;
  isDefault: boolean;
}

// ---- Channel admin ----

/** `GET /api/admin/channel-accounts` → `{ items }`: credentials are never part of it. */
export interface ChannelAccountView {
  id: string;
  kind: string;
  name: string;
  teamId: string | null;
  active: boolean;
  /** The account's settings without its credentials (those stay sealed on the server): e.g. `imap.host` but never `imap.password`. */
  config: Record<string, unknown>;
  /** Webhook channels: where the provider must post (paste it into the provider's console). */
  webhookUrl?: string;
}

/** `PATCH /api/admin/channel-accounts/:id`: the account as listed, plus the provider's answer when it was set up again. */
export interface ChannelAccountUpdatedView extends ChannelAccountView {
  configured?: ChannelTestResultView;
}

/** `POST /api/admin/channel-accounts/:id/rotate-key`: the new API key, shown this once; the old one no longer works. */
export interface ApiKeyRotatedView {
  apiKey: string;
}

/** A provider call's answer in plain words (`POST /api/admin/channel-accounts/:id/test`). */
export type ChannelTestResultView = ({ ok: true; detail: string } | { ok: false; reason: string }) & { webhookUrl?: string };

/** `POST /api/admin/channel-accounts`: the API kind's key and signing secret are returned this once. */
export interface ChannelAccountCreatedView {
  id: string;
  apiKey?: string;
  signingSecret?: string;
  webhookUrl?: string;
  /** Set when the API configured the provider itself (Telegram's setWebhook). */
  configured?: ChannelTestResultView;
}

/** `GET /api/admin/email-quarantine` → `{ items }`: mail that could not be read. */
export interface EmailQuarantineView {
  id: string;
  channelAccountId: string;
  rawSize: number;
  reason: string;
  error: string;
  createdAt: string;
  reimportedAt: string | null;
  /** The .eml as it arrived; needs the bearer token. */
  rawUrl: string;
}

/** `POST /api/admin/email-quarantine/:id/reimport`; `ticketId` is empty when the mail was a bounce. */
export interface EmailReimportView {
  id: string;
  ticketId: string;
  messageId: string;
  /** False when the mail still could not be read and was stored as a plain message with the original attached. */
  parsed: boolean;
}
