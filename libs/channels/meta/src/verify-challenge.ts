import { timingSafeEqual } from 'node:crypto';

export type VerifyChallengeResult =
  { ok: true; challenge: string } | { ok: false; status: 400 | 403; reason: string };

type Query = Record<string, string | string[] | undefined>;
const one = (query: Query, key: string) => {
  const value = query[key];
  return Array.isArray(value) ? value[0] : value;
};

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The GET handshake Meta sends when the webhook is set up: answer `hub.challenge` as the
 * plain-text body when `hub.mode` is subscribe and `hub.verify_token` is ours; 403 otherwise.
 */
export function handleVerifyChallenge(query: Query, verifyToken: string): VerifyChallengeResult {
  const mode = one(query, 'hub.mode');
  const token = one(query, 'hub.verify_token');
  const challenge = one(query, 'hub.challenge');
  if (mode !== 'subscribe') return { ok: false, status: 400, reason: 'hub.mode must be "subscribe"' };
  if (!challenge) return { ok: false, status: 400, reason: 'hub.challenge is missing' };
  if (!verifyToken) return { ok: false, status: 403, reason: 'no verify token configured for this account' };
  if (!token || !sameSecret(token, verifyToken)) {
    return {
      ok: false,
      status: 403,
      reason: 'hub.verify_token does not match the verify token configured for this account',
    };
  }
  return { ok: true, challenge };
}
