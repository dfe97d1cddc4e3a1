import { isUuid } from '@switchboard/contracts';
import { assertValidCalendar, isOpen, nextOpening, type BusinessCalendar } from '@switchboard/domain';

export type PreChatField = 'off' | 'optional' | 'required';

/** A chat account's settings as stored in the channel account's `config` (kind `web_chat`). */
export interface WebChatSettings {
  title: string;
  greeting: string;
  offlineMessage: string;
  colors: { primary: string; text: string };
  position: 'right' | 'left';
  preChat: { name: PreChatField; email: PreChatField };
  businessHours: BusinessCalendar | null;
  /** Origins (scheme://host[:port]) allowed to embed the widget; empty means any origin. */
  allowedOrigins: string[];
  /** The email channel account that carries replies to visitors who left, and transcripts. */
  emailAccountId: string | null;
  identitySecret: string | null;
}

/** What the widget itself receives: never the identity secret or other accounts' ids. */
export type PublicWebChatSettings = Pick<
  WebChatSettings,
  'title' | 'greeting' | 'offlineMessage' | 'colors' | 'position' | 'preChat'
> & {
  identityVerification: boolean;
  transcripts: boolean;
};

const COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
const FIELD: PreChatField[] = ['off', 'optional', 'required'];

function text(value: unknown, fallback: string, max: number): string {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : fallback;
}

/** Reads stored config leniently (defaults for anything missing); `prepareWebChatConfig` is the strict gate. */
export function readSettings(config: Record<string, unknown>): WebChatSettings {
  const colors = (config.colors ?? {}) as Record<string, unknown>;
  const preChat = (config.preChat ?? {}) as Record<string, unknown>;
  return {
    // Empty when the admin wrote none: the widget then says its own default in the visitor's language.
    title: text(config.title, '', 80),
    greeting: text(config.greeting, '', 500),
    offlineMessage: text(config.offlineMessage, '', 500),
    colors: {
      primary: typeof colors.primary === 'string' && COLOR.test(colors.primary) ? colors.primary : '#2f6fed',
      text: typeof colors.text === 'string' && COLOR.test(colors.text) ? colors.text : '#ffffff',
    },
    position: config.position === 'left' ? 'left' : 'right',
    preChat: {
      name: FIELD.includes(preChat.name as PreChatField) ? (preChat.name as PreChatField) : 'optional',
      email: FIELD.includes(preChat.email as PreChatField) ? (preChat.email as PreChatField) : 'optional',
    },
    businessHours: (config.businessHours as BusinessCalendar | undefined) ?? null,
    allowedOrigins: Array.isArray(config.allowedOrigins)
      ? config.allowedOrigins
          .filter((o): o is string => typeof o === 'string')
          .map(normalizeOrigin)
          .filter((o): o is string => !!o)
      : [],
    emailAccountId:
      typeof config.emailAccountId === 'string' && isUuid(config.emailAccountId)
        ? config.emailAccountId
        : null,
    identitySecret:
      typeof config.identitySecret === 'string' && config.identitySecret.length > 0
        ? config.identitySecret
        : null,
  };
}

export function publicSettings(s: WebChatSettings): PublicWebChatSettings {
  return {
    title: s.title,
    greeting: s.greeting,
    offlineMessage: s.offlineMessage,
    colors: s.colors,
    position: s.position,
    preChat: s.preChat,
    identityVerification: !!s.identitySecret,
    transcripts: !!s.emailAccountId,
  };
}

/** `https://Example.com:443/` → `https://example.com`; null when it is not an http(s) origin. */
export function normalizeOrigin(value: string): string | null {
  if (value === '*') return '*';
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** An empty allow-list admits any origin; otherwise the page's Origin must be listed exactly. */
export function originAllowed(settings: WebChatSettings, origin: string | undefined): boolean {
  if (settings.allowedOrigins.length === 0 || settings.allowedOrigins.includes('*')) return true;
  const normalized = origin ? normalizeOrigin(origin) : null;
  return !!normalized && settings.allowedOrigins.includes(normalized);
}

export interface Availability {
  /** Inside business hours (always, without a calendar). */
  open: boolean;
  agentsOnline: boolean;
  /** When the team is back, if closed now. */
  nextOpenAt: string | null;
}

export function availability(
  settings: WebChatSettings,
  agentsOnline: boolean,
  now = new Date(),
): Availability {
  const open = isOpen(settings.businessHours, now);
  let nextOpenAt: string | null = null;
  if (!open) {
    try {
      nextOpenAt = nextOpening(settings.businessHours, now).toISOString();
    } catch {
      nextOpenAt = null;
    }
  }
  return { open, agentsOnline, nextOpenAt };
}

/** The admin-side check of a new chat account's config; throws with a message naming the field. */
export function prepareWebChatConfig(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config };
  for (const key of ['title', 'greeting', 'offlineMessage'] as const) {
    if (config[key] !== undefined && typeof config[key] !== 'string')
      throw new Error(`config.${key} must be text`);
  }
  const colors = config.colors as Record<string, unknown> | undefined;
  if (colors !== undefined) {
    if (typeof colors !== 'object' || colors === null) throw new Error('config.colors must be an object');
    for (const [k, v] of Object.entries(colors))
      if (typeof v !== 'string' || !COLOR.test(v))
        throw new Error(`config.colors.${k} must be a hex color such as #2f6fed`);
  }
  if (config.position !== undefined && config.position !== 'left' && config.position !== 'right')
    throw new Error('config.position must be left or right');
  const preChat = config.preChat as Record<string, unknown> | undefined;
  if (preChat !== undefined) {
    for (const k of ['name', 'email'])
      if (preChat[k] !== undefined && !FIELD.includes(preChat[k] as PreChatField))
        throw new Error(`config.preChat.${k} must be off, optional or required`);
  }
  if (config.businessHours !== undefined && config.businessHours !== null) {
    try {
      assertValidCalendar(config.businessHours);
    } catch (err) {
      throw new Error(`config.businessHours: ${(err as Error).message}`, { cause: err });
    }
  }
  if (config.allowedOrigins !== undefined) {
    if (!Array.isArray(config.allowedOrigins))
      throw new Error('config.allowedOrigins must be a list of origins');
    out.allowedOrigins = config.allowedOrigins.map((o, i) => {
      const n = typeof o === 'string' ? normalizeOrigin(o) : null;
      if (!n) throw new Error(`config.allowedOrigins[${i}] must be an origin such as https://example.com`);
      return n;
    });
  }
  if (
    config.emailAccountId !== undefined &&
    config.emailAccountId !== null &&
    (typeof config.emailAccountId !== 'string' || !isUuid(config.emailAccountId))
  )
    throw new Error('config.emailAccountId must be the id of an email channel account');
  if (
    config.identitySecret !== undefined &&
    (typeof config.identitySecret !== 'string' || config.identitySecret.length < 16)
  )
    throw new Error('config.identitySecret must be at least 16 characters');
  return out;
}
