export {
  MailParseError,
  MailParserPool,
  normalizeMessageId,
  parseMail,
  type AutomationHeaders,
  type MailAddress,
  type MailParseFailure,
  type MailParserOptions,
  type MimePart,
  type ParsedAttachment,
  type ParsedMail,
  type ReportParts,
} from './content/parse-mail.js';
export { trimReply, type TrimmedReply } from './content/reply-trimmer.js';
export { sanitizeEmailHtml, type SanitizedHtml, type SanitizeOptions } from './content/sanitize-html.js';
export {
  classifyAutomated,
  shouldAutoAcknowledge,
  type AcknowledgementDecision,
  type AcknowledgementInput,
  type AutomatedClassification,
  type AutomatedReason,
} from './content/loop-guard.js';
export { extractBounce, type BouncedRecipient, type BounceReport } from './content/bounce.js';
export {
  buildMessageId,
  buildReplyAddress,
  buildReplyHeaders,
  normalizeSubject,
  senderBelongsToTicket,
  subjectTicketNumber,
  threadingSignals,
  verifyReplyAddress,
  type ReplyHeaders,
  type ReplyHeadersInput,
  type ThreadingSignals,
} from './content/threading.js';
export {
  detectForward,
  displayFilename,
  toInboundMessage,
  type EmailAccount,
  type EmailAttachmentMeta,
  type EmailMessageMeta,
  type ToInboundOptions,
} from './content/to-inbound.js';
export { EmailChannelModule } from './channel/email-channel.module.js';
export {
  EmailChannelAdapter,
  classifySmtpError,
  type ConnectionTestReport,
} from './channel/email-channel.adapter.js';
export { EmailWatcherSupervisor } from './channel/email-watcher.supervisor.js';
export { InboundMailProcessor, type ProcessOutcome } from './channel/inbound-mail.processor.js';
export { MailboxWatcher, PROCESSED_KEYWORD, type WatcherStatus } from './channel/mailbox-watcher.js';
export { readEmailConfig, mailboxOf, type EmailAccountConfig } from './channel/email-config.js';
export * from './channel/email-ports.js';
