import type { InboundMessage } from '@switchboard/channel-kit';
import { classifyOptOutKeyword, type OptOutAction } from './opt-out.js';
import { isWhatsAppAddress, normalizePhone, stripWhatsAppPrefix, type CountryCode } from './phone.js';

/** A media item of an MMS or WhatsApp message, still on Twilio's servers. */
export interface TwilioMediaRef {
  url: string;
  contentType: string;
  /** A file name to store it under (Twilio sends none). */
  filename: string;
}

export interface TwilioInbound {
  message: InboundMessage;
  channel: 'sms' | 'whatsapp';
  /** To download and store as attachments before ingest (see downloadTwilioMedia). */
  media: TwilioMediaRef[];
  /** STOP / START / HELP when the whole message is that keyword. */
  optOut: OptOutAction | null;
}

export class TwilioPayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TwilioPayloadError';
  }
}

type Params = Record<string, string | string[] | undefined>;
const one = (params: Params, key: string): string | undefined => {
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
};

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/3gpp': '3gp',
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
  'audio/amr': 'amr',
  'application/pdf': 'pdf',
  'text/vcard': 'vcf',
  'text/x-vcard': 'vcf',
  'text/plain': 'txt',
};

export interface NormalizeTwilioOptions {
  channelAccountId: string;
  /** For senders whose number arrives in national format (rare; Twilio sends E.164). */
  defaultCountry?: CountryCode;
}

/**
 * An inbound SMS/MMS/WhatsApp webhook → InboundMessage. SMS and WhatsApp senders both become
 * `{ kind: 'phone', address: E.164 }`, so the same person is one contact on either channel.
 */
export function normalizeTwilioInbound(params: Params, options: NormalizeTwilioOptions): TwilioInbound {
  const messageSid = one(params, 'MessageSid') ?? one(params, 'SmsMessageSid') ?? one(params, 'SmsSid');
  const rawFrom = one(params, 'From');
  if (!messageSid) throw new TwilioPayloadError('MessageSid is missing from the Twilio webhook');
  if (!rawFrom) throw new TwilioPayloadError('From is missing from the Twilio webhook');

  const channel = isWhatsAppAddress(rawFrom) ? 'whatsapp' : 'sms';
  const waId = one(params, 'WaId');
  const address =
    normalizePhone(rawFrom, options.defaultCountry) ??
    (waId ? normalizePhone(waId) : null) ??
    // Short codes and alphanumeric senders are not phone numbers but are still who wrote.
    stripWhatsAppPrefix(rawFrom);

  const count = Number(one(params, 'NumMedia') ?? '0') || 0;
  const media: TwilioMediaRef[] = [];
  for (let i = 0; i < count; i++) {
    const url = one(params, `MediaUrl${i}`);
    if (!url) continue;
    const contentType = one(params, `MediaContentType${i}`) ?? 'application/octet-stream';
    const extension = EXTENSIONS[contentType.split(';')[0].trim().toLowerCase()] ?? 'bin';
    media.push({ url, contentType, filename: `${messageSid}-${i}.${extension}` });
  }

  const text = one(params, 'Body') ?? '';
  const optOut = classifyOptOutKeyword(text);
  const profileName = one(params, 'ProfileName');
  const to = one(params, 'To');
  const meta: Record<string, unknown> = {
    channel,
    provider: 'twilio',
    to: to ? stripWhatsAppPrefix(to) : undefined,
    accountSid: one(params, 'AccountSid'),
  };
  const messagingServiceSid = one(params, 'MessagingServiceSid');
  if (messagingServiceSid) meta.messagingServiceSid = messagingServiceSid;
  if (waId) meta.waId = waId;
  if (optOut) meta.optOut = optOut;
  if (media.length) meta.media = media;

  const message: InboundMessage = {
    channelAccountId: options.channelAccountId,
    externalId: messageSid,
    // The carrier (through Twilio's signed webhook) says who sent it: a proven phone number.
    from: { kind: 'phone', address, verified: true, ...(profileName ? { name: profileName } : {}) },
    text,
    meta,
  };
  return { message, channel, media, optOut };
}
