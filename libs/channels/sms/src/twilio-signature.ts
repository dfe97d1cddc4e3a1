import twilio from 'twilio';
import type { SignatureCheck } from '@switchboard/channel-kit';

export interface TwilioSignatureInput {
  authToken: string;
  /**
   * The URL Twilio requested, as configured in its console (see twilioSignedUrl). Several
   * candidates may be given; the SDK also tries each with the port stripped and with the
   * default port added, since Twilio may sign either form.
   */
  url: string | readonly string[];
  /** The X-Twilio-Signature header. */
  signature: string | undefined;
  /** Decoded form fields of an application/x-www-form-urlencoded webhook. */
  params?: Record<string, string | string[]>;
  /** The raw body: a form body (parsed here if `params` is absent) or a JSON body (`bodySHA256` in the URL). */
  rawBody?: string | Buffer;
}

/**
 * The URL Twilio signed, rebuilt behind a proxy: the configured public base URL plus the path
 * and query exactly as received (`req.originalUrl`, not re-encoded). A public URL with a
 * path (`https://example.com/helpdesk`) is the prefix the proxy strips before our app.
 */
export function twilioSignedUrl(publicUrl: string, originalUrl: string): string {
  const base = publicUrl.replace(/\/+$/, '');
  const rest = originalUrl.startsWith('/') ? originalUrl : `/${originalUrl}`;
  return base + rest;
}

/** Form fields from a urlencoded body; repeated names become arrays, as Twilio signs them. */
export function parseTwilioForm(body: string | Buffer): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(body.toString())) {
    const existing = params[key];
    if (existing === undefined) params[key] = value;
    else params[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return params;
}

function isJsonVariant(url: string): boolean {
  try {
    return new URL(url).searchParams.has('bodySHA256');
  } catch {
    return false;
  }
}

/**
 * Checks X-Twilio-Signature with the SDK's validator. Form webhooks sign URL + sorted params;
 * JSON webhooks sign the URL (which carries `bodySHA256`) and the body must match that hash.
 */
export function verifyTwilioSignature(input: TwilioSignatureInput): SignatureCheck {
  if (!input.signature) return { valid: false, reason: 'missing X-Twilio-Signature header' };
  if (!input.authToken) return { valid: false, reason: 'no auth token configured for this account' };
  const urls = typeof input.url === 'string' ? [input.url] : [...input.url];
  if (urls.length === 0) return { valid: false, reason: 'no webhook URL to check the signature against' };
  const signature = input.signature;

  const matches = urls.some((url) => {
    try {
      if (isJsonVariant(url)) {
        if (input.rawBody === undefined) return false;
        return twilio.validateRequestWithBody(input.authToken, signature, url, input.rawBody.toString());
      }
      const params = input.params ?? (input.rawBody !== undefined ? parseTwilioForm(input.rawBody) : {});
      return twilio.validateRequest(input.authToken, signature, url, params);
    } catch {
      // An unparsable URL cannot be what Twilio signed.
      return false;
    }
  });
  if (matches) return { valid: true };
  return {
    valid: false,
    reason: `X-Twilio-Signature does not match ${urls.length > 1 ? 'any of the webhook URLs' : 'the webhook URL'} (${urls
      .map((u) => u.split('?')[0])
      .join(', ')}); check the channel's public URL and auth token`,
  };
}
