/**
 * Token buckets by key (a visitor, an IP): `burst` at once, then `perMinute` on average. Kept in
 * memory per node, so a burst is refused without a round trip; the widget adds a per-minute
 * budget shared by every node (the kit's SHARED_BUDGET) for messages and new sessions.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
  ) {}

  /** Takes one token; false when the key is over its limit. */
  take(key: string, now = Date.now()): boolean {
    if (this.perMinute <= 0) return true;
    const rate = this.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    const ok = bucket.tokens >= 1;
    if (ok) bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 50_000) this.prune(now);
    return ok;
  }

  /** Forgets buckets that have refilled completely: they behave exactly like new ones. */
  private prune(now: number): void {
    const fullAfterMs = (this.burst / this.perMinute) * 60_000;
    for (const [key, b] of this.buckets) if (now - b.at > fullAfterMs) this.buckets.delete(key);
  }
}

export interface WidgetLimits {
  /** Messages (and uploads) per visitor. */
  visitorMessagesPerMinute: number;
  visitorBurst: number;
  /** Messages per client IP, across visitors (one office behind a NAT shares it). */
  ipMessagesPerMinute: number;
  ipBurst: number;
  /** New sessions and socket connections per IP. */
  ipSessionsPerMinute: number;
  ipSessionBurst: number;
  maxTextChars: number;
  maxAttachmentBytes: number;
  /** Transcripts mailed per conversation in any 24 hours (counted in the database, on every node). */
  transcriptsPerConversationPerDay: number;
}

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(n) ? n : fallback;
}

/** Defaults; `WIDGET_IP_*_PER_MINUTE=0` turns a per-IP limit off (load tests from one host). */
export function defaultLimits(): WidgetLimits {
  return {
    visitorMessagesPerMinute: envInt('WIDGET_VISITOR_MESSAGES_PER_MINUTE', 30),
    visitorBurst: envInt('WIDGET_VISITOR_BURST', 10),
    ipMessagesPerMinute: envInt('WIDGET_IP_MESSAGES_PER_MINUTE', 300),
    ipBurst: envInt('WIDGET_IP_BURST', 60),
    ipSessionsPerMinute: envInt('WIDGET_IP_SESSIONS_PER_MINUTE', 60),
    ipSessionBurst: envInt('WIDGET_IP_SESSION_BURST', 60),
    maxTextChars: envInt('WIDGET_MAX_TEXT_CHARS', 4000),
    maxAttachmentBytes: envInt('WIDGET_MAX_ATTACHMENT_BYTES', 700 * 1024),
    transcriptsPerConversationPerDay: envInt('WIDGET_TRANSCRIPTS_PER_DAY', 3),
  };
}
