import type { InboundAttachment, InboundMessage } from '@switchboard/channel-kit';
import { classifyAutomated, type AutomatedClassification } from './loop-guard.js';
import type { MailAddress, ParsedAttachment, ParsedMail } from './parse-mail.js';
import { trimReply } from './reply-trimmer.js';
import { sanitizeEmailHtml } from './sanitize-html.js';
import { senderAuthenticated } from './sender-authentication.js';
import { threadingSignals, type ThreadingSignals } from './threading.js';

/** Turns a parsed mail into the core's InboundMessage. Pure: storing bytes is the caller's job. */

export interface EmailAccount {
  /** The channel account's id. */
  id: string;
  /** The mailbox address, e.g. support@example.com. */
  address: string;
  /** authserv-ids of our receiving servers: only their Authentication-Results prove a sender. */
  authServIds?: string[];
}

export interface ToInboundOptions {
  /** Secret of the signed plus-addresses (threading.ts). */
  replyAddressSecret: string;
  /** Largest attachment kept, in bytes; larger ones are listed as rejected, never dropped silently. */
  maxAttachmentBytes: number;
  /** Where an attachment is (or will be) stored; also gives `cid:` images their URL. */
  storageKeyFor?: (attachment: ParsedAttachment, index: number) => string | undefined;
  /** URL the console loads a stored inline image from. */
  attachmentUrl?: (storageKey: string) => string;
}

export interface EmailAttachmentMeta {
  index: number;
  filename: string;
  contentType: string;
  size: number;
  contentId?: string;
  disposition: 'attachment' | 'inline';
  rejectedReason?: string;
}

export interface EmailMessageMeta {
  messageId: string;
  messageIdSynthetic: boolean;
  inReplyTo?: string;
  references: string[];
  to: MailAddress[];
  cc: MailAddress[];
  replyTo: MailAddress[];
  /** Quoted history and signature, folded away in the timeline. */
  elidedText: string;
  automated: AutomatedClassification;
  threading: ThreadingSignals;
  forwardedFrom?: MailAddress;
  attachments: EmailAttachmentMeta[];
  blockedRemoteImages: number;
  fromMissing?: boolean;
  rawSha256: string;
  rawSize: number;
}

const FORWARD_MARKER =
  /^[ \t>*]*(?:-{3,}[ \t]*Forwarded message[ \t]*-{3,}|Begin forwarded message:|-{3,}[ \t]*(?:Weitergeleitete Nachricht|Message transféré|Mensaje reenviado)[ \t]*-{3,})/im;
const FORWARDED_FROM = /^[ \t>*]*(?:From|Von|De)[ \t*]*:[ \t*]*(.+)$/im;

/** The original sender named under a forward marker, if this mail forwards one. */
export function detectForward(text: string | undefined): { forwardedFrom?: MailAddress } | undefined {
  if (!text) return undefined;
  const marker = FORWARD_MARKER.exec(text);
  if (!marker) return undefined;
  const after = text.slice(marker.index + marker[0].length, marker.index + marker[0].length + 2000);
  const fromLine = FORWARDED_FROM.exec(after)?.[1]?.replace(/\*/g, '').trim();
  if (!fromLine) return {};
  const address = /<?([^\s<>"]+@[^\s<>"]+\.[^\s<>"]+?)>?$/
    .exec(fromLine)?.[1]
    ?.replace(/[>\])]+$/, '')
    .toLowerCase();
  if (!address) return {};
  const name = fromLine
    .replace(/<[^>]*>|\[[^\]]*]|\([^)]*\)/g, '')
    .replace(address, '')
    .replace(/["']/g, '')
    .trim();
  return { forwardedFrom: { address, ...(name ? { name } : {}) } };
}

/** A name to show for an attachment: no directories, no control characters, never empty. */
export function displayFilename(filename: string | undefined, index: number, contentType: string): string {
  const base = (filename ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 200);
  if (base) return base;
  const ext = contentType
    .split('/')[1]
    ?.replace(/[^a-z0-9.+-]/gi, '')
    .slice(0, 20);
  return `attachment-${index + 1}${ext ? `.${ext}` : ''}`;
}

export function toInboundMessage(
  mail: ParsedMail,
  account: EmailAccount,
  options: ToInboundOptions,
): InboundMessage {
  const automated = classifyAutomated(mail);
  const threading = threadingSignals(mail, account.address, options.replyAddressSecret);
  const forward = detectForward(mail.text);

  // A forward shows what was forwarded: that is the content, not quoted history.
  const { visible, elided } = forward
    ? { visible: (mail.text ?? '').trim(), elided: '' }
    : trimReply(mail.text);

  const storageKeys = new Map<number, string>();
  const attachmentsMeta: EmailAttachmentMeta[] = mail.attachments.map((a, index) => {
    const tooLarge = a.size > options.maxAttachmentBytes;
    if (!tooLarge) {
      const key = options.storageKeyFor?.(a, index);
      if (key) storageKeys.set(index, key);
    }
    return {
      index,
      filename: displayFilename(a.filename, index, a.contentType),
      contentType: a.contentType,
      size: a.size,
      ...(a.contentId ? { contentId: a.contentId } : {}),
      disposition: a.disposition,
      ...(tooLarge
        ? {
            rejectedReason: `attachment is ${a.size} bytes, over the ${options.maxAttachmentBytes}-byte limit`,
          }
        : {}),
    };
  });

  const byContentId = new Map(
    attachmentsMeta.filter((a) => a.contentId && !a.rejectedReason).map((a) => [a.contentId!, a.index]),
  );
  const sanitized = mail.html
    ? sanitizeEmailHtml(mail.html, {
        resolveCid: (cid) => {
          const index = byContentId.get(cid);
          const key = index === undefined ? undefined : storageKeys.get(index);
          return key && options.attachmentUrl ? options.attachmentUrl(key) : undefined;
        },
      })
    : undefined;

  const attachments: InboundAttachment[] = attachmentsMeta.map((a) => ({
    filename: a.filename,
    contentType: a.contentType,
    size: a.size,
    ...(storageKeys.has(a.index) ? { storageKey: storageKeys.get(a.index) } : {}),
    ...(a.rejectedReason ? { rejectedReason: a.rejectedReason } : {}),
  }));

  const sender = mail.from ?? mail.sender ?? mail.replyTo[0];
  const meta: EmailMessageMeta = {
    messageId: mail.messageId,
    messageIdSynthetic: mail.messageIdSynthetic,
    ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
    references: mail.references,
    to: mail.to,
    cc: mail.cc,
    replyTo: mail.replyTo,
    elidedText: elided,
    automated,
    threading,
    ...(forward?.forwardedFrom ? { forwardedFrom: forward.forwardedFrom } : {}),
    attachments: attachmentsMeta,
    blockedRemoteImages: sanitized?.blockedRemoteImages ?? 0,
    ...(sender ? {} : { fromMissing: true }),
    rawSha256: mail.sha256,
    rawSize: mail.size,
  };

  const ticketNumber = threading.replyAddressTicketNumber ?? threading.subjectTicketNumber;
  return {
    channelAccountId: account.id,
    externalId: mail.messageId,
    from: {
      kind: 'email',
      address: sender?.address ?? 'unknown@switchboard.invalid',
      ...(sender?.name ? { name: sender.name } : {}),
      verified: senderAuthenticated(
        mail.authenticationResults ?? [],
        account.authServIds ?? [],
        sender?.address,
      ),
    },
    text: visible,
    ...(sanitized ? { html: sanitized.html } : {}),
    ...(mail.subject ? { subject: mail.subject } : {}),
    threadKey: threading.candidateMessageIds[0] ?? mail.messageId,
    alsoThreadKeys: [mail.messageId],
    ...(ticketNumber !== undefined ? { ticketHint: { ticketNumber } } : {}),
    ...(mail.date ? { sentAt: mail.date } : {}),
    attachments,
    meta: meta as unknown as Record<string, unknown>,
  };
}
