import type { TwilioMediaRef } from './twilio-inbound.js';

export interface DownloadedMedia {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface DownloadTwilioMediaOptions {
  accountSid: string;
  authToken: string;
  /** Refuse bigger files (Twilio allows 5 MB per MMS; WhatsApp up to 16 MB). */
  maxBytes?: number;
  fetch?: typeof fetch;
}

/**
 * Fetches one media item with the account's Basic auth (Twilio protects media URLs by
 * default). Twilio answers with a redirect to storage; fetch drops the credentials when
 * following it to another host.
 */
export async function downloadTwilioMedia(
  media: TwilioMediaRef,
  options: DownloadTwilioMediaOptions,
): Promise<DownloadedMedia> {
  const doFetch = options.fetch ?? fetch;
  const response = await doFetch(media.url, {
    headers: {
      authorization: 'Basic ' + Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64'),
    },
  });
  if (!response.ok)
    throw new Error(`Twilio media download failed with HTTP ${response.status} for ${media.filename}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  const maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
  if (bytes.length > maxBytes)
    throw new Error(`${media.filename} is ${bytes.length} bytes, over the ${maxBytes}-byte limit`);
  return {
    filename: media.filename,
    contentType: response.headers.get('content-type')?.split(';')[0] ?? media.contentType,
    bytes,
  };
}
