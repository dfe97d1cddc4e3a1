import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { SignatureCheck } from '@switchboard/channel-kit';

/** A secret_token for setWebhook: 1–256 characters of A-Z, a-z, 0-9, _ and -. */
export function generateTelegramSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Checks X-Telegram-Bot-Api-Secret-Token against the secret set with setWebhook, in constant time. */
export function verifyTelegramSecret(
  header: string | undefined,
  secretToken: string | undefined,
): SignatureCheck {
  if (!secretToken)
    return {
      valid: false,
      reason: 'no secret token configured for this bot; reconfigure the channel to set the webhook again',
    };
  if (!header) return { valid: false, reason: 'missing X-Telegram-Bot-Api-Secret-Token header' };
  const given = Buffer.from(header);
  const expected = Buffer.from(secretToken);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return {
      valid: false,
      reason: 'X-Telegram-Bot-Api-Secret-Token does not match the secret set for this bot',
    };
  }
  return { valid: true };
}
