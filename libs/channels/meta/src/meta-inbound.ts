import type { DeliveryState } from '@switchboard/contracts';
import type { DeliveryReport, InboundMessage } from '@switchboard/channel-kit';

export type MetaChannel = 'messenger' | 'instagram';

export interface MetaAttachmentRef {
  /** image, video, audio, file, … as Meta labels it. */
  type: string;
  /** A CDN URL that expires; download it promptly. */
  url: string;
}

/** A delivery or read receipt for messages the page sent. */
export interface MetaStatusUpdate {
  channel: MetaChannel;
  /** The customer (PSID / IGSID) the messages went to. */
  recipientId: string;
  state: Extract<DeliveryState, 'delivered' | 'read'>;
  /** Exact messages, when Meta names them. */
  providerMessageIds?: string[];
  /** Everything the page sent before this time, when Meta gives a watermark instead. */
  upTo?: Date;
}

export interface MetaIgnoredEvent {
  reason: string;
  mid?: string;
}

export interface MetaWebhookBatch {
  messages: Array<{ message: InboundMessage; attachments: MetaAttachmentRef[] }>;
  statuses: MetaStatusUpdate[];
  ignored: MetaIgnoredEvent[];
}

interface MessagingEvent {
  sender?: { id?: string };
  recipient?: { id?: string };
  timestamp?: number;
  message?: {
    mid?: string;
    text?: string;
    is_echo?: boolean;
    is_deleted?: boolean;
    is_unsupported?: boolean;
    attachments?: Array<{ type?: string; payload?: { url?: string } | null }>;
    reply_to?: { mid?: string };
  };
  delivery?: { mids?: string[]; watermark?: number };
  read?: { watermark?: number; mid?: string };
}

interface WebhookBody {
  object?: string;
  entry?: Array<{ id?: string; time?: number; messaging?: MessagingEvent[] }>;
}

export class MetaPayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetaPayloadError';
  }
}

/**
 * One webhook POST → the messages to ingest, the receipts to apply, and what was skipped.
 * Echoes of the page's own sends are skipped: our replies are already on the ticket.
 */
export function normalizeMetaWebhook(body: unknown, options: { channelAccountId: string }): MetaWebhookBatch {
  const payload = body as WebhookBody;
  const channel: MetaChannel | null =
    payload?.object === 'page' ? 'messenger' : payload?.object === 'instagram' ? 'instagram' : null;
  if (!channel)
    throw new MetaPayloadError(
      `unsupported webhook object "${String(payload?.object)}" (expected page or instagram)`,
    );
  const batch: MetaWebhookBatch = { messages: [], statuses: [], ignored: [] };

  for (const entry of payload.entry ?? []) {
    for (const event of entry.messaging ?? []) {
      const senderId = event.sender?.id;
      const message = event.message;
      if (message) {
        if (message.is_echo) {
          batch.ignored.push({ reason: 'echo of a message the page sent', mid: message.mid });
          continue;
        }
        if (message.is_deleted) {
          batch.ignored.push({ reason: 'the customer deleted the message', mid: message.mid });
          continue;
        }
        if (!message.mid || !senderId) {
          batch.ignored.push({ reason: 'message without mid or sender', mid: message.mid });
          continue;
        }
        const attachments: MetaAttachmentRef[] = (message.attachments ?? [])
          .filter((a) => a.payload?.url)
          .map((a) => ({ type: a.type ?? 'file', url: a.payload!.url! }));
        const inbound: InboundMessage = {
          channelAccountId: options.channelAccountId,
          externalId: message.mid,
          from: { kind: channel, address: senderId },
          text: message.text ?? '',
          meta: {
            channel,
            provider: 'meta',
            pageId: event.recipient?.id ?? entry.id,
            ...(attachments.length ? { attachments } : {}),
            ...(message.reply_to?.mid ? { replyTo: message.reply_to.mid } : {}),
            ...(message.is_unsupported ? { unsupported: true } : {}),
          },
        };
        if (event.timestamp) inbound.sentAt = new Date(event.timestamp);
        batch.messages.push({ message: inbound, attachments });
        continue;
      }
      if (event.delivery && senderId) {
        batch.statuses.push({
          channel,
          recipientId: senderId,
          state: 'delivered',
          ...(event.delivery.mids?.length ? { providerMessageIds: event.delivery.mids } : {}),
          ...(event.delivery.watermark ? { upTo: new Date(event.delivery.watermark) } : {}),
        });
        continue;
      }
      if (event.read && senderId) {
        batch.statuses.push({
          channel,
          recipientId: senderId,
          state: 'read',
          ...(event.read.mid ? { providerMessageIds: [event.read.mid] } : {}),
          ...(event.read.watermark ? { upTo: new Date(event.read.watermark) } : {}),
        });
        continue;
      }
      batch.ignored.push({ reason: 'event type not handled (postback, reaction, referral, …)' });
    }
  }
  return batch;
}

/** Receipts in the kit's shape: the messages Meta names, else everything sent up to its watermark. */
export function metaDeliveryReports(
  channelAccountId: string,
  statuses: readonly MetaStatusUpdate[],
): DeliveryReport[] {
  return statuses.flatMap((status): DeliveryReport[] => {
    if (status.providerMessageIds?.length)
      return status.providerMessageIds.map((providerMessageId) => ({
        channelAccountId,
        providerMessageId,
        state: status.state,
      }));
    return status.upTo
      ? [
          {
            channelAccountId,
            to: { kind: status.channel, address: status.recipientId },
            state: status.state,
            upTo: status.upTo,
          },
        ]
      : [];
  });
}
