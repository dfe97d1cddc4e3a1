import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Outbound callbacks are signed like common webhook schemes: `sha256=` + HMAC-SHA256 of
 * `${timestamp}.${body}` with the account's signing secret, so a receiver can reject replays.
 */
export function signCallback(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifyCallback(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signCallback(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
