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
import { classifyGraphError, type GraphErrorBody } from './meta-errors.js';
import {
  metaDeliveryReports,
  MetaPayloadError,
  normalizeMetaWebhook,
  type MetaChannel,
} from './meta-inbound.js';
import { decideMetaMessaging, metaReplyWindow } from './meta-window.js';

export const DEFAULT_GRAPH_BASE_URL = 'https://graph.facebook.com';
export const DEFAULT_GRAPH_VERSION = 'v19.0';

/** `config` of a `messenger` / `instagram` channel account. */
export interface MetaAccountConfig {
  pageId: string;
  pageAccessToken: string;
  appSecret: string;
  verifyToken: string;
  apiBaseUrl?: string;
  graphVersion?: string;
  /** The page is approved for the HUMAN_AGENT tag: human replies allowed up to 7 days. */
  humanAgentTag?: boolean;
}

export class MetaConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetaConfigError';
  }
}

export function parseMetaConfig(config: Record<string, unknown>): MetaAccountConfig {
  const text = (key: string, required: boolean): string | undefined => {
    const value = config[key];
    if (value === undefined || value === null || value === '') {
      if (required) throw new MetaConfigError(`config.${key} is required`);
      return undefined;
    }
    if (typeof value !== 'string') throw new MetaConfigError(`config.${key} must be a string`);
    return value.trim();
  };
  const apiBaseUrl = text('apiBaseUrl', false);
  if (apiBaseUrl && !/^https?:\/\//.test(apiBaseUrl))
    throw new MetaConfigError('config.apiBaseUrl must be an http(s) URL');
  const graphVersion = text('graphVersion', false);
  if (graphVersion && !/^v\d+\.\d+$/.test(graphVersion))
    throw new MetaConfigError('config.graphVersion must look like v19.0');
  if (config.humanAgentTag !== undefined && typeof config.humanAgentTag !== 'boolean') {
    throw new MetaConfigError('config.humanAgentTag must be true or false');
  }
  return {
    pageId: text('pageId', true)!,
    pageAccessToken: text('pageAccessToken', true)!,
    appSecret: text('appSecret', true)!,
    verifyToken: text('verifyToken', true)!,
    ...(apiBaseUrl ? { apiBaseUrl: apiBaseUrl.replace(/\/+$/, '') } : {}),
    ...(graphVersion ? { graphVersion } : {}),
    ...(config.humanAgentTag === true ? { humanAgentTag: true } : {}),
  };
}

export interface MetaSendPolicy {
  /** When the customer last wrote to this page (the 24-hour window). */
  lastCustomerMessageAt(accountId: string, address: string): Promise<Date | null | undefined>;
}

export interface MetaAdapterOptions {
  kind: MetaChannel;
  policy: MetaSendPolicy;
  now?: () => Date;
  fetch?: typeof fetch;
}

/** Longest text per message: Messenger allows 2000 characters, Instagram 1000. */
const TEXT_LIMIT: Record<MetaChannel, number> = { messenger: 2000, instagram: 1000 };

/** Splits a long reply on paragraph, line or word boundaries where possible. */
export function splitText(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while ([...rest].length > limit) {
    const head = [...rest].slice(0, limit).join('');
    const cut = Math.max(head.lastIndexOf('\n\n'), head.lastIndexOf('\n'), head.lastIndexOf(' '));
    const at = cut > limit / 2 ? cut : head.length;
    parts.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

export type MetaTestResult = { ok: true; pageName: string; pageId: string } | { ok: false; reason: string };

/** Replies on Messenger or Instagram through the Graph Send API. */
export class MetaAdapter implements ChannelAdapter {
  readonly kind: MetaChannel;

  constructor(private readonly options: MetaAdapterOptions) {
    this.kind = options.kind;
  }

  async send(account: ChannelAccountRef, message: OutboundMessage): Promise<SendResult> {
    const config = this.config(account);
    const recipientId = message.to.address;
    const last = await this.options.policy.lastCustomerMessageAt(account.id, recipientId);
    const decision = decideMetaMessaging(last, this.now(), { humanAgentTag: config.humanAgentTag });
    if (!decision.allowed) throw new PermanentSendError(decision.reason, 'outside_window');

    let providerMessageId: string | undefined;
    const chunks = splitText(message.text, TEXT_LIMIT[this.kind]);
    for (const [index, text] of chunks.entries()) {
      // Quick replies ride on the last part: Messenger shows them under the newest message only.
      const quickReplies =
        index === chunks.length - 1 && message.choices?.length
          ? message.choices
              .slice(0, 13)
              .map((c) => ({ content_type: 'text', title: c.label, payload: c.value }))
          : undefined;
      const answer = await this.graph<{ message_id?: string }>(config, 'POST', 'me/messages', {
        recipient: { id: recipientId },
        messaging_type: decision.messagingType,
        ...(decision.messagingType === 'MESSAGE_TAG' ? { tag: decision.tag } : {}),
        message: { text, ...(quickReplies ? { quick_replies: quickReplies } : {}) },
      });
      providerMessageId = answer.message_id;
    }
    return { providerMessageId };
  }

  /** The reply window; `humanAgentTag` is plain config, so no credentials are needed to read it. */
  replyWindow(account: ChannelAccountRef, lastInboundAt: Date | null, now: Date): ReplyWindow {
    return metaReplyWindow(lastInboundAt, now, { humanAgentTag: account.config.humanAgentTag === true });
  }

  /** Delivery and read receipts from a webhook body (parsed JSON). */
  parseDeliveryStatus(channelAccountId: string, payload: unknown): DeliveryReport[] {
    try {
      return metaDeliveryReports(
        channelAccountId,
        normalizeMetaWebhook(payload, { channelAccountId }).statuses,
      );
    } catch (err) {
      if (err instanceof MetaPayloadError) return [];
      throw err;
    }
  }

  /** The admin "test" action: reads the page behind the access token. */
  async testConnection(account: ChannelAccountRef): Promise<MetaTestResult> {
    try {
      const config = this.config(account);
      const page = await this.graph<{ id: string; name: string }>(config, 'GET', 'me?fields=id,name');
      if (page.id !== config.pageId) {
        return {
          ok: false,
          reason: `The access token belongs to page ${page.id} ("${page.name}"), not the configured page ${config.pageId}.`,
        };
      }
      return { ok: true, pageName: page.name, pageId: page.id };
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
  }

  private async graph<T>(
    config: MetaAccountConfig,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<T> {
    const base = `${config.apiBaseUrl ?? DEFAULT_GRAPH_BASE_URL}/${config.graphVersion ?? DEFAULT_GRAPH_VERSION}/${path}`;
    const url = `${base}${base.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(config.pageAccessToken)}`;
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(url, {
        method,
        ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      throw new RetryableSendError(`Could not reach Meta: ${(error as Error).message}`, 'network');
    }
    const payload = (await response.json().catch(() => undefined)) as
      (T & { error?: GraphErrorBody }) | undefined;
    if (!response.ok || payload?.error) throw classifyGraphError(response.status, payload?.error);
    return payload as T;
  }

  private config(account: ChannelAccountRef): MetaAccountConfig {
    try {
      return parseMetaConfig(account.config);
    } catch (error) {
      throw new PermanentSendError(
        `The channel "${account.name}" is misconfigured: ${(error as Error).message}`,
        'config',
      );
    }
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
