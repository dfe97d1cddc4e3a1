import { Controller, ForbiddenException, Get, HttpCode, HttpException, Inject, NotFoundException, Param, Post, Query, Req, SetMetadata } from '@nestjs/common';
import {
  ATTACHMENT_STORE,
  CHANNEL_ACCOUNT_DIRECTORY,
  DELIVERY_STATUS_PORT,
  INGEST_PORT,
  PUBLIC_ROUTE,
  REJECTED_WEBHOOK_LOG,
  type AttachmentStore,
  type ChannelAccountDirectory,
  type ChannelAccountRecord,
  type DeliveryStatusPort,
  type InboundAttachment,
  type IngestPort,
  type RejectedWebhookLog,
} from '@switchboard/channel-kit';
import { isUuid } from '@switchboard/contracts';
import { parseMetaConfig, type MetaAccountConfig } from './meta-adapter.js';
import { normalizeMetaWebhook, MetaPayloadError, type MetaAttachmentRef } from './meta-inbound.js';
import { verifyMetaSignature } from './meta-signature.js';
import { handleVerifyChallenge } from './verify-challenge.js';

const META_KINDS = new Set(['messenger', 'instagram']);
const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/** The parts of a Fastify request a webhook reads. */
export interface MetaWebhookRequest {
  ip?: string;
  rawBody?: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

const EXTENSIONS: Record<string, string> = { image: 'jpg', video: 'mp4', audio: 'mp3', file: 'bin' };

/**
 * Messenger and Instagram webhooks: the GET verify-token handshake and signed POSTs of
 * messages and receipts. 200 only once everything in the batch is committed.
 */
@Controller('webhooks/meta')
export class MetaWebhookController {
  constructor(
    @Inject(INGEST_PORT) private readonly ingest: IngestPort,
    @Inject(CHANNEL_ACCOUNT_DIRECTORY) private readonly accounts: ChannelAccountDirectory,
    @Inject(DELIVERY_STATUS_PORT) private readonly statuses: DeliveryStatusPort,
    @Inject(REJECTED_WEBHOOK_LOG) private readonly rejected: RejectedWebhookLog,
    @Inject(ATTACHMENT_STORE) private readonly files: AttachmentStore,
  ) {}

  @Get(':accountId')
  @SetMetadata(PUBLIC_ROUTE, true)
  async verify(@Param('accountId') accountId: string, @Query() query: Record<string, string | string[] | undefined>, @Req() req: MetaWebhookRequest): Promise<string> {
    const { account, config } = await this.account(accountId, req);
    const result = handleVerifyChallenge(query, config.verifyToken);
    if (!result.ok) {
      await this.reject(req, account.id, `verify handshake refused: ${result.reason}`);
      throw new HttpException(result.reason, result.status);
    }
    return result.challenge;
  }

  @Post(':accountId')
  @SetMetadata(PUBLIC_ROUTE, true)
  @HttpCode(200)
  async receive(@Param('accountId') accountId: string, @Req() req: MetaWebhookRequest): Promise<string> {
    const { account, config } = await this.account(accountId, req);
    const raw = req.rawBody ?? Buffer.alloc(0);
    const signature = req.headers['x-hub-signature-256'];
    const check = verifyMetaSignature(raw, Array.isArray(signature) ? signature[0] : signature, config.appSecret);
    if (!check.valid) {
      await this.reject(req, account.id, check.reason);
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
      const result = await this.ingest.ingest({ ...message, ...(stored.length ? { attachments: stored } : {}) });
      if (result.duplicate) await Promise.all(stored.map((a) => (a.storageKey ? this.files.remove(a.storageKey) : undefined)));
    }
    for (const status of batch.statuses) {
      for (const providerMessageId of status.providerMessageIds ?? []) {
        await this.statuses.apply({ channelAccountId: account.id, providerMessageId, state: status.state });
      }
      if (!status.providerMessageIds?.length && status.upTo) {
        await this.statuses.applyUpTo(account.id, { kind: status.channel, address: status.recipientId }, status.state, status.upTo);
      }
    }
    return 'EVENT_RECEIVED';
  }

  private async account(accountId: string, req: MetaWebhookRequest): Promise<{ account: ChannelAccountRecord; config: MetaAccountConfig }> {
    const account = isUuid(accountId) ? await this.accounts.get(accountId) : null;
    if (!account || !account.active || !META_KINDS.has(account.kind)) {
      await this.reject(req, accountId, 'unknown or inactive Meta channel account');
      throw new NotFoundException('channel account not found');
    }
    try {
      return { account, config: parseMetaConfig(account.config) };
    } catch (err) {
      await this.reject(req, account.id, `channel misconfigured: ${(err as Error).message}`);
      throw new ForbiddenException('this channel cannot verify webhooks until its configuration is fixed');
    }
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
          if (bytes.length > MAX_ATTACHMENT_BYTES) throw new Error(`over the ${MAX_ATTACHMENT_BYTES}-byte limit`);
          const contentType = response.headers.get('content-type')?.split(';')[0] ?? 'application/octet-stream';
          return await this.files.save({ filename, contentType, bytes });
        } catch (err) {
          return { filename, contentType: 'application/octet-stream', size: 0, rejectedReason: `could not download from Meta (${mid}): ${(err as Error).message}` };
        }
      }),
    );
  }

  private reject(req: MetaWebhookRequest, accountId: string, reason: string): Promise<void> {
    return this.rejected.record({ provider: 'meta', channelAccountId: isUuid(accountId) ? accountId : null, reason, remoteIp: req.ip ?? null });
  }
}
