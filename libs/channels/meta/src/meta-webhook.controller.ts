import {
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  HttpException,
  Inject,
  Param,
  Post,
  Query,
  Req,
  SetMetadata,
} from '@nestjs/common';
import {
  ATTACHMENT_STORE,
  CHANNEL_ACCOUNT_DIRECTORY,
  DELIVERY_STATUS_PORT,
  INGEST_PORT,
  PUBLIC_ROUTE,
  REJECTED_WEBHOOK_LOG,
  WebhookPreamble,
  applyDeliveryReports,
  firstHeader,
  ingestWithAttachments,
  type AttachmentStore,
  type ChannelAccountDirectory,
  type DeliveryStatusPort,
  type InboundAttachment,
  type IngestPort,
  type RejectedWebhookLog,
  type WebhookCaller,
} from '@switchboard/channel-kit';
import { parseMetaConfig, type MetaAccountConfig } from './meta-adapter.js';
import {
  metaDeliveryReports,
  normalizeMetaWebhook,
  MetaPayloadError,
  type MetaAttachmentRef,
} from './meta-inbound.js';
import { verifyMetaSignature } from './meta-signature.js';
import { handleVerifyChallenge } from './verify-challenge.js';

const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/** The parts of a Fastify request a webhook reads. */
export interface MetaWebhookRequest extends WebhookCaller {
  rawBody?: Buffer;
}

const EXTENSIONS: Record<string, string> = { image: 'jpg', video: 'mp4', audio: 'mp3', file: 'bin' };

/**
 * Messenger and Instagram webhooks: the GET verify-token handshake and signed POSTs of
 * messages and receipts. 200 only once everything in the batch is committed.
 */
@Controller('webhooks/meta')
export class MetaWebhookController {
  private readonly preamble: WebhookPreamble<MetaAccountConfig>;

  constructor(
    @Inject(INGEST_PORT) private readonly ingest: IngestPort,
    @Inject(CHANNEL_ACCOUNT_DIRECTORY) accounts: ChannelAccountDirectory,
    @Inject(DELIVERY_STATUS_PORT) private readonly statuses: DeliveryStatusPort,
    @Inject(REJECTED_WEBHOOK_LOG) rejected: RejectedWebhookLog,
    @Inject(ATTACHMENT_STORE) private readonly files: AttachmentStore,
  ) {
    this.preamble = new WebhookPreamble(accounts, rejected, {
      provider: 'meta',
      label: 'Meta',
      kinds: ['messenger', 'instagram'],
      parseConfig: parseMetaConfig,
    });
  }

  @Get(':accountId')
  @SetMetadata(PUBLIC_ROUTE, true)
  async verify(
    @Param('accountId') accountId: string,
    @Query() query: Record<string, string | string[] | undefined>,
    @Req() req: MetaWebhookRequest,
  ): Promise<string> {
    const { account, config } = await this.preamble.open(accountId, req);
    const result = handleVerifyChallenge(query, config.verifyToken);
    if (!result.ok) {
      await this.preamble.reject(req, account.id, `verify handshake refused: ${result.reason}`);
      throw new HttpException(result.reason, result.status);
    }
    return result.challenge;
  }

  @Post(':accountId')
  @SetMetadata(PUBLIC_ROUTE, true)
  @HttpCode(200)
  async receive(@Param('accountId') accountId: string, @Req() req: MetaWebhookRequest): Promise<string> {
    const { account, config } = await this.preamble.open(accountId, req);
    const raw = req.rawBody ?? Buffer.alloc(0);
    const check = verifyMetaSignature(raw, firstHeader(req, 'x-hub-signature-256'), config.appSecret);
    if (!check.valid) {
      await this.preamble.reject(req, account.id, check.reason);
      throw new ForbiddenException('invalid webhook signature');
    }
    let batch;
    try {
      batch = normalizeMetaWebhook(JSON.parse(raw.toString('utf8')), { channelAccountId: account.id });
    } catch (err) {
      // Signed by Meta but not something we handle: acknowledge, or Meta retries it for hours.
      if (err instanceof MetaPayloadError || err instanceof SyntaxError) return 'EVENT_RECEIVED';
      throw err;
    }
    for (const { message, attachments } of batch.messages) {
      const stored = await this.storeAttachments(attachments, message.externalId);
      await ingestWithAttachments({ ingest: this.ingest, files: this.files }, message, stored);
    }
    await applyDeliveryReports(this.statuses, metaDeliveryReports(account.id, batch.statuses));
    return 'EVENT_RECEIVED';
  }

  /** Meta's attachment URLs expire: fetch them now. A failed fetch is noted on the message. */
  private async storeAttachments(refs: MetaAttachmentRef[], mid: string): Promise<InboundAttachment[]> {
    return Promise.all(
      refs.map(async (ref, index) => {
        const filename = `${ref.type}-${index + 1}.${EXTENSIONS[ref.type] ?? 'bin'}`;
        try {
          const response = await fetch(ref.url);
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          const bytes = Buffer.from(await response.arrayBuffer());
          if (bytes.length > MAX_ATTACHMENT_BYTES)
            throw new Error(`over the ${MAX_ATTACHMENT_BYTES}-byte limit`);
          const contentType =
            response.headers.get('content-type')?.split(';')[0] ?? 'application/octet-stream';
          return await this.files.save({ filename, contentType, bytes });
        } catch (err) {
          return {
            filename,
            contentType: 'application/octet-stream',
            size: 0,
            rejectedReason: `could not download from Meta (${mid}): ${(err as Error).message}`,
          };
        }
      }),
    );
  }
}
