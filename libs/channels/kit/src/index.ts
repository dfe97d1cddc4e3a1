/**
 * The contract between channel adapters and the core. Channel libs depend on this and on
 * contracts only; the api app supplies the implementations behind the tokens.
 */
import type { ChannelTemplateView, DeliveryState } from '@switchboard/contracts';
import type { DeliveryReport } from './delivery-reports.js';
import type { ReplyWindow } from './reply-window.js';

export interface InboundAttachment {
  filename: string;
  contentType: string;
  size: number;
  /** Where the bytes are stored under the data directory, or why they were not. */
  storageKey?: string;
  rejectedReason?: string;
}

/** A message a provider handed us, normalized. `externalId` is the provider's id: the dedupe key. */
export interface InboundMessage {
  channelAccountId: string;
  externalId: string;
  /**
   * Who wrote. `verified`: the provider proved the address belongs to the sender (an email whose
   * From our receiving server authenticated, a carrier's phone number, a chat user the host site
   * vouched for), so it may link to the contact that owns the address on another channel.
   */
  from: { kind: string; address: string; name?: string; verified?: boolean };
  text: string;
  html?: string;
  subject?: string;
  /** Provider-side conversation key (email thread root, chat session); threads into one ticket. */
  threadKey?: string;
  /** Extra keys this message can be found by later (an email's own Message-ID). */
  alsoThreadKeys?: string[];
  /**
   * A ticket the adapter already identified (e.g. email subject token). The core accepts it only
   * for the ticket's own contact, unless `senderVerified`: the adapter checked that this sender
   * belongs to the ticket (an earlier participant, or a colleague from a configured domain).
   */
  ticketHint?: { ticketId?: string; ticketNumber?: number; senderVerified?: boolean };
  sentAt?: Date;
  attachments?: InboundAttachment[];
  /** Provider-specific facts kept with the message (headers, raw storage key, flags). */
  meta?: Record<string, unknown>;
}

export interface IngestResult {
  ticketId: string;
  messageId: string;
  duplicate: boolean;
  ticketCreated: boolean;
}

/** Implemented by the core; adapters call it and answer the provider only after it resolves. */
export interface IngestPort {
  ingest(message: InboundMessage): Promise<IngestResult>;
  /**
   * Stores several messages in ONE transaction, in order (a later one may thread onto an
   * earlier one), and answers in the same order. All or nothing: when it throws, none is
   * stored, and the caller may store them one by one to find the one that fails.
   */
  ingestMany(messages: InboundMessage[]): Promise<IngestResult[]>;
}
export const INGEST_PORT = Symbol('INGEST_PORT');

export interface ChannelAccountRef {
  id: string;
  kind: string;
  name: string;
  config: Record<string, unknown>;
}

/** What a dispatcher hands an adapter to send. `idempotencyKey` is stable across retries. */
export interface OutboundMessage {
  messageId: string;
  idempotencyKey: string;
  ticketId: string;
  ticketNumber: number;
  subject: string;
  to: { kind: string; address: string; name?: string | null };
  text: string;
  /** Sanitized HTML of a formatted reply (email sends it beside `text`); absent for plain replies. */
  html?: string | null;
  threadKey?: string | null;
  /** Provider ids of earlier messages on the ticket, oldest first (email References). */
  references?: string[];
  attempt: number;
  /** An approved template chosen by the agent (WhatsApp outside the 24-hour window); `text` is its preview. */
  template?: OutboundTemplate;
  /** Files the agent attached; only adapters with `sendsAttachments` are given any. */
  attachments?: OutboundAttachment[];
  /** Copies (email): Cc is shown to every reader, Bcc goes to the envelope only; only adapters with `sendsCopies` are given any. */
  cc?: string[];
  bcc?: string[];
  /**
   * Answer buttons (a survey's scores) where the channel has them: Messenger/Instagram quick
   * replies, a Telegram inline keyboard. A tap comes back as an inbound message whose text is the
   * choice's `value`; channels without buttons send `text` alone, which says to reply with one.
   */
  choices?: OutboundChoice[];
}

export interface OutboundChoice {
  label: string;
  value: string;
}

/** A file an agent uploaded for a reply: bytes under the data directory at `storageKey`. */
export interface OutboundAttachment {
  filename: string;
  contentType: string;
  size: number;
  storageKey: string;
}

/** A provider-approved message template (Twilio Content API: ContentSid + ContentVariables). */
export interface OutboundTemplate {
  contentSid: string;
  /** Values for the template's placeholders, keyed "1", "2", … */
  variables?: Record<string, string>;
}

export interface SendResult {
  providerMessageId?: string;
  state?: 'sent' | 'delivered';
}

/** Thrown by adapters for failures that retrying cannot fix (invalid recipient, opted out). */
export class PermanentSendError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'PermanentSendError';
  }
}

export interface ChannelAdapter {
  readonly kind: string;
  /** Sends OutboundMessage.attachments; replies with attachments are refused on other channels. */
  readonly sendsAttachments?: boolean;
  /** Sends OutboundMessage.cc and .bcc; messages with copies are refused on other channels. */
  readonly sendsCopies?: boolean;
  /**
   * Set when the provider's status callbacks can overtake the answer to our send (Twilio): the
   * core holds a callback for a message id it has not recorded yet under this provider name.
   */
  readonly earlyStatusProvider?: string;
  /**
   * Which customer addresses the channel sends to: `identityKind` (`phone` for SMS and WhatsApp;
   * the account's own kind when unset), and `anyAddress` when it may write first to any such
   * address (SMS, email) rather than only to customers who wrote to this account.
   */
  readonly addresses?: { identityKind: string; anyAddress: boolean };
  send(account: ChannelAccountRef, message: OutboundMessage): Promise<SendResult>;
  /**
   * Until when a free-form reply is allowed after the customer last wrote; null when this
   * channel has no such window. `account.config` holds no credentials here.
   */
  replyWindow?(account: ChannelAccountRef, lastInboundAt: Date | null, now: Date): ReplyWindow | null;
  /** The approved templates an agent may send instead of free text; null when this channel sends none. */
  replyTemplates?(account: ChannelAccountRef): ChannelTemplateView[] | null;
  /** A provider's delivery-status callback in the kit's shape; [] when the payload reports none. */
  parseDeliveryStatus?(channelAccountId: string, payload: unknown): DeliveryReport[];
}

export interface ChannelAdapterRegistry {
  register(adapter: ChannelAdapter): void;
  get(kind: string): ChannelAdapter | undefined;
}
export const CHANNEL_ADAPTER_REGISTRY = Symbol('CHANNEL_ADAPTER_REGISTRY');

/** An account as channel modules see it: credentials already opened. */
export interface ChannelAccountRecord extends ChannelAccountRef {
  teamId: string | null;
  active: boolean;
  apiKeyHash: string | null;
  /** A seeded demo account: its replies are recorded by the core, never sent to a provider. */
  demo?: boolean;
}

export interface ChannelAccountDirectory {
  get(accountId: string): Promise<ChannelAccountRecord | null>;
  /** Read past any cache: for a caller told that the account just changed. */
  fresh?(accountId: string): Promise<ChannelAccountRecord | null>;
}
export const CHANNEL_ACCOUNT_DIRECTORY = Symbol('CHANNEL_ACCOUNT_DIRECTORY');

/** Route metadata key for endpoints that authenticate by their own means (provider signatures, API keys). */
export const PUBLIC_ROUTE = 'switchboard:public';

// ── Messaging channels (SMS, WhatsApp, Messenger, Instagram, Telegram): ports the core implements ──

/**
 * A send that failed for a reason that may pass on a later attempt (provider outage, rate
 * limit, network). The outbox retries it with backoff, no sooner than `retryAfterMs` when set.
 */
export class RetryableSendError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'RetryableSendError';
  }
}

/** A customer's address on a channel, as stored on the contact (`phone` + E.164, `telegram` + user id, …). */
export interface IdentityRef {
  kind: string;
  address: string;
}

export type DeliveryStatusState = DeliveryState;

/** A provider's report on one of our sends, found by the id the provider gave it. */
export interface DeliveryStatusUpdate {
  channelAccountId: string;
  providerMessageId: string;
  state: DeliveryStatusState;
  /** Plain words the agent sees when the message failed. */
  reason?: string;
  errorCode?: string;
}

/** `stale` when the message is already further along (callbacks arrive out of order). */
export type DeliveryStatusOutcome = 'applied' | 'stale' | 'unknown';

export interface DeliveryStatusPort {
  apply(update: DeliveryStatusUpdate): Promise<DeliveryStatusOutcome>;
  /** Receipts that name no message but a time (Meta watermarks): every send to `to` up to `upTo`. */
  applyUpTo(
    channelAccountId: string,
    to: IdentityRef,
    state: DeliveryStatusState,
    upTo: Date,
  ): Promise<number>;
}
export const DELIVERY_STATUS_PORT = Symbol('DELIVERY_STATUS_PORT');

/** Opt-out (STOP) and opt-in (START) per identity, honoured by every send to that address. */
export interface ContactPreferencesPort {
  setOptOut(identity: IdentityRef, keyword: string): Promise<void>;
  clearOptOut(identity: IdentityRef): Promise<void>;
  isOptedOut(identity: IdentityRef): Promise<boolean>;
}
export const CONTACT_PREFERENCES_PORT = Symbol('CONTACT_PREFERENCES_PORT');

/** When the customer last wrote to a channel account (WhatsApp's and Meta's 24-hour windows). */
export interface CustomerActivityPort {
  lastCustomerMessageAt(channelAccountId: string, identity: IdentityRef): Promise<Date | null>;
}
export const CUSTOMER_ACTIVITY_PORT = Symbol('CUSTOMER_ACTIVITY_PORT');

/** A webhook refused before anything was stored. Never holds a secret or the body. */
export interface RejectedWebhook {
  provider: string;
  /** The account the URL named, when it was one (may not exist). */
  channelAccountId: string | null;
  reason: string;
  remoteIp: string | null;
}

export interface RejectedWebhookLog {
  record(entry: RejectedWebhook): Promise<void>;
}
export const REJECTED_WEBHOOK_LOG = Symbol('REJECTED_WEBHOOK_LOG');

/** A request budget per key and window that every node of the deployment counts against. */
export interface SharedBudget {
  bucket: string;
  limit: number;
  windowMs: number;
}
export interface SharedBudgetPort {
  /** Counts one request; the seconds until the key's window reopens when it is over budget, else 0. */
  spend(budget: SharedBudget, key: string): Promise<number>;
}
export const SHARED_BUDGET = Symbol('SHARED_BUDGET');

/** Bytes a customer sent, kept under DATA_DIR; the file name is metadata, never a path. */
export interface AttachmentStore {
  save(file: { filename: string; contentType: string; bytes: Buffer }): Promise<InboundAttachment>;
  remove(storageKey: string): Promise<void>;
}
export const ATTACHMENT_STORE = Symbol('ATTACHMENT_STORE');

export type ChannelTestResult = { ok: true; detail: string } | { ok: false; reason: string };

/** Optional admin hooks an adapter offers: checked config, the provider "test" call, setup on create. */
export interface ChannelSetup {
  /** Validates (and completes, e.g. a generated secret) a new account's config; throws with a message naming the field. */
  prepareConfig?(config: Record<string, unknown>): Record<string, unknown>;
  /** Path of the webhook the provider must call, below the public base URL. */
  webhookPath?(accountId: string): string;
  testAccount?(account: ChannelAccountRef): Promise<ChannelTestResult>;
  /** Registers our webhook with the provider (Telegram setWebhook). */
  configureAccount?(account: ChannelAccountRef, webhookUrl: string): Promise<ChannelTestResult>;
}

export function channelSetupOf(adapter: ChannelAdapter | undefined): ChannelSetup | undefined {
  return adapter as (ChannelAdapter & ChannelSetup) | undefined;
}

// ── Web chat: the widget's storage, implemented by the core ──

/** A widget visitor: the browser holding a visitor token, optionally a verified user of the host site. */
export interface WebChatVisitor {
  id: string;
  channel_account_id: string;
  external_user_id: string | null;
  name: string | null;
  email: string | null;
}

export interface WebChatConversationSummary {
  ticketId: string;
  number: number;
  status: string;
  /** The ticket's change counter: of two statuses heard, the one with the higher seq is current. */
  seq: number;
  createdAt: string;
  visitorReadAt: string | null;
  agentReadAt: string | null;
}

export interface WebChatAttachmentView {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  url: string;
}

/** A message as a visitor sees it: no notes, no delivery internals, the agent's name only. */
export interface WebChatMessageView {
  id: string;
  ticketId: string;
  direction: 'in' | 'out';
  text: string;
  authorName: string | null;
  createdAt: string;
  state: string | null;
  attachments: WebChatAttachmentView[];
  /** Answer buttons the widget shows under the message; pressing one sends its `value`. */
  choices?: OutboundChoice[];
}

export interface WebChatUpload {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  storageKey: string;
  accessKey: string;
}

/**
 * Visitors, their conversations and uploads, and what a visitor does to a ticket (read
 * receipts, a CSAT answer, a transcript on the timeline). Every read a visitor can trigger goes
 * through `visible`: a visitor sees a ticket only through a conversation naming them, or naming
 * the verified user id they proved with the account's HMAC.
 */
export interface WebChatStore {
  createVisitor(
    accountId: string,
    tokenHash: string,
    ip: string | null,
    fields: { name?: string | null; email?: string | null; externalUserId?: string | null },
  ): Promise<WebChatVisitor>;
  visitorByToken(accountId: string, tokenHash: string): Promise<WebChatVisitor | null>;
  updateVisitor(
    id: string,
    fields: { name?: string | null; email?: string | null; externalUserId?: string | null },
  ): Promise<WebChatVisitor>;
  /** The visitor's conversations, newest first. */
  conversations(visitor: WebChatVisitor, limit?: number): Promise<WebChatConversationSummary[]>;
  visible(visitor: WebChatVisitor, ticketId: string): Promise<boolean>;
  /** Records that this visitor's message made or continued a ticket; an existing conversation is never taken over. */
  claimConversation(visitor: WebChatVisitor, ticketId: string): Promise<boolean>;
  /**
   * Gives the ticket's contact the email address the visitor left: a free one is theirs; one
   * another contact owns joins them only when `verified` (the host site vouched by HMAC), else
   * a merge is suggested.
   */
  linkEmail(ticketId: string, email: string, verified?: boolean): Promise<void>;
  messages(ticketId: string, limit?: number): Promise<WebChatMessageView[]>;
  message(messageId: string): Promise<WebChatMessageView | null>;
  /** A message just stored, with its ticket's status now and the seq that orders it against status events. */
  sentMessage(
    messageId: string,
  ): Promise<{ message: WebChatMessageView; status: string; seq: number } | null>;
  conversationOf(ticketId: string): Promise<{
    visitorEmail: string | null;
    visitorName: string | null;
    number: number;
    subject: string;
    channelAccountId: string;
  } | null>;
  /** The visitor read the conversation: the agents' sent replies become `read`; the time. */
  markVisitorRead(ticketId: string): Promise<string>;
  markAgentRead(ticketId: string): Promise<string | null>;
  saveAttachment(visitor: WebChatVisitor, file: Omit<WebChatUpload, 'id'>): Promise<WebChatAttachmentView>;
  /** The visitor's own uploads not yet sent with a message. */
  unsentAttachments(visitor: WebChatVisitor, ids: string[]): Promise<WebChatUpload[]>;
  attachToMessage(ids: string[], ticketId: string, messageId: string): Promise<void>;
  attachmentByKey(
    id: string,
    accessKey: string,
  ): Promise<{ storageKey: string; filename: string; contentType: string; size: number } | null>;
  /** A CSAT answer on a solved or closed ticket; a second answer replaces the first. */
  saveSurvey(ticketId: string, score: number, comment: string | null): Promise<'saved' | 'not_solved'>;
  /** Takes one of the conversation's `perDay` transcripts, shown on the timeline; null when none is left. */
  reserveTranscript(ticketId: string, to: string, perDay: number): Promise<string | null>;
  /** Gives a transcript back when the mail could not be sent. */
  releaseTranscript(reservationId: string): Promise<void>;
}
export const WEB_CHAT_STORE = Symbol('WEB_CHAT_STORE');

export * from './signature-check.js';
export * from './webhook-preamble.js';
export * from './reply-window.js';
export * from './delivery-reports.js';
