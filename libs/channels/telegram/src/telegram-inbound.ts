import type { InboundMessage } from '@switchboard/channel-kit';

/** A file the customer sent, still on Telegram's servers (fetch with getFile + download). */
export interface TelegramFileRef {
  fileId: string;
  kind: 'photo' | 'document';
  filename: string;
  contentType: string;
  size?: number;
}

export type TelegramInbound =
  | { kind: 'message'; message: InboundMessage; files: TelegramFileRef[]; callbackQueryId?: string }
  | { kind: 'ignored'; reason: string; externalId?: string };

interface TgUser {
  id: number;
  is_bot?: boolean;
  first_name?: string;
  last_name?: string;
  username?: string;
}
interface TgMessage {
  message_id: number;
  from?: TgUser;
  chat: { id: number; type: string; title?: string };
  date: number;
  text?: string;
  caption?: string;
  photo?: Array<{
    file_id: string;
    file_unique_id: string;
    width: number;
    height: number;
    file_size?: number;
  }>;
  document?: {
    file_id: string;
    file_unique_id: string;
    file_name?: string;
    mime_type?: string;
    file_size?: number;
  };
}
interface TgUpdate {
  update_id?: number;
  message?: TgMessage;
  edited_message?: TgMessage;
  channel_post?: TgMessage;
  callback_query?: TgCallbackQuery;
}

/** A tap on an inline keyboard button we sent (a survey score). */
interface TgCallbackQuery {
  id: string;
  from?: TgUser;
  message?: { message_id: number; chat: { id: number; type: string } };
  data?: string;
}

/** The numeric bot id is the part of the token before the colon. */
export function telegramBotId(botToken: string): string {
  const id = botToken.split(':')[0];
  if (!/^\d+$/.test(id)) throw new Error('a Telegram bot token looks like 123456789:AA…');
  return id;
}

/**
 * A webhook Update → InboundMessage. The dedupe key is `<bot id>:<update_id>`: update ids are
 * only unique per bot (and restart from a random number after a week without updates, so the
 * bot id alone is what keeps two bots' updates apart).
 */
export function normalizeTelegramUpdate(
  update: unknown,
  options: { channelAccountId: string; botId: string },
): TelegramInbound {
  const u = update as TgUpdate;
  if (typeof u?.update_id !== 'number')
    return { kind: 'ignored', reason: 'not a Telegram update (no update_id)' };
  const externalId = `${options.botId}:${u.update_id}`;
  if (u.edited_message)
    return { kind: 'ignored', reason: 'edits are not applied to stored messages', externalId };
  if (u.callback_query) return normalizeCallback(u.callback_query, externalId, options.channelAccountId);
  const msg = u.message;
  if (!msg)
    return { kind: 'ignored', reason: 'update type not handled (channel post, callback, …)', externalId };
  if (!msg.from || msg.from.is_bot)
    return { kind: 'ignored', reason: 'message not from a person', externalId };

  const files: TelegramFileRef[] = [];
  if (msg.photo?.length) {
    // Telegram sends every resolution of a photo; the last (and largest) is the original.
    const largest = msg.photo.reduce((a, b) =>
      (b.file_size ?? b.width * b.height) > (a.file_size ?? a.width * a.height) ? b : a,
    );
    files.push({
      fileId: largest.file_id,
      kind: 'photo',
      filename: `photo-${msg.message_id}.jpg`,
      contentType: 'image/jpeg',
      size: largest.file_size,
    });
  }
  if (msg.document) {
    files.push({
      fileId: msg.document.file_id,
      kind: 'document',
      filename: msg.document.file_name ?? `document-${msg.message_id}`,
      contentType: msg.document.mime_type ?? 'application/octet-stream',
      size: msg.document.file_size,
    });
  }
  const name = [msg.from.first_name, msg.from.last_name].filter(Boolean).join(' ') || msg.from.username;
  const message: InboundMessage = {
    channelAccountId: options.channelAccountId,
    externalId,
    from: { kind: 'telegram', address: String(msg.from.id), ...(name ? { name } : {}) },
    text: msg.text ?? msg.caption ?? '',
    threadKey: String(msg.chat.id),
    sentAt: new Date(msg.date * 1000),
    meta: {
      channel: 'telegram',
      provider: 'telegram',
      chatId: msg.chat.id,
      chatType: msg.chat.type,
      messageId: msg.message_id,
      ...(msg.from.username ? { username: msg.from.username } : {}),
      ...(files.length ? { files } : {}),
    },
  };
  return { kind: 'message', message, files };
}

/**
 * A button tap becomes a message from the person whose text is the button's value, so the core
 * reads it like a typed answer (a survey score); the query id lets the webhook stop the spinner.
 */
function normalizeCallback(
  cb: TgCallbackQuery,
  externalId: string,
  channelAccountId: string,
): TelegramInbound {
  if (!cb.from || cb.from.is_bot || !cb.data)
    return { kind: 'ignored', reason: 'button tap without data or not from a person', externalId };
  const chatId = cb.message?.chat.id ?? cb.from.id;
  const name = [cb.from.first_name, cb.from.last_name].filter(Boolean).join(' ') || cb.from.username;
  return {
    kind: 'message',
    files: [],
    callbackQueryId: cb.id,
    message: {
      channelAccountId,
      externalId,
      from: { kind: 'telegram', address: String(cb.from.id), ...(name ? { name } : {}) },
      text: cb.data,
      threadKey: String(chatId),
      sentAt: new Date(),
      meta: { channel: 'telegram', provider: 'telegram', chatId, buttonTap: true },
    },
  };
}
