import {
  PermanentSendError,
  RetryableSendError,
  type ChannelAccountRef,
  type ChannelAdapter,
  type OutboundChoice,
  type OutboundMessage,
  type SendResult,
} from '@switchboard/channel-kit';

export const DEFAULT_TELEGRAM_API_BASE_URL = 'https://api.telegram.org';

/** `config` of a `telegram` channel account. */
export interface TelegramAccountConfig {
  botToken: string;
  secretToken?: string;
  apiBaseUrl?: string;
}

export class TelegramConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TelegramConfigError';
  }
}

export function parseTelegramConfig(config: Record<string, unknown>): TelegramAccountConfig {
  const { botToken, secretToken, apiBaseUrl } = config;
  if (typeof botToken !== 'string' || !/^\d+:[A-Za-z0-9_-]{20,}$/.test(botToken.trim())) {
    throw new TelegramConfigError('config.botToken must be the token from @BotFather (123456789:AA…)');
  }
  if (
    secretToken !== undefined &&
    secretToken !== null &&
    secretToken !== '' &&
    (typeof secretToken !== 'string' || !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken))
  ) {
    throw new TelegramConfigError('config.secretToken must be 1–256 characters of A-Z, a-z, 0-9, _ and -');
  }
  if (
    apiBaseUrl !== undefined &&
    apiBaseUrl !== null &&
    apiBaseUrl !== '' &&
    (typeof apiBaseUrl !== 'string' || !/^https?:\/\//.test(apiBaseUrl))
  ) {
    throw new TelegramConfigError('config.apiBaseUrl must be an http(s) URL');
  }
  return {
    botToken: botToken.trim(),
    ...(typeof secretToken === 'string' && secretToken ? { secretToken } : {}),
    ...(typeof apiBaseUrl === 'string' && apiBaseUrl ? { apiBaseUrl: apiBaseUrl.replace(/\/+$/, '') } : {}),
  };
}

interface TelegramAnswer<T> {
  ok: boolean;
  result?: T;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** A failed Bot API call: `permanent` when retrying cannot help (blocked, chat gone, bad token). */
export class TelegramApiError extends Error {
  constructor(
    readonly method: string,
    readonly status: number,
    readonly description: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(`Telegram ${method} failed: ${description}`);
    this.name = 'TelegramApiError';
  }
}

function plainReason(error: TelegramApiError): string {
  const d = error.description.toLowerCase();
  if (error.status === 403 && d.includes('blocked'))
    return 'The customer blocked the bot on Telegram; nothing can be sent until they unblock it.';
  if (error.status === 403 && d.includes('deactivated'))
    return "The customer's Telegram account was deleted.";
  if (error.status === 403) return `Telegram does not let the bot message this chat (${error.description}).`;
  if (error.status === 401 || error.status === 404)
    return 'Telegram rejected the bot token; check the channel configuration.';
  if (d.includes('chat not found'))
    return 'Telegram does not know this chat (the customer may have deleted it).';
  return `Telegram refused the message: ${error.description}`;
}

/** A Bot API failure → PermanentSendError or RetryableSendError (429 honours retry_after). */
export function classifyTelegramError(error: unknown): PermanentSendError | RetryableSendError {
  if (error instanceof PermanentSendError || error instanceof RetryableSendError) return error;
  if (error instanceof TelegramApiError) {
    if (error.status === 429) {
      const seconds = error.retryAfterSeconds ?? 1;
      return new RetryableSendError(`Telegram rate limit: retry after ${seconds} s`, '429', seconds * 1000);
    }
    if (error.status >= 500)
      return new RetryableSendError(`Telegram is unavailable: ${error.description}`, String(error.status));
    return new PermanentSendError(plainReason(error), String(error.status));
  }
  return new RetryableSendError(`Could not reach Telegram: ${(error as Error).message}`, 'network');
}

export interface TelegramDocument {
  filename: string;
  contentType: string;
  bytes: Buffer;
  caption?: string;
}

export interface TelegramBotInfo {
  id: number;
  username: string;
  first_name: string;
  is_bot: boolean;
}

/** Sends text and documents with the Telegram Bot API; also the configure/test calls. */
export class TelegramAdapter implements ChannelAdapter {
  readonly kind = 'telegram';

  constructor(private readonly options: { fetch?: typeof fetch } = {}) {}

  async send(account: ChannelAccountRef, message: OutboundMessage): Promise<SendResult> {
    const config = this.config(account);
    // Replies go to the chat the customer wrote from (a group, or their private chat).
    const chatId = message.threadKey || message.to.address;
    let last: { message_id: number } | undefined;
    try {
      const parts = splitTelegramText(message.text);
      for (const [index, text] of parts.entries()) {
        // An inline keyboard under the last part; a tap arrives as a callback query (see telegram-inbound).
        const keyboard =
          index === parts.length - 1 && message.choices?.length ? inlineKeyboard(message.choices) : undefined;
        last = await this.call<{ message_id: number }>(config, 'sendMessage', {
          chat_id: chatId,
          text,
          ...(keyboard ? { reply_markup: keyboard } : {}),
        });
      }
    } catch (error) {
      throw classifyTelegramError(error);
    }
    return { providerMessageId: last ? `${chatId}:${last.message_id}` : undefined };
  }

  async answerCallback(config: TelegramAccountConfig, callbackQueryId: string): Promise<void> {
    await this.call(config, 'answerCallbackQuery', { callback_query_id: callbackQueryId });
  }

  async sendDocument(
    account: ChannelAccountRef,
    chatId: string,
    document: TelegramDocument,
  ): Promise<SendResult> {
    const config = this.config(account);
    const form = new FormData();
    form.set('chat_id', chatId);
    if (document.caption) form.set('caption', document.caption);
    form.set(
      'document',
      new Blob([new Uint8Array(document.bytes)], { type: document.contentType }),
      document.filename,
    );
    try {
      const sent = await this.call<{ message_id: number }>(config, 'sendDocument', form);
      return { providerMessageId: `${chatId}:${sent.message_id}` };
    } catch (error) {
      throw classifyTelegramError(error);
    }
  }

  /** On configure: point the bot's webhook at our URL with the secret Telegram will echo back. */
  async setWebhook(config: TelegramAccountConfig, url: string, secretToken: string): Promise<void> {
    await this.call<boolean>(config, 'setWebhook', {
      url,
      secret_token: secretToken,
      allowed_updates: ['message', 'edited_message'],
      drop_pending_updates: false,
    });
  }

  /** The admin "test" action. */
  async testConnection(
    account: ChannelAccountRef,
  ): Promise<{ ok: true; bot: TelegramBotInfo } | { ok: false; reason: string }> {
    try {
      return { ok: true, bot: await this.call<TelegramBotInfo>(this.config(account), 'getMe', {}) };
    } catch (error) {
      return {
        ok: false,
        reason: (error as Error).message.startsWith('Telegram getMe failed')
          ? plainReason(error as TelegramApiError)
          : (error as Error).message,
      };
    }
  }

  /** Fetches a file the customer sent (getFile, then the file download URL). */
  async downloadFile(config: TelegramAccountConfig, fileId: string): Promise<Buffer> {
    const file = await this.call<{ file_path?: string }>(config, 'getFile', { file_id: fileId });
    if (!file.file_path)
      throw new Error('Telegram returned no file_path (files over 20 MB cannot be downloaded by bots)');
    const response = await this.fetch()(`${base(config)}/file/bot${config.botToken}/${file.file_path}`);
    if (!response.ok) throw new TelegramApiError('file download', response.status, `HTTP ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  }

  private async call<T>(
    config: TelegramAccountConfig,
    method: string,
    params: Record<string, unknown> | FormData,
  ): Promise<T> {
    const body = params instanceof FormData ? params : JSON.stringify(params);
    const response = await this.fetch()(`${base(config)}/bot${config.botToken}/${method}`, {
      method: 'POST',
      ...(params instanceof FormData ? {} : { headers: { 'content-type': 'application/json' } }),
      body,
    });
    const answer = (await response
      .json()
      .catch(() => ({ ok: false, description: `HTTP ${response.status}` }))) as TelegramAnswer<T>;
    if (!response.ok || !answer.ok) {
      throw new TelegramApiError(
        method,
        answer.error_code ?? response.status,
        answer.description ?? `HTTP ${response.status}`,
        answer.parameters?.retry_after,
      );
    }
    return answer.result as T;
  }

  private config(account: ChannelAccountRef): TelegramAccountConfig {
    try {
      return parseTelegramConfig(account.config);
    } catch (error) {
      throw new PermanentSendError(
        `The channel "${account.name}" is misconfigured: ${(error as Error).message}`,
        'config',
      );
    }
  }

  private fetch(): typeof fetch {
    return this.options.fetch ?? fetch;
  }
}

function base(config: TelegramAccountConfig): string {
  return config.apiBaseUrl ?? DEFAULT_TELEGRAM_API_BASE_URL;
}

/** Telegram takes at most 4096 characters per message. */
export function splitTelegramText(text: string, limit = 4096): string[] {
  const chars = [...text];
  if (chars.length <= limit) return [text];
  const parts: string[] = [];
  for (let i = 0; i < chars.length; i += limit) parts.push(chars.slice(i, i + limit).join(''));
  return parts;
}

/** Buttons in rows of at most six, so an 11-point scale still fits a phone screen. */
function inlineKeyboard(choices: OutboundChoice[]) {
  const rows: Array<Array<{ text: string; callback_data: string }>> = [];
  for (let i = 0; i < choices.length; i += 6)
    rows.push(choices.slice(i, i + 6).map((c) => ({ text: c.label, callback_data: c.value.slice(0, 64) })));
  return { inline_keyboard: rows };
}
