import { Inject, Injectable } from '@nestjs/common';
import {
  PermanentSendError,
  RetryableSendError,
  type ChannelAccountRef,
  type ChannelAdapter,
  type ChannelSetup,
  type ChannelTestResult,
  type OutboundAttachment,
  type OutboundMessage,
  type SendResult,
} from '@switchboard/channel-kit';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { buildReplyHeaders } from '../content/threading.js';
import { mailboxOf, readEmailConfig, type EmailAccountConfig } from './email-config.js';
import {
  EMAIL_CHANNEL_SETTINGS,
  EMAIL_CHANNEL_STORE,
  MAIL_FILE_STORE,
  type EmailChannelSettings,
  type EmailChannelStore,
  type MailFileStore,
} from './email-ports.js';

export interface ConnectionTestReport {
  ok: boolean;
  imap: string;
  smtp: string;
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

const TIMEOUT_MS = 20_000;

/**
 * Sends agent replies and acknowledgements by SMTP. The Message-ID comes from the outbox's
 * idempotency key, so a retry after a crash sends the same Message-ID and the receiver (and
 * our own threading) sees one message. A 5xx answer is final and its words shown on the
 * message; 4xx answers and network trouble are retried by the outbox. Attachments are read
 * from storage on every attempt; one that is gone fails the message rather than going without it.
 */
@Injectable()
export class EmailChannelAdapter implements ChannelAdapter, ChannelSetup {
  readonly kind = 'email';
  /** Any email address can be written to, not only those that wrote to this mailbox. */
  readonly addresses = { identityKind: 'email', anyAddress: true };
  readonly sendsAttachments = true;
  readonly sendsCopies = true;

  constructor(
    @Inject(EMAIL_CHANNEL_STORE) private readonly store: EmailChannelStore,
    @Inject(EMAIL_CHANNEL_SETTINGS) private readonly settings: EmailChannelSettings,
    @Inject(MAIL_FILE_STORE) private readonly files: MailFileStore,
  ) {}

  prepareConfig(config: Record<string, unknown>): Record<string, unknown> {
    return { ...config, ...readEmailConfig(config) };
  }

  async send(account: ChannelAccountRef, message: OutboundMessage): Promise<SendResult> {
    let config: EmailAccountConfig;
    try {
      config = readEmailConfig(account.config);
    } catch (err) {
      throw new PermanentSendError(`the mailbox is misconfigured: ${(err as Error).message}`);
    }
    const attachments = await this.readAttachments(message.attachments ?? []);
    const context = await this.store.outboundContext(account.id, message.messageId, message.ticketId);
    const headers = buildReplyHeaders({
      ticketNumber: message.ticketNumber,
      subject: message.subject,
      messageIdDomain: config.address.split('@')[1],
      idempotencyKey: message.idempotencyKey,
      references: context.references,
      inReplyTo: context.inReplyTo,
      mailbox: config.address,
      secret: this.settings.replyAddressSecret,
    });
    const transport = this.transport(config);
    try {
      await transport.sendMail({
        from: config.fromName ? { name: config.fromName, address: config.address } : config.address,
        to: message.to.name ? { name: message.to.name, address: message.to.address } : message.to.address,
        // nodemailer puts Bcc on the envelope only, never in the headers the readers see.
        ...(message.cc?.length ? { cc: message.cc } : {}),
        ...(message.bcc?.length ? { bcc: message.bcc } : {}),
        replyTo: headers.replyTo,
        subject: headers.subject,
        messageId: headers.messageId,
        ...(headers.inReplyTo ? { inReplyTo: headers.inReplyTo } : {}),
        ...(headers.references.length ? { references: headers.references } : {}),
        text: message.text,
        // A formatted reply brings its sanitized HTML; a plain one is shown as its paragraphs.
        html: message.html ? htmlDocument(message.html) : textToHtml(message.text),
        ...(attachments.length ? { attachments } : {}),
        headers: context.autoReply
          ? { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' }
          : {},
      });
    } catch (err) {
      throw classifySmtpError(err as SmtpError);
    } finally {
      transport.close();
    }
    // Replies to this Message-ID find the ticket even when the sender's client drops our token.
    await this.store.addThreadKey(account.id, headers.messageId, message.ticketId);
    return { providerMessageId: headers.messageId, state: 'sent' };
  }

  private async readAttachments(files: OutboundAttachment[]) {
    return Promise.all(
      files.map(async (file) => {
        try {
          return {
            filename: file.filename,
            contentType: file.contentType,
            content: await this.files.read(file.storageKey),
          };
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'ENOENT')
            throw new PermanentSendError(
              `the attachment "${file.filename}" is missing from storage; the message was not sent`,
            );
          // A file system hiccup may pass; a key the store refuses (no code) never will.
          if (code)
            throw new RetryableSendError(
              `the attachment "${file.filename}" could not be read: ${(err as Error).message}`,
              code,
            );
          throw new PermanentSendError(
            `the attachment "${file.filename}" could not be read: ${(err as Error).message}`,
          );
        }
      }),
    );
  }

  async testAccount(account: ChannelAccountRef): Promise<ChannelTestResult> {
    const report = await this.testConnection(account);
    return report.ok
      ? { ok: true, detail: `IMAP: ${report.imap} SMTP: ${report.smtp}` }
      : { ok: false, reason: `IMAP: ${report.imap} SMTP: ${report.smtp}` };
  }

  /** Logs in to both servers with the stored credentials and says what is wrong in plain words. */
  async testConnection(account: ChannelAccountRef): Promise<ConnectionTestReport> {
    let config: EmailAccountConfig;
    try {
      config = readEmailConfig(account.config);
    } catch (err) {
      const words = `The settings are incomplete: ${(err as Error).message}.`;
      return { ok: false, imap: words, smtp: words };
    }
    const [imap, smtp] = await Promise.all([this.testImap(config), this.testSmtp(config)]);
    return { ok: imap.ok && smtp.ok, imap: imap.words, smtp: smtp.words };
  }

  private async testImap(config: EmailAccountConfig): Promise<{ ok: boolean; words: string }> {
    const { imap } = config;
    const client = new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: imap.secure,
      auth: { user: imap.user, pass: imap.password },
      logger: false,
      emitLogs: false,
      disableAutoIdle: true,
      connectionTimeout: TIMEOUT_MS,
      greetingTimeout: TIMEOUT_MS,
    });
    client.on('error', () => undefined);
    const mailbox = mailboxOf(config);
    try {
      await client.connect();
    } catch (err) {
      client.close();
      return {
        ok: false,
        words: describeImapError(
          err as Error & { authenticationFailed?: boolean; code?: string; responseText?: string },
          imap.host,
          imap.port,
        ),
      };
    }
    try {
      const status = await client.status(mailbox, { messages: true, uidValidity: true });
      if (!status) return { ok: false, words: `Logged in, but the folder "${mailbox}" could not be opened.` };
      return {
        ok: true,
        words: `Logged in to ${imap.host}:${imap.port}; the folder "${mailbox}" has ${status.messages ?? 0} messages.`,
      };
    } catch (err) {
      return {
        ok: false,
        words: `Logged in, but the folder "${mailbox}" could not be opened: ${(err as Error).message}.`,
      };
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  private async testSmtp(config: EmailAccountConfig): Promise<{ ok: boolean; words: string }> {
    const transport = this.transport(config);
    try {
      await transport.verify();
      return {
        ok: true,
        words: `Connected to ${config.smtp.host}:${config.smtp.port}${config.smtp.user ? ' and logged in' : ''}; the server accepts mail.`,
      };
    } catch (err) {
      return { ok: false, words: describeSmtpError(err as SmtpError, config.smtp.host, config.smtp.port) };
    } finally {
      transport.close();
    }
  }

  private transport(config: EmailAccountConfig) {
    const { smtp } = config;
    return nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
      connectionTimeout: TIMEOUT_MS,
      greetingTimeout: TIMEOUT_MS,
      socketTimeout: 60_000,
    });
  }
}

/** 5xx: the server refused for good. 4xx and network errors: worth another try. */
export function classifySmtpError(err: SmtpError): Error {
  const words = err.response?.trim() || err.message;
  if (err.responseCode && err.responseCode >= 500)
    return new PermanentSendError(`The mail server refused the message: ${words}`, String(err.responseCode));
  if (err.responseCode && err.responseCode >= 400)
    return new RetryableSendError(
      `The mail server asked us to try again later: ${words}`,
      String(err.responseCode),
    );
  return new RetryableSendError(`Could not reach the mail server: ${err.message}`, err.code);
}

function describeImapError(
  err: Error & { authenticationFailed?: boolean; code?: string; responseText?: string },
  host: string,
  port: number,
): string {
  if (err.authenticationFailed)
    return `Reached ${host}:${port}, but the user name or password was refused${err.responseText ? ` ("${err.responseText}")` : ''}.`;
  return describeNetworkError(err, host, port);
}

function describeSmtpError(err: SmtpError, host: string, port: number): string {
  if (err.code === 'EAUTH')
    return `Reached ${host}:${port}, but the user name or password was refused${err.response ? ` ("${err.response}")` : ''}.`;
  if (err.responseCode) return `The server at ${host}:${port} answered: ${err.response ?? err.message}.`;
  return describeNetworkError(err, host, port);
}

function describeNetworkError(err: Error & { code?: string }, host: string, port: number): string {
  // nodemailer wraps socket errors (code ESOCKET); the system code is in the message.
  const code =
    /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ECONNRESET)\b/.exec(err.message)?.[1] ??
    err.code;
  switch (code) {
    case 'EHOSTUNREACH':
      return `${host} cannot be reached from here: check the host and any firewall.`;
    case 'ECONNRESET':
      return `${host}:${port} closed the connection: check the port and the "secure" setting.`;
    case 'ECONNREFUSED':
      return `Nothing accepts connections at ${host}:${port}: check the host and port.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The host name ${host} could not be found.`;
    case 'ETIMEDOUT':
    case 'ETIMEOUT':
    case 'CONNECT_TIMEOUT':
    case 'GREETING_TIMEOUT':
      return `${host}:${port} did not answer in time: check the host, the port and any firewall.`;
    default:
      if (/certificate|SSL|TLS|wrong version/i.test(err.message))
        return `A secure connection to ${host}:${port} failed (${err.message}): check the "secure" setting and the port.`;
      return `Could not connect to ${host}:${port}: ${err.message}.`;
  }
}

function htmlDocument(body: string): string {
  return `<!doctype html><html><body>${body}</body></html>`;
}

function textToHtml(text: string): string {
  const escaped = text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
  return `<!doctype html><html><body>${escaped
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`)
    .join('\n')}</body></html>`;
}
