import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What the host site computes on its server: hex HMAC-SHA256 of the user id with the account's secret. */
export function userHash(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(userId).digest('hex');
}

export function userHashMatches(secret: string, userId: string, given: string): boolean {
  const expected = Buffer.from(userHash(secret, userId), 'utf8');
  const actual = Buffer.from(given.toLowerCase(), 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Visitor bearer tokens: random, shown once to the browser; only their sha256 is stored. */
export function newVisitorToken(): string {
  return `wvt_${randomBytes(32).toString('base64url')}`;
}

export function hashVisitorToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newAccessKey(): string {
  return randomBytes(24).toString('base64url');
}
