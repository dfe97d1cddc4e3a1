/**
 * What the email module needs from the core beyond the kit's ports: checkpoints and leases per
 * mailbox, the quarantine, threading lookups, acknowledgements, and files under the data
 * directory. The api app implements them (apps/api/src/email-support); this lib never sees SQL.
 */

export interface MailboxCheckpoint {
  /** UIDVALIDITY as a decimal string (IMAP gives a 32-bit unsigned number; imapflow a BigInt). */
  uidValidity: string;
  lastUid: number;
}

export interface QuarantineEntry {
  id: string;
  channelAccountId: string;
  rawSha256: string;
  rawKey: string;
  rawSize: number;
  reason: string;
  error: string;
  mailbox: string | null;
  uid: number | null;
  createdAt: string;
  reimportedAt: string | null;
  reimportedTicketId: string | null;
  reimportedMessageId: string | null;
}

export interface NewQuarantineEntry {
  channelAccountId: string;
  rawSha256: string;
  rawKey: string;
  rawSize: number;
  reason: string;
  error: string;
  mailbox?: string;
  uid?: number;
}

/** A ticket a reply may continue, with whom it belongs to (for the sender check). */
export interface ThreadTarget {
  ticketId: string;
  ticketNumber: number;
  contactId: string;
  /** Email addresses of the ticket's contact, of others who wrote on it and of those copied on it. */
  participants: string[];
}

export interface OutboundMailContext {
  /** Message-IDs of the ticket's earlier mail on this account, oldest first. */
  references: string[];
  /** The customer's latest Message-ID on the ticket. */
  inReplyTo?: string;
  /** An automatic reply (acknowledgement): sent with Auto-Submitted: auto-replied. */
  autoReply: boolean;
}

export interface StoredFile {
  storageKey: string;
  filename: string;
  contentType: string;
}

/** Told when a channel account was created or edited, on any node. */
export interface AccountChangeHandlers {
  changed(accountId: string): void;
  /** Changes may have been missed (the database connection was lost meanwhile): look at every account. */
  missed(): void;
}

export interface EmailChannelStore {
  /** Active channel accounts of kind email. */
  emailAccountIds(): Promise<string[]>;

  /** Calls back after each committed create or edit of a channel account, until stopped. */
  watchAccountChanges(handlers: AccountChangeHandlers): { stop(): Promise<void> };

  /** Takes or renews the mailbox lease; false when another live holder has it. */
  acquireLease(accountId: string, holder: string, ttlSeconds: number): Promise<boolean>;
  releaseLease(accountId: string, holder: string): Promise<void>;

  getCheckpoint(accountId: string, mailbox: string): Promise<MailboxCheckpoint | null>;
  /** Moves the checkpoint forward (never back) for the same UIDVALIDITY; a new UIDVALIDITY replaces it. */
  saveCheckpoint(accountId: string, mailbox: string, checkpoint: MailboxCheckpoint): Promise<void>;
  /** When the mailbox was last read to the end without an error, for every node's System screen. */
  recordLastFetch(accountId: string, at: Date): Promise<void>;

  /** Records an unparseable mail once per (account, raw bytes). */
  quarantine(entry: NewQuarantineEntry): Promise<QuarantineEntry>;
  listQuarantine(options: {
    channelAccountId?: string;
    includeReimported?: boolean;
    limit: number;
  }): Promise<QuarantineEntry[]>;
  getQuarantine(id: string): Promise<QuarantineEntry | null>;
  markReimported(id: string, result: { ticketId: string; messageId: string }): Promise<void>;

  ticketByNumber(accountId: string, ticketNumber: number): Promise<ThreadTarget | null>;
  /** The ticket one of these Message-IDs (ours or the customer's) belongs to, on this account. */
  ticketByMessageIds(accountId: string, messageIds: string[]): Promise<ThreadTarget | null>;
  /** Lets later replies to our outbound Message-ID find the ticket. */
  addThreadKey(accountId: string, threadKey: string, ticketId: string): Promise<void>;

  /** A bounce matched to one of our messages: kept with its raw storage key, once. */
  recordBounce(entry: {
    channelAccountId: string;
    rawSha256: string;
    rawKey: string;
    originalMessageId: string;
    reason: string;
  }): Promise<void>;

  /** When this contact was sent automatic replies in the last hour. */
  recentAcknowledgements(contactAddress: string, since: Date): Promise<Date[]>;
  /** Queues the acknowledgement of a new ticket (once per ticket) through the outbox. */
  /** Queues the acknowledgement unless the contact already had `capPerHour` in the last hour. */
  queueAcknowledgement(input: { ticketId: string; text: string; capPerHour: number }): Promise<boolean>;
  /** The ticket's number and, when an SLA set one, its first-response due time. */
  ticketSummary(ticketId: string): Promise<{ number: number; firstResponseDueAt: Date | null } | null>;

  outboundContext(accountId: string, messageId: string, ticketId: string): Promise<OutboundMailContext>;

  /**
   * A stored file of an email message the viewer may see: the raw mail (`'raw'`) or attachment
   * `index` (of mail received, or of a reply an agent sent with attachments). By message id, or by the raw mail's sha256 (inline `cid:` images in the HTML).
   */
  messageFile(
    viewer: unknown,
    ref: { messageId: string } | { rawSha256: string },
    part: 'raw' | number,
  ): Promise<StoredFile | null>;
}
export const EMAIL_CHANNEL_STORE = Symbol('EMAIL_CHANNEL_STORE');

/** Bytes under DATA_DIR, content-addressed: keys are sha256-derived, never a file name. */
export interface MailFileStore {
  putRaw(bytes: Buffer): Promise<{ key: string; sha256: string }>;
  putFile(bytes: Buffer): Promise<string>;
  /** An agent's upload: a file of its own (not shared by hash), so it can be deleted when unused. */
  putUpload(bytes: Buffer): Promise<string>;
  removeUpload(key: string): Promise<void>;
  read(key: string): Promise<Buffer>;
}
export const MAIL_FILE_STORE = Symbol('MAIL_FILE_STORE');

export interface EmailChannelSettings {
  /** Watch mailboxes on this node (ROLE all or worker). */
  runWatchers: boolean;
  /** Signs plus-address reply tokens. */
  replyAddressSecret: string;
  maxAttachmentBytes: number;
  maxMessageBytes: number;
  leaseSeconds: number;
  /** How often accounts and leases are checked. */
  accountScanMs: number;
  pollIntervalMs: number;
  /** Test-only: SIGKILL this process at a point of the pipeline (crash tests). */
  crashPoint?: 'after-fetch' | 'after-commit';
}
export const EMAIL_CHANNEL_SETTINGS = Symbol('EMAIL_CHANNEL_SETTINGS');
