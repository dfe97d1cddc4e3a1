import { Body, Controller, ForbiddenException, HttpCode, Inject, NotFoundException, Param, Post, Req, SetMetadata } from '@nestjs/common';
import {
  ATTACHMENT_STORE,
  CHANNEL_ACCOUNT_DIRECTORY,
  INGEST_PORT,
  PUBLIC_ROUTE,
  REJECTED_WEBHOOK_LOG,
  type AttachmentStore,
  type ChannelAccountDirectory,
  type InboundAttachment,
  type IngestPort,
  type RejectedWebhookLog,
} from '@switchboard/channel-kit';
import { isUuid } from '@switchboard/contracts';
import { parseTelegramConfig, TelegramAdapter, type TelegramAccountConfig } from './telegram-adapter.js';
import { normalizeTelegramUpdate, telegramBotId, type TelegramFileRef } from './telegram-inbound.js';
import { verifyTelegramSecret } from './telegram-secret.js';

/** The parts of a Fastify request a webhook reads. */
export interface TelegramWebhookRequest {
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Bot updates, authenticated by the secret token Telegram echoes back. 200 once stored. */
@Controller('webhooks/telegram')
export class TelegramWebhookController {
  private readonly api = new TelegramAdapter();

  constructor(
    @Inject(INGEST_PORT) private readonly ingest: IngestPort,
    @Inject(CHANNEL_ACCOUNT_DIRECTORY) private readonly accounts: ChannelAccountDirectory,
    @Inject(REJECTED_WEBHOOK_LOG) private readonly rejected: RejectedWebhookLog,
    @Inject(ATTACHMENT_STORE) private readonly files: AttachmentStore,
  ) {}

  @Post(':accountId')
  @SetMetadata(PUBLIC_ROUTE, true)
  @HttpCode(200)
  async receive(@Param('accountId') accountId: string, @Req() req: TelegramWebhookRequest, @Body() body: unknown) {
    const account = isUuid(accountId) ? await this.accounts.get(accountId) : null;
    if (!account || !account.active || account.kind !== 'telegram') {
      await this.reject(req, accountId, 'unknown or inactive Telegram channel account');
      throw new NotFoundException('channel account not found');
    }
    let config: TelegramAccountConfig;
    try {
      config = parseTelegramConfig(account.config);
    } catch (err) {
      await this.reject(req, account.id, `channel misconfigured: ${(err as Error).message}`);
      throw new ForbiddenException('this channel cannot verify webhooks until its configuration is fixed');
    }
    const secret = req.headers['x-telegram-bot-api-secret-token'];
    const check = verifyTelegramSecret(Array.isArray(secret) ? secret[0] : secret, config.secretToken);
    if (!check.valid) {
      await this.reject(req, account.id, check.reason);
      throw new ForbiddenException('invalid webhook secret');
    }
    const update = normalizeTelegramUpdate(body, { channelAccountId: account.id, botId: telegramBotId(config.botToken) });
    if (update.kind === 'ignored') return { ok: true };
    const attachments = await this.storeFiles(update.files, config);
    const result = await this.ingest.ingest({ ...update.message, ...(attachments.length ? { attachments } : {}) });
    if (result.duplicate) await Promise.all(attachments.map((a) => (a.storageKey ? this.files.remove(a.storageKey) : undefined)));
    return { ok: true };
  }

  private async storeFiles(refs: TelegramFileRef[], config: TelegramAccountConfig): Promise<InboundAttachment[]> {
    return Promise.all(
      refs.map(async (ref) => {
        try {
          const bytes = await this.api.downloadFile(config, ref.fileId);
          return await this.files.save({ filename: ref.filename, contentType: ref.contentType, bytes });
        } catch (err) {
          return { filename: ref.filename, contentType: ref.contentType, size: ref.size ?? 0, rejectedReason: `could not download from Telegram: ${(err as Error).message}` };
        }
      }),
    );
  }

  private reject(req: TelegramWebhookRequest, accountId: string, reason: string): Promise<void> {
    return this.rejected.record({ provider: 'telegram', channelAccountId: isUuid(accountId) ? accountId : null, reason, remoteIp: req.ip ?? null });
  }
}
