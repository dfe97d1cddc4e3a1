import { createHash, createHmac } from 'node:crypto';

/**
 * Twilio's X-Twilio-Signature, computed from its documentation rather than the SDK so tests
 * check our verifier against an independent implementation: base64 HMAC-SHA1 of the URL
 * followed by each POST parameter name and value, sorted by name.
 */
export function signTwilioRequest(
  authToken: string,
  url: string,
  params: Record<string, string | string[]>,
): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => {
      const value = params[key];
      const values = Array.isArray(value) ? [...new Set(value)].sort() : [value];
      return acc + values.map((v) => key + v).join('');
    }, url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

/** The JSON-body variant: the URL gains `bodySHA256` (hex SHA-256 of the body) and no params are signed. */
export function signTwilioJsonRequest(
  authToken: string,
  url: string,
  body: string,
): { url: string; signature: string } {
  const hash = createHash('sha256').update(Buffer.from(body, 'utf8')).digest('hex');
  const signedUrl = `${url}${url.includes('?') ? '&' : '?'}bodySHA256=${hash}`;
  return { url: signedUrl, signature: signTwilioRequest(authToken, signedUrl, {}) };
}

/** Meta's X-Hub-Signature-256 header value for a raw body. */
export function signMetaBody(body: string | Buffer, appSecret: string): string {
  return 'sha256=' + createHmac('sha256', appSecret).update(body).digest('hex');
}
