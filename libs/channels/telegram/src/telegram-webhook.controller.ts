import {
  Body,
  Controller,
  ForbiddenException,
  HttpCode,
  Inject,
  Param,
  Post,
  Req,
  SetMetadata,
} from '@nestjs/common';
import {
  ATTACHMENT_STORE,
  CHANNEL_ACCOUNT_DIRECTORY,
  INGEST_PORT,
  PUBLIC_ROUTE,
  REJECTED_WEBHOOK_LOG,
  WebhookPreamble,
  firstHeader,
  ingestWithAttachments,
  type AttachmentStore,
  type ChannelAccountDirectory,
  type InboundAttachment,
  type IngestPort,
  type RejectedWebhookLog,
  type WebhookCaller,
} from '@switchboard/channel-kit';
import { parseTelegramConfig, TelegramAdapter, type TelegramAccountConfig } from './telegram-adapter.js';
import { normalizeTelegramUpdate, telegramBotId, type TelegramFileRef } from './telegram-inbound.js';
import { verifyTelegramSecret } from './telegram-secret.js';

/** The parts of a Fastify request a webhook reads. */
export type TelegramWebhookRequest = WebhookCaller;

/** Bot updates, authenticated by the secret token Telegram echoes back. 200 once stored. */
@Controller('webhooks/telegram')
export class TelegramWebhookController {
  private readonly api = new TelegramAdapter();
  private readonly preamble: WebhookPreamble<TelegramAccountConfig>;

  constructor(
    @Inject(INGEST_PORT) private readonly ingest: IngestPort,
    @Inject(CHANNEL_ACCOUNT_DIRECTORY) accounts: ChannelAccountDirectory,
    @Inject(REJECTED_WEBHOOK_LOG) rejected: RejectedWebhookLog,
    @Inject(ATTACHMENT_STORE) private readonly files: AttachmentStore,
  ) {
    this.preamble = new WebhookPreamble(accounts, rejected, {
      provider: 'telegram',
      label: 'Telegram',
      kinds: ['telegram'],
      parseConfig: parseTelegramConfig,
    });
  }

  @Post(':accountId')
  @SetMetadata(PUBLIC_ROUTE, true)
  @HttpCode(200)
  async receive(
    @Param('accountId') accountId: string,
    @Req() req: TelegramWebhookRequest,
    @Body() body: unknown,
  ) {
    const { account, config } = await this.preamble.open(accountId, req);
    const check = verifyTelegramSecret(
      firstHeader(req, 'x-telegram-bot-api-secret-token'),
      config.secretToken,
    );
    if (!check.valid) {
      await this.preamble.reject(req, account.id, check.reason);
      throw new ForbiddenException('invalid webhook secret');
    }
    const update = normalizeTelegramUpdate(body, {
      channelAccountId: account.id,
      botId: telegramBotId(config.botToken),
    });
    if (update.kind === 'ignored') return { ok: true };
    const attachments = await this.storeFiles(update.files, config);
    await ingestWithAttachments({ ingest: this.ingest, files: this.files }, update.message, attachments);
    // Stops the spinner on the tapped button; a failure only leaves it spinning, so it is not an error.
    if (update.callbackQueryId)
      await this.api.answerCallback(config, update.callbackQueryId).catch(() => undefined);
    return { ok: true };
  }

  private async storeFiles(
    refs: TelegramFileRef[],
    config: TelegramAccountConfig,
  ): Promise<InboundAttachment[]> {
    return Promise.all(
      refs.map(async (ref) => {
        try {
          const bytes = await this.api.downloadFile(config, ref.fileId);
          return await this.files.save({ filename: ref.filename, contentType: ref.contentType, bytes });
        } catch (err) {
          return {
            filename: ref.filename,
            contentType: ref.contentType,
            size: ref.size ?? 0,
            rejectedReason: `could not download from Telegram: ${(err as Error).message}`,
          };
        }
      }),
    );
  }
}
