import twilio from 'twilio';
import {
  PermanentSendError,
  RetryableSendError,
  type ChannelAccountRef,
  type ChannelAdapter,
  type DeliveryReport,
  type OutboundMessage,
  type ReplyWindow,
  type SendResult,
} from '@switchboard/channel-kit';
import { normalizePhone, stripWhatsAppPrefix } from './phone.js';
import { describeTwilioError, isRetryableTwilioCode } from './twilio-errors.js';
import { twilioDeliveryReports } from './twilio-status.js';
import { canSendFreeForm, whatsAppReplyWindow } from './whatsapp-window.js';

export type TwilioChannelKind = 'twilio_sms' | 'twilio_whatsapp';

/** `config` of a `twilio_sms` / `twilio_whatsapp` channel account. */
export interface TwilioAccountConfig {
  accountSid: string;
  authToken: string;
  from?: string;
  messagingServiceSid?: string;
  /** Externally visible base URL: webhook signatures and our status callback URL use it. */
  publicUrl?: string;
  /** Another host for the REST API (tests, compatible gateways). */
  apiBaseUrl?: string;
}

export class TwilioConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TwilioConfigError';
  }
}

/** Validates an account's config; the message names the field an admin must fix. */
export function parseTwilioConfig(config: Record<string, unknown>): TwilioAccountConfig {
  const text = (key: string): string | undefined => {
    const value = config[key];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') throw new TwilioConfigError(`config.${key} must be a string`);
    return value.trim();
  };
  const accountSid = text('accountSid');
  const authToken = text('authToken');
  if (!accountSid || !/^AC[0-9a-fA-F]{32}$/.test(accountSid)) {
    throw new TwilioConfigError(
      'config.accountSid must be a Twilio account SID (AC followed by 32 hex digits)',
    );
  }
  if (!authToken) throw new TwilioConfigError('config.authToken is required');
  const from = text('from');
  const messagingServiceSid = text('messagingServiceSid');
  if (!from && !messagingServiceSid)
    throw new TwilioConfigError('config.from or config.messagingServiceSid is required');
  if (messagingServiceSid && !/^MG[0-9a-fA-F]{32}$/.test(messagingServiceSid)) {
    throw new TwilioConfigError(
      'config.messagingServiceSid must be a Messaging Service SID (MG followed by 32 hex digits)',
    );
  }
  for (const key of ['publicUrl', 'apiBaseUrl'] as const) {
    const value = text(key);
    if (value && !/^https?:\/\//.test(value))
      throw new TwilioConfigError(`config.${key} must be an http(s) URL`);
  }
  return {
    accountSid,
    authToken,
    ...(from ? { from } : {}),
    ...(messagingServiceSid ? { messagingServiceSid } : {}),
    ...(text('publicUrl') ? { publicUrl: text('publicUrl')!.replace(/\/+$/, '') } : {}),
    ...(text('apiBaseUrl') ? { apiBaseUrl: text('apiBaseUrl')!.replace(/\/+$/, '') } : {}),
  };
}

/** Facts about the customer the adapter needs and the core stores (the adapter holds no state). */
export interface TwilioSendPolicy {
  /** When the customer last wrote to this channel account (WhatsApp's 24-hour window). */
  lastCustomerMessageAt?(accountId: string, address: string): Promise<Date | null | undefined>;
  /** Whether the customer replied STOP (and not START since) on this account. */
  isOptedOut?(accountId: string, address: string): Promise<boolean>;
}

export interface TwilioAdapterOptions {
  kind: TwilioChannelKind;
  policy?: TwilioSendPolicy;
  now?: () => Date;
  /**
   * Where Twilio posts delivery status. Default: the account's webhook URL
   * (`{publicUrl}/api/webhooks/twilio/{accountId}`), told apart from inbound messages by
   * classifyTwilioWebhook. Undefined when no publicUrl is configured.
   */
  statusCallbackUrl?: (account: ChannelAccountRef, config: TwilioAccountConfig) => string | undefined;
}

/** A twilio-node HTTP client that sends every request to `baseUrl` instead of *.twilio.com. */
class RebasedRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super();
  }

  override request<TData>(opts: Parameters<InstanceType<typeof twilio.RequestClient>['request']>[0]) {
    const original = new URL(opts.uri);
    const base = new URL(this.baseUrl);
    const uri = base.origin + base.pathname.replace(/\/+$/, '') + original.pathname + original.search;
    return super.request<TData>({ ...opts, uri } as typeof opts & { data?: TData });
  }
}

/** A twilio SDK client for the account, pointed at apiBaseUrl when configured. */
export function createTwilioClient(config: TwilioAccountConfig): twilio.Twilio {
  return twilio(config.accountSid, config.authToken, {
    ...(config.apiBaseUrl ? { httpClient: new RebasedRequestClient(config.apiBaseUrl) } : {}),
  });
}

interface TwilioRestError {
  status?: number;
  code?: number | string;
  message?: string;
}

function isRestError(error: unknown): error is TwilioRestError & Error {
  return error instanceof Error && typeof (error as TwilioRestError).status === 'number';
}

/** A failed Messages API call → PermanentSendError (retrying cannot help) or RetryableSendError. */
export function classifyTwilioSendError(error: unknown): PermanentSendError | RetryableSendError {
  if (error instanceof PermanentSendError || error instanceof RetryableSendError) return error;
  if (isRestError(error)) {
    const status = error.status!;
    const code = error.code === undefined ? undefined : String(error.code);
    const reason = describeTwilioError(code, error.message);
    if (status === 429 || status >= 500 || isRetryableTwilioCode(code)) {
      return new RetryableSendError(reason, code ?? `http_${status}`);
    }
    return new PermanentSendError(reason, code ?? `http_${status}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new RetryableSendError(`Could not reach Twilio: ${message}`, 'network');
}

export type TwilioTestResult =
  { ok: true; friendlyName: string; status: string } | { ok: false; reason: string };

/** Sends SMS or WhatsApp messages through Twilio's Messages API with the official SDK. */
export class TwilioAdapter implements ChannelAdapter {
  readonly kind: TwilioChannelKind;
  /** Twilio may call back before its API answer reaches us: the core holds such callbacks. */
  readonly earlyStatusProvider = 'twilio';
  /** A phone number is reached by SMS or WhatsApp; only SMS may write first (WhatsApp needs the customer's message or a template). */
  readonly addresses: { identityKind: string; anyAddress: boolean };
  private readonly clients = new Map<string, twilio.Twilio>();

  constructor(private readonly options: TwilioAdapterOptions) {
    this.kind = options.kind;
    this.addresses = { identityKind: 'phone', anyAddress: options.kind === 'twilio_sms' };
  }

  /** A WhatsApp `message.template` (an approved Content API template) is the only thing allowed outside the 24-hour window. */
  async send(account: ChannelAccountRef, message: OutboundMessage): Promise<SendResult> {
    const config = this.config(account);
    const whatsapp = this.kind === 'twilio_whatsapp';
    const to = normalizePhone(message.to.address);
    if (!to) {
      throw new PermanentSendError(
        `"${message.to.address}" is not a phone number this channel can send to.`,
        'invalid_recipient',
      );
    }
    if (await this.options.policy?.isOptedOut?.(account.id, to)) {
      throw new PermanentSendError(
        'The customer replied STOP and has unsubscribed from this number; nothing was sent. They must reply START before we can message them again.',
        'opted_out',
      );
    }
    if (whatsapp && !message.template) {
      const last = await this.options.policy?.lastCustomerMessageAt?.(account.id, to);
      if (!canSendFreeForm(last ?? null, this.now())) {
        throw new PermanentSendError(
          last
            ? 'Outside the 24-hour WhatsApp window: the customer last wrote more than 24 hours ago, so a free-form reply is not allowed. Choose an approved template instead.'
            : 'The customer has not written on WhatsApp yet, so a free-form message is not allowed. Choose an approved template instead.',
          'outside_window',
        );
      }
    }

    const prefix = (address: string) => (whatsapp ? `whatsapp:${stripWhatsAppPrefix(address)}` : address);
    const statusCallback = this.statusCallback(account, config);
    const params = {
      to: prefix(to),
      ...(config.messagingServiceSid ? { messagingServiceSid: config.messagingServiceSid } : {}),
      ...(config.from ? { from: prefix(config.from) } : {}),
      ...(statusCallback ? { statusCallback } : {}),
      ...(message.template
        ? {
            contentSid: message.template.contentSid,
            ...(message.template.variables
              ? { contentVariables: JSON.stringify(message.template.variables) }
              : {}),
          }
        : { body: message.text }),
    };
    try {
      const created = await this.client(config).messages.create(params);
      return { providerMessageId: created.sid };
    } catch (error) {
      throw classifyTwilioSendError(error);
    }
  }

  /** WhatsApp's 24-hour window; SMS has none. */
  replyWindow(_account: ChannelAccountRef, lastInboundAt: Date | null, now: Date): ReplyWindow | null {
    return this.kind === 'twilio_whatsapp' ? whatsAppReplyWindow(lastInboundAt, now) : null;
  }

  /** Status callbacks arrive on the account's webhook URL, as form fields. */
  parseDeliveryStatus(channelAccountId: string, payload: unknown): DeliveryReport[] {
    return twilioDeliveryReports(
      channelAccountId,
      (payload ?? {}) as Record<string, string | string[] | undefined>,
    );
  }

  /** The admin "test" action: fetches the account with the configured credentials. */
  async testConnection(account: ChannelAccountRef): Promise<TwilioTestResult> {
    try {
      const config = this.config(account);
      const fetched = await this.client(config).api.v2010.accounts(config.accountSid).fetch();
      return { ok: true, friendlyName: fetched.friendlyName, status: fetched.status };
    } catch (error) {
      if (error instanceof TwilioConfigError || error instanceof PermanentSendError)
        return { ok: false, reason: error.message };
      return { ok: false, reason: classifyTwilioSendError(error).message };
    }
  }

  private config(account: ChannelAccountRef): TwilioAccountConfig {
    try {
      return parseTwilioConfig(account.config);
    } catch (error) {
      throw new PermanentSendError(
        `The channel "${account.name}" is misconfigured: ${(error as Error).message}`,
        'config',
      );
    }
  }

  private statusCallback(account: ChannelAccountRef, config: TwilioAccountConfig): string | undefined {
    if (this.options.statusCallbackUrl) return this.options.statusCallbackUrl(account, config);
    return config.publicUrl
      ? `${config.publicUrl}/api/webhooks/twilio/${encodeURIComponent(account.id)}`
      : undefined;
  }

  private client(config: TwilioAccountConfig): twilio.Twilio {
    const key = `${config.accountSid}\n${config.authToken}\n${config.apiBaseUrl ?? ''}`;
    let client = this.clients.get(key);
    if (!client) {
      client = createTwilioClient(config);
      this.clients.set(key, client);
    }
    return client;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
