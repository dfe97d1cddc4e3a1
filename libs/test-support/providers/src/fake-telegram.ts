import { randomBytes } from 'node:crypto';
import {
  FailureScript,
  startHttpServer,
  type RecordedRequest,
  type RunningServer,
  type ScriptedFailure,
} from './http-server.js';

export interface TelegramCall {
  method: string;
  params: Record<string, unknown>;
  files: RecordedRequest['files'];
}

/** Error JSON as the Bot API returns it. */
export function telegramError(errorCode: number, description: string, retryAfter?: number): ScriptedFailure {
  return {
    status: errorCode,
    body: {
      ok: false,
      error_code: errorCode,
      description,
      ...(retryAfter !== undefined ? { parameters: { retry_after: retryAfter } } : {}),
    },
  };
}

/**
 * A local Telegram Bot API: `/bot<token>/<method>` for getMe, setWebhook, sendMessage,
 * sendDocument, getFile, and `/file/bot<token>/<file_path>` downloads.
 */
export class FakeTelegram {
  readonly requests: RecordedRequest[] = [];
  readonly calls: TelegramCall[] = [];
  readonly failures = new FailureScript();
  webhook: { url: string; secretToken: string | null } | null = null;
  private readonly blockedChats = new Set<string>();
  private readonly files = new Map<string, { path: string; bytes: Buffer }>();
  private server?: RunningServer;
  private nextMessageId = 1;
  readonly botId: number;

  constructor(readonly botToken = '123456789:AAE-fake-telegram-token-for-tests') {
    this.botId = Number(botToken.split(':')[0]);
  }

  get url(): string {
    if (!this.server) throw new Error('FakeTelegram is not started');
    return this.server.url;
  }

  async start(): Promise<RunningServer> {
    this.server = await startHttpServer((request) => this.handle(request));
    return this.server;
  }

  async close(): Promise<void> {
    await this.server?.close();
    this.server = undefined;
  }

  failNext(failure: ScriptedFailure): void {
    this.failures.push(failure);
  }

  /** The user behind this chat blocked the bot: sends answer 403 from now on. */
  blockChat(chatId: number | string): void {
    this.blockedChats.add(String(chatId));
  }

  /** Stores a file a user sent; returns its file_id for getFile. */
  addFile(bytes: Buffer, path = `documents/file_${this.files.size + 1}.bin`): string {
    const fileId = 'BQACAgIAAxkBAAI' + randomBytes(12).toString('base64url');
    this.files.set(fileId, { path, bytes });
    return fileId;
  }

  private get me() {
    return {
      id: this.botId,
      is_bot: true,
      first_name: 'Switchboard Test',
      username: 'switchboard_test_bot',
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
    };
  }

  private handle(request: RecordedRequest) {
    this.requests.push(request);
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(request.path);
    if (download) {
      if (download[1] !== this.botToken) return telegramError(401, 'Unauthorized');
      const file = [...this.files.values()].find((f) => f.path === download[2]);
      return file ? { status: 200, body: file.bytes } : telegramError(404, 'Not Found');
    }
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(request.path);
    if (!match) return telegramError(404, 'Not Found');
    if (match[1] !== this.botToken) return telegramError(401, 'Unauthorized');
    const method = match[2];
    const params = { ...request.query, ...request.body };
    this.calls.push({ method, params, files: request.files });
    const failure = this.failures.take();
    if (failure) return failure;
    const ok = (result: unknown) => ({ status: 200, body: { ok: true, result } });

    switch (method) {
      case 'getMe':
        return ok(this.me);
      case 'answerCallbackQuery':
        return params.callback_query_id ? ok(true) : telegramError(400, 'Bad Request: query is too old');
      case 'setWebhook':
        if (!params.url) return telegramError(400, 'Bad Request: bad webhook: URL must be provided');
        this.webhook = {
          url: String(params.url),
          secretToken: params.secret_token ? String(params.secret_token) : null,
        };
        return { status: 200, body: { ok: true, result: true, description: 'Webhook was set' } };
      case 'getFile': {
        const file = this.files.get(String(params.file_id));
        if (!file) return telegramError(400, 'Bad Request: invalid file_id');
        return ok({
          file_id: params.file_id,
          file_unique_id: 'AgAD' + randomBytes(6).toString('base64url'),
          file_size: file.bytes.length,
          file_path: file.path,
        });
      }
      case 'sendMessage':
      case 'sendDocument': {
        const chatId = params.chat_id === undefined ? '' : String(params.chat_id);
        if (!chatId) return telegramError(400, 'Bad Request: chat_id is empty');
        if (this.blockedChats.has(chatId))
          return telegramError(403, 'Forbidden: bot was blocked by the user');
        const base = {
          message_id: this.nextMessageId++,
          from: this.me,
          chat: { id: Number(chatId), type: 'private' },
          date: Math.floor(Date.now() / 1000),
        };
        if (method === 'sendMessage') {
          if (!params.text) return telegramError(400, 'Bad Request: message text is empty');
          return ok({ ...base, text: params.text });
        }
        const upload = request.files.document;
        if (!upload && !params.document)
          return telegramError(400, 'Bad Request: there is no document in the request');
        return ok({
          ...base,
          ...(params.caption ? { caption: params.caption } : {}),
          document: {
            file_name: upload?.filename ?? 'document',
            mime_type: upload?.contentType ?? 'application/octet-stream',
            file_id: 'BQACAgIAAxkDAAI' + randomBytes(12).toString('base64url'),
            file_unique_id: 'AgAD' + randomBytes(6).toString('base64url'),
            file_size: upload?.bytes.length ?? 0,
          },
        });
      }
      default:
        return telegramError(404, 'Not Found: method not found');
    }
  }
}

export interface TelegramUpdateOptions {
  updateId?: number;
  fromId: number;
  chatId?: number;
  firstName?: string;
  username?: string;
  text?: string;
  caption?: string;
  photoFileIds?: string[];
  document?: { fileId: string; fileName: string; mimeType: string; size: number };
}

/** An `Update` with a `message`, shaped like the Bot API documentation. */
export function telegramMessageUpdate(options: TelegramUpdateOptions): Record<string, unknown> {
  const from = {
    id: options.fromId,
    is_bot: false,
    first_name: options.firstName ?? 'Ada',
    ...(options.username ? { username: options.username } : {}),
    language_code: 'en',
  };
  const chatId = options.chatId ?? options.fromId;
  return {
    update_id: options.updateId ?? Math.floor(Math.random() * 1e9),
    message: {
      message_id: Math.floor(Math.random() * 1e6),
      from,
      chat:
        chatId === options.fromId
          ? { id: chatId, first_name: from.first_name, type: 'private' }
          : { id: chatId, title: 'Group', type: 'group' },
      date: Math.floor(Date.now() / 1000),
      ...(options.text !== undefined ? { text: options.text } : {}),
      ...(options.caption !== undefined ? { caption: options.caption } : {}),
      ...(options.photoFileIds
        ? {
            photo: options.photoFileIds.map((fileId, i) => ({
              file_id: fileId,
              file_unique_id: `AQAD${i}`,
              file_size: 1000 * (i + 1),
              width: 90 * (i + 1),
              height: 60 * (i + 1),
            })),
          }
        : {}),
      ...(options.document
        ? {
            document: {
              file_id: options.document.fileId,
              file_unique_id: 'AgADdoc',
              file_name: options.document.fileName,
              mime_type: options.document.mimeType,
              file_size: options.document.size,
            },
          }
        : {}),
    },
  };
}
