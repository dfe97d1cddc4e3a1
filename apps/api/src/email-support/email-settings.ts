import { createHmac } from 'node:crypto';
import type { EmailChannelSettings } from '@switchboard/channel-email';
import type { AppConfig } from '../config/app-config.js';

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

/**
 * Email settings: the app's config plus EMAIL_* variables. The reply-address secret is derived
 * from the secrets key, so plus-addresses verify on every node and survive restarts.
 */
export function loadEmailSettings(
  config: AppConfig,
  env: NodeJS.ProcessEnv = process.env,
): EmailChannelSettings {
  const crash = env.SWITCHBOARD_TEST_EMAIL_CRASH;
  return {
    runWatchers: config.role !== 'web' && env.EMAIL_WATCHERS !== 'off',
    replyAddressSecret: createHmac('sha256', config.secretsKey ?? '')
      .update('switchboard email reply address')
      .digest('hex'),
    maxAttachmentBytes: int(env, 'EMAIL_MAX_ATTACHMENT_BYTES', 25 * 1024 * 1024),
    maxMessageBytes: int(env, 'EMAIL_MAX_MESSAGE_BYTES', 40 * 1024 * 1024),
    leaseSeconds: int(env, 'EMAIL_LEASE_SECONDS', 30),
    accountScanMs: int(env, 'EMAIL_ACCOUNT_SCAN_MS', 5_000),
    pollIntervalMs: int(env, 'EMAIL_POLL_INTERVAL_MS', 30_000),
    ...(crash === 'after-fetch' || crash === 'after-commit' ? { crashPoint: crash } : {}),
  };
}
