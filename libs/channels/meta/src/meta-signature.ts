import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SignatureCheck } from '@switchboard/channel-kit';

/**
 * Checks X-Hub-Signature-256 (`sha256=` + hex HMAC-SHA256 of the raw body with the app secret)
 * in constant time. Must be given the bytes as received: a re-serialized JSON body differs.
 */
export function verifyMetaSignature(
  rawBody: Buffer | string,
  header: string | undefined,
  appSecret: string,
): SignatureCheck {
  if (!header) return { valid: false, reason: 'missing X-Hub-Signature-256 header' };
  if (!appSecret) return { valid: false, reason: 'no app secret configured for this account' };
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!match)
    return { valid: false, reason: 'X-Hub-Signature-256 is not of the form sha256=<64 hex digits>' };
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  const given = Buffer.from(match[1], 'hex');
  return timingSafeEqual(expected, given)
    ? { valid: true }
    : { valid: false, reason: 'X-Hub-Signature-256 does not match the body; check the app secret' };
}
