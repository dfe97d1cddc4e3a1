import {
  Controller,
  ForbiddenException,
  HttpCode,
  Inject,
  Param,
  Post,
  Req,
  Res,
  SetMetadata,
} from '@nestjs/common';
import {
  ATTACHMENT_STORE,
  CHANNEL_ACCOUNT_DIRECTORY,
  CONTACT_PREFERENCES_PORT,
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
  type ContactPreferencesPort,
  type DeliveryStatusPort,
  type InboundAttachment,
  type IngestPort,
  type RejectedWebhookLog,
  type WebhookCaller,
} from '@switchboard/channel-kit';
import { parseTwilioConfig, type TwilioAccountConfig } from './twilio-adapter.js';
import { normalizeTwilioInbound, TwilioPayloadError, type TwilioMediaRef } from './twilio-inbound.js';
import { downloadTwilioMedia } from './twilio-media.js';
import { parseTwilioForm, twilioSignedUrl, verifyTwilioSignature } from './twilio-signature.js';
import { classifyTwilioWebhook, twilioDeliveryReports } from './twilio-status.js';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/** The parts of a Fastify request a webhook reads. */
export interface WebhookRequest extends WebhookCaller {
  url: string;
  protocol?: string;
  host?: string;
  rawBody?: Buffer;
  body?: unknown;
}

/**
 * Twilio's inbound-message and status-callback webhook (both arrive on the account's URL).
 * The signature is checked before anything else; the answer is 200 only once the message or
 * status is committed, so anything not stored is Twilio's to retry.
 */
@Controller('webhooks/twilio')
export class TwilioWebhookController {
  private readonly preamble: WebhookPreamble<TwilioAccountConfig>;

  constructor(
    @Inject(INGEST_PORT) private readonly ingest: IngestPort,
    @Inject(CHANNEL_ACCOUNT_DIRECTORY) accounts: ChannelAccountDirectory,
    @Inject(DELIVERY_STATUS_PORT) private readonly statuses: DeliveryStatusPort,
    @Inject(CONTACT_PREFERENCES_PORT) private readonly preferences: ContactPreferencesPort,
    @Inject(REJECTED_WEBHOOK_LOG) rejected: RejectedWebhookLog,
    @Inject(ATTACHMENT_STORE) private readonly files: AttachmentStore,
  ) {
    this.preamble = new WebhookPreamble(accounts, rejected, {
      provider: 'twilio',
      label: 'Twilio',
      kinds: ['twilio_sms', 'twilio_whatsapp'],
      parseConfig: parseTwilioConfig,
    });
  }

  @Post(':accountId')
  @SetMetadata(PUBLIC_ROUTE, true)
  @HttpCode(200)
  async receive(
    @Param('accountId') accountId: string,
    @Req() req: WebhookRequest,
    @Res({ passthrough: true }) reply: { header(name: string, value: string): unknown },
  ): Promise<string> {
    const answer = await this.handle(accountId, req);
    // Only a success is TwiML; errors keep the JSON the error filter writes.
    reply.header('content-type', 'text/xml; charset=utf-8');
    return answer;
  }

  private async handle(accountId: string, req: WebhookRequest): Promise<string> {
    const { account, config } = await this.preamble.open(accountId, req);
    const raw = req.rawBody ?? Buffer.alloc(0);
    const isJson = String(firstHeader(req, 'content-type') ?? '').includes('application/json');
    const params = isJson ? jsonParams(raw) : parseTwilioForm(raw);
    const check = verifyTwilioSignature({
      authToken: config.authToken,
      url: this.signedUrls(req, config),
      signature: firstHeader(req, 'x-twilio-signature'),
      ...(isJson ? { rawBody: raw } : { params }),
    });
    if (!check.valid) {
      await this.preamble.reject(req, account.id, check.reason);
      throw new ForbiddenException('invalid webhook signature');
    }

    if (classifyTwilioWebhook(params) === 'status') {
      await applyDeliveryReports(this.statuses, twilioDeliveryReports(account.id, params));
      return EMPTY_TWIML;
    }

    let inbound;
    try {
      inbound = normalizeTwilioInbound(params, { channelAccountId: account.id });
    } catch (err) {
      if (err instanceof TwilioPayloadError) return EMPTY_TWIML; // Signed but not a message: nothing to store or retry.
      throw err;
    }
    const attachments = await this.storeMedia(inbound.media, config);
    await ingestWithAttachments({ ingest: this.ingest, files: this.files }, inbound.message, attachments);
    const identity = { kind: inbound.message.from.kind, address: inbound.message.from.address };
    if (inbound.optOut === 'opt_out')
      await this.preferences.setOptOut(identity, inbound.message.text.trim().toUpperCase());
    if (inbound.optOut === 'opt_in') await this.preferences.clearOptOut(identity);
    return EMPTY_TWIML;
  }

  /** The URL Twilio signed: the configured public URL (behind a proxy) and the URL as we were reached. */
  private signedUrls(req: WebhookRequest, config: TwilioAccountConfig): string[] {
    const urls: string[] = [];
    if (config.publicUrl) urls.push(twilioSignedUrl(config.publicUrl, req.url));
    urls.push(`${req.protocol ?? 'http'}://${req.host ?? firstHeader(req, 'host') ?? ''}${req.url}`);
    return urls;
  }

  /** Media is stored before ingest; a file that cannot be fetched is noted on the message, not lost silently. */
  private async storeMedia(
    media: TwilioMediaRef[],
    config: TwilioAccountConfig,
  ): Promise<InboundAttachment[]> {
    return Promise.all(
      media.map(async (ref) => {
        try {
          const file = await downloadTwilioMedia(ref, {
            accountSid: config.accountSid,
            authToken: config.authToken,
          });
          return await this.files.save(file);
        } catch (err) {
          return {
            filename: ref.filename,
            contentType: ref.contentType,
            size: 0,
            rejectedReason: `could not download from Twilio: ${(err as Error).message}`,
          };
        }
      }),
    );
  }
}

function jsonParams(raw: Buffer): Record<string, string | string[]> {
  try {
    const parsed = JSON.parse(raw.toString('utf8')) as unknown;
    if (!parsed || typeof parsed !== 'object') return {};
    return Object.fromEntries(
      Object.entries(parsed).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v ?? '')]),
    );
  } catch {
    return {};
  }
}
