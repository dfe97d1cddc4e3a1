import {
  PermanentSendError,
  RetryableSendError,
  type ChannelAccountRef,
  type OutboundMessage,
} from '@switchboard/channel-kit';
import { FakeTelegram, telegramError, telegramMessageUpdate } from '@switchboard/test-support-providers';
import { splitTelegramText, TelegramAdapter } from '../telegram-adapter.js';
import { normalizeTelegramUpdate, telegramBotId } from '../telegram-inbound.js';
import { generateTelegramSecretToken, verifyTelegramSecret } from '../telegram-secret.js';

const fake = new FakeTelegram();
const channelAccountId = 'acct-tg-1';

beforeAll(async () => {
  await fake.start();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.failures.clear();
  fake.calls.length = 0;
});

const account = (config: Record<string, unknown> = {}): ChannelAccountRef => ({
  id: channelAccountId,
  kind: 'telegram',
  name: 'Support bot',
  config: { botToken: fake.botToken, apiBaseUrl: fake.url, ...config },
});

const reply = (chatId: string, text = 'We are on it!'): OutboundMessage => ({
  messageId: 'm-1',
  idempotencyKey: 'm-1',
  ticketId: 't-1',
  ticketNumber: 7,
  subject: '',
  to: { kind: 'telegram', address: chatId },
  threadKey: chatId,
  text,
  attempt: 1,
});

describe('the webhook secret token', () => {
  const secret = generateTelegramSecretToken();

  it('generates a token Telegram accepts', () => {
    expect(secret).toMatch(/^[A-Za-z0-9_-]{1,256}$/);
  });

  it('accepts the secret set with setWebhook', () => {
    expect(verifyTelegramSecret(secret, secret)).toEqual({ valid: true });
  });

  it('refuses a mismatched secret', () => {
    const result = verifyTelegramSecret(secret.slice(0, -1) + (secret.endsWith('a') ? 'b' : 'a'), secret);
    expect(result.valid).toBe(false);
    expect(JSON.stringify(result)).not.toContain(secret);
  });

  it('refuses a missing header', () => {
    expect(verifyTelegramSecret(undefined, secret)).toEqual({
      valid: false,
      reason: 'missing X-Telegram-Bot-Api-Secret-Token header',
    });
  });

  it('refuses everything when the bot has no secret configured', () => {
    expect(verifyTelegramSecret('', undefined).valid).toBe(false);
    expect(verifyTelegramSecret('anything', '').valid).toBe(false);
  });
});

describe('Telegram updates become InboundMessages', () => {
  const botId = telegramBotId(fake.botToken);

  it('a text message: dedupe key is bot id + update_id, address is the user, thread is the chat', () => {
    const update = telegramMessageUpdate({
      updateId: 905001,
      fromId: 42,
      firstName: 'Ada',
      username: 'ada_l',
      text: 'My parcel is late',
    });
    const result = normalizeTelegramUpdate(update, { channelAccountId, botId });
    expect(result).toMatchObject({
      kind: 'message',
      message: {
        channelAccountId,
        externalId: '123456789:905001',
        from: { kind: 'telegram', address: '42', name: 'Ada' },
        text: 'My parcel is late',
        threadKey: '42',
      },
      files: [],
    });
  });

  it('the same update_id for two different bots gives two different keys', () => {
    const update = telegramMessageUpdate({ updateId: 1, fromId: 42, text: 'x' });
    const a = normalizeTelegramUpdate(update, { channelAccountId, botId: '111' });
    const b = normalizeTelegramUpdate(update, { channelAccountId, botId: '222' });
    expect(
      a.kind === 'message' && b.kind === 'message' && a.message.externalId !== b.message.externalId,
    ).toBe(true);
  });

  it('a photo keeps the caption and the largest size', () => {
    const update = telegramMessageUpdate({
      fromId: 42,
      caption: 'the broken lid',
      photoFileIds: ['small', 'medium', 'large'],
    });
    const result = normalizeTelegramUpdate(update, { channelAccountId, botId });
    expect(result.kind).toBe('message');
    if (result.kind !== 'message') return;
    expect(result.message.text).toBe('the broken lid');
    expect(result.files).toEqual([
      expect.objectContaining({ fileId: 'large', kind: 'photo', contentType: 'image/jpeg' }),
    ]);
  });

  it('a document is listed with its name and type', () => {
    const update = telegramMessageUpdate({
      fromId: 42,
      document: { fileId: 'doc1', fileName: 'invoice.pdf', mimeType: 'application/pdf', size: 2048 },
    });
    const result = normalizeTelegramUpdate(update, { channelAccountId, botId });
    expect(result.kind === 'message' && result.files).toEqual([
      {
        fileId: 'doc1',
        kind: 'document',
        filename: 'invoice.pdf',
        contentType: 'application/pdf',
        size: 2048,
      },
    ]);
  });

  it('a message in a group replies to the group chat', () => {
    const result = normalizeTelegramUpdate(
      telegramMessageUpdate({ fromId: 42, chatId: -100123, text: 'hi' }),
      { channelAccountId, botId },
    );
    expect(result.kind === 'message' && result.message.threadKey).toBe('-100123');
  });

  it('edits and non-message updates are ignored with a reason', () => {
    expect(
      normalizeTelegramUpdate({ update_id: 5, edited_message: {} }, { channelAccountId, botId }),
    ).toMatchObject({ kind: 'ignored', externalId: `${botId}:5` });
    expect(
      normalizeTelegramUpdate({ update_id: 6, callback_query: {} }, { channelAccountId, botId }).kind,
    ).toBe('ignored');
    expect(normalizeTelegramUpdate({ nope: true }, { channelAccountId, botId }).kind).toBe('ignored');
  });
});

describe('replies reach the customer through the Bot API', () => {
  it('sendMessage carries the chat and the text', async () => {
    const result = await new TelegramAdapter().send(account(), reply('42', 'Your parcel left the depot.'));
    expect(result.providerMessageId).toMatch(/^42:\d+$/);
    expect(fake.calls).toEqual([
      expect.objectContaining({
        method: 'sendMessage',
        params: { chat_id: '42', text: 'Your parcel left the depot.' },
      }),
    ]);
  });

  it('a reply longer than 4096 characters is sent in parts', async () => {
    await new TelegramAdapter().send(account(), reply('42', 'x'.repeat(5000)));
    expect(fake.calls.map((c) => (c.params.text as string).length)).toEqual([4096, 904]);
    expect(splitTelegramText('short')).toEqual(['short']);
  });

  it('sendDocument uploads the file', async () => {
    const bytes = Buffer.from('%PDF-1.7 fake');
    await new TelegramAdapter().sendDocument(account(), '42', {
      filename: 'label.pdf',
      contentType: 'application/pdf',
      bytes,
      caption: 'Return label',
    });
    const call = fake.calls[0];
    expect(call.method).toBe('sendDocument');
    expect(call.params).toMatchObject({ chat_id: '42', caption: 'Return label' });
    expect(call.files.document).toEqual({ filename: 'label.pdf', contentType: 'application/pdf', bytes });
  });

  it('configure sets the webhook with the secret token', async () => {
    const secret = generateTelegramSecretToken();
    await new TelegramAdapter().setWebhook(
      { botToken: fake.botToken, apiBaseUrl: fake.url },
      'https://help.example.com/api/webhooks/telegram/acct-tg-1',
      secret,
    );
    expect(fake.webhook).toEqual({
      url: 'https://help.example.com/api/webhooks/telegram/acct-tg-1',
      secretToken: secret,
    });
  });

  it('the admin test names the bot, or says the token is wrong', async () => {
    await expect(new TelegramAdapter().testConnection(account())).resolves.toMatchObject({
      ok: true,
      bot: { username: 'switchboard_test_bot', id: 123456789 },
    });
    await expect(
      new TelegramAdapter().testConnection(account({ botToken: '123456789:AAE-this-token-is-not-right' })),
    ).resolves.toEqual({
      ok: false,
      reason: 'Telegram rejected the bot token; check the channel configuration.',
    });
  });

  it('downloads a file the customer sent', async () => {
    const bytes = Buffer.from([1, 2, 3, 4]);
    const fileId = fake.addFile(bytes, 'photos/file_9.jpg');
    await expect(
      new TelegramAdapter().downloadFile({ botToken: fake.botToken, apiBaseUrl: fake.url }, fileId),
    ).resolves.toEqual(bytes);
  });
});

describe('Telegram errors: fail at once when retrying cannot help, retry otherwise', () => {
  it('a customer who blocked the bot fails permanently, in plain words', async () => {
    fake.blockChat(777);
    const error = await new TelegramAdapter().send(account(), reply('777')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentSendError);
    expect((error as Error).message).toBe(
      'The customer blocked the bot on Telegram; nothing can be sent until they unblock it.',
    );
  });

  it('a chat Telegram does not know fails permanently', async () => {
    fake.failNext(telegramError(400, 'Bad Request: chat not found'));
    await expect(new TelegramAdapter().send(account(), reply('5'))).rejects.toThrow(
      /does not know this chat/,
    );
  });

  it('a rate limit is retryable no sooner than retry_after', async () => {
    fake.failNext(telegramError(429, 'Too Many Requests: retry after 17', 17));
    const error = await new TelegramAdapter().send(account(), reply('42')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableSendError);
    expect((error as RetryableSendError).retryAfterMs).toBe(17_000);
  });

  it('a Telegram outage is retryable', async () => {
    fake.failNext(telegramError(502, 'Bad Gateway'));
    await expect(new TelegramAdapter().send(account(), reply('42'))).rejects.toBeInstanceOf(
      RetryableSendError,
    );
  });

  it('an unreachable Bot API is retryable', async () => {
    await expect(
      new TelegramAdapter().send(account({ apiBaseUrl: 'http://127.0.0.1:1' }), reply('42')),
    ).rejects.toBeInstanceOf(RetryableSendError);
  });

  it('a malformed bot token is a configuration error that names the field', async () => {
    await expect(new TelegramAdapter().send(account({ botToken: 'nope' }), reply('42'))).rejects.toThrow(
      /config\.botToken/,
    );
  });
});
