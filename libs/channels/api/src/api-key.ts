import { createHash, timingSafeEqual } from 'node:crypto';

/** Compares a presented API key with the stored sha256 hash in constant time. */
export function apiKeyMatches(key: string, expectedHash: string | null): boolean {
  if (!expectedHash) return false;
  const a = createHash('sha256').update(key).digest();
  const b = Buffer.from(expectedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
