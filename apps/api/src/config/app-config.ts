import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { resolve } from 'node:path';

export type Role = 'all' | 'web' | 'worker';

/** Settings read once from the environment; names follow DESIGN.md "Running it". */
export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | null;
  redisUrl: string | null;
  dataDir: string;
  role: Role;
  adminEmail: string;
  adminPassword: string | null;
  /** Seed demo teams, agents and tickets on the first start of an empty database. */
  seedDemo: boolean;
  /** How long a claimed outbound job stays leased before another worker may retry it. */
  outboxLeaseSeconds: number;
  /** How long an agent may have no socket on any node before they show as offline. */
  availabilityGraceMs: number;
  /**
   * How long a node's record of its agents' sockets lives without renewal: an agent whose node
   * died (no clean stop) drops out of presence and availability after about this long.
   */
  presenceTtlMs: number;
  /** How often time rules and the retention policy are swept (tests and small installs shorten them). */
  timeRulesSweepMs: number;
  retentionSweepMs: number;
  /** How often outbox consumers look for committed events when nothing woke them. */
  outboxConsumerPollMs: number;
  /** A solved ticket reopens when the customer writes within this window. */
  reopenWindowSeconds: number;
  maxBodyBytes: number;
  /** Uploads for replies that no reply used are deleted after this many hours. */
  uploadRetentionHours: number;
  /** Key for channel credentials at rest (32 bytes, base64). Generated into DATA_DIR when unset. */
  secretsKey: string | null;
  logLevel: 'silent' | 'info';
  /**
   * Reverse proxies (addresses or CIDR ranges) whose X-Forwarded-For/-Proto/-Host are believed.
   * Empty by default: otherwise any client could name its own address and dodge per-address limits.
   */
  trustProxy: string[];
  /** Bearer token that may read GET /metrics. */
  metricsToken: string | null;
  /** Client addresses or CIDR ranges that may read GET /metrics without the token. */
  metricsAllow: string[];
  /** First retry of a failed webhook delivery after about this long, doubling per attempt. */
  webhookRetryBaseMs: number;
  /** Attempts per webhook delivery before the event counts as failed. */
  webhookMaxAttempts: number;
  /** A webhook is turned off when this many events in a row failed every attempt. */
  webhookDisableAfterFailedEvents: number;
  /** Finished webhook deliveries and their attempts are deleted after this many days. */
  webhookLogRetentionDays: number;
}

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

/** Names proxy-addr expands itself: 127.0.0.1/8 and ::1, 169.254.0.0/16 and fe80::/10, private ranges. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function proxyList(raw: string | undefined, name = 'TRUST_PROXY'): string[] {
  const entries = (raw ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (PROXY_RANGE_NAMES.has(entry)) continue;
    const [address, prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const bits = family === 4 ? 32 : 128;
    const prefixOk =
      prefix === undefined ||
      (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits) ||
      (family === 4 && isIP(prefix) === 4);
    if (!family || !prefixOk || rest.length) {
      throw new Error(
        `${name} must list addresses or CIDR ranges separated by commas (e.g. "10.0.0.0/8,127.0.0.1"), got "${entry}"`,
      );
    }
  }
  return entries;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const role = (env.ROLE ?? 'all') as Role;
  if (!['all', 'web', 'worker'].includes(role))
    throw new Error(`ROLE must be all, web or worker, got "${env.ROLE}"`);
  return {
    port: int('PORT', 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || null,
    redisUrl: env.REDIS_URL || null,
    dataDir: resolve(env.DATA_DIR ?? './.data'),
    role,
    adminEmail: env.SWITCHBOARD_ADMIN_EMAIL ?? 'admin@switchboard.local',
    adminPassword: env.SWITCHBOARD_ADMIN_PASSWORD || null,
    seedDemo: env.SWITCHBOARD_SEED_DEMO !== 'false',
    outboxLeaseSeconds: int('OUTBOX_LEASE_SECONDS', 30),
    availabilityGraceMs: int('AVAILABILITY_GRACE_MS', 30_000),
    presenceTtlMs: int('PRESENCE_TTL_MS', 15_000),
    timeRulesSweepMs: int('TIME_RULES_SWEEP_MS', 30_000),
    retentionSweepMs: int('RETENTION_SWEEP_MS', 15 * 60_000),
    outboxConsumerPollMs: int('OUTBOX_CONSUMER_POLL_MS', 250),
    reopenWindowSeconds: int('REOPEN_WINDOW_SECONDS', 7 * 24 * 3600),
    maxBodyBytes: int('MAX_BODY_BYTES', 1024 * 1024),
    uploadRetentionHours: int('UPLOAD_RETENTION_HOURS', 24),
    secretsKey: env.SWITCHBOARD_SECRETS_KEY || null,
    logLevel: env.LOG_LEVEL === 'silent' ? 'silent' : 'info',
    trustProxy: proxyList(env.TRUST_PROXY),
    metricsToken: env.METRICS_TOKEN || null,
    metricsAllow: proxyList(env.METRICS_ALLOW, 'METRICS_ALLOW'),
    webhookRetryBaseMs: int('WEBHOOK_RETRY_BASE_MS', 10_000),
    webhookMaxAttempts: Math.max(1, int('WEBHOOK_MAX_ATTEMPTS', 8)),
    webhookDisableAfterFailedEvents: Math.max(1, int('WEBHOOK_DISABLE_AFTER_FAILED_EVENTS', 5)),
    webhookLogRetentionDays: Math.max(1, int('WEBHOOK_LOG_RETENTION_DAYS', 30)),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}
