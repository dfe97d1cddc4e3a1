import { CHANNEL_KINDS, type ChannelKind } from '@switchboard/domain/vocabulary';
import { i18n } from '../i18n';

export interface ChannelLabel {
  /** What people call the channel: "Web chat", "SMS". */
  name: string;
  /** The badge beside a ticket or message, a few characters wide. */
  badge: string;
  /** The company whose service carries it, where the admin must know (it sets up the account there). */
  provider?: string;
}

/**
 * The one table of channel names in the console: a ticket's or message's channel is its channel
 * account's kind (libs/domain's CHANNEL_KINDS), and the Record makes a kind added there fail to
 * compile here until it has a name.
 */
const CHANNEL_LABELS: Record<ChannelKind, ChannelLabel> = {
  email: { name: 'Email', badge: '@' },
  twilio_sms: { name: 'SMS', badge: 'SMS', provider: 'Twilio' },
  twilio_whatsapp: { name: 'WhatsApp', badge: 'WA', provider: 'Twilio' },
  messenger: { name: 'Facebook Messenger', badge: 'FB' },
  instagram: { name: 'Instagram', badge: 'IG' },
  telegram: { name: 'Telegram', badge: 'TG' },
  web_chat: { name: 'Web chat', badge: 'Chat' },
  api: { name: 'API', badge: 'API' },
};

/** Contact identities name the address's kind; a phone number reaches SMS and WhatsApp alike. */
const IDENTITY_LABELS: Record<string, ChannelLabel> = {
  phone: { name: 'Phone', badge: 'Tel' },
};

const UNKNOWN: ChannelLabel = { name: 'Other channel', badge: '?' };

export function isChannelKind(kind: string): kind is ChannelKind {
  return (CHANNEL_KINDS as readonly string[]).includes(kind);
}

/** Name and badge of a channel or identity kind; an unknown kind is "Other channel", never its code. */
export function channelLabel(kind: string | null | undefined): ChannelLabel {
  const label = !kind
    ? UNKNOWN
    : isChannelKind(kind)
      ? CHANNEL_LABELS[kind]
      : (IDENTITY_LABELS[kind] ?? UNKNOWN);
  // The table's names are English; the agent reads them in the console's language.
  const key = label === UNKNOWN ? 'other' : kind === 'phone' ? 'phone' : kind;
  return { ...label, name: i18n.t(`channels.${key}`, { defaultValue: label.name }) };
}

export function channelName(kind: string | null | undefined): string {
  return channelLabel(kind).name;
}

/** In Admin → Channels, where the provider matters: "SMS (Twilio)". */
export function channelAccountKindName(kind: string): string {
  const { name, provider } = channelLabel(kind);
  return provider ? `${name} (${provider})` : name;
}

/** Every channel kind with its name, in the domain's order: for filters and pickers. */
export const CHANNEL_OPTIONS: ReadonlyArray<{ kind: ChannelKind; name: string }> = CHANNEL_KINDS.map(
  (kind) => ({
    kind,
    get name() {
      return channelName(kind);
    },
  }),
);

/**
 * How a contact identity reads: a web chat visitor's address is an internal id, so it shows as
 * "Web visitor" (with their email when they left one); other addresses are what the customer
 * typed or the provider gave (an email address, a phone number, a handle).
 */
export function identityLabel(identity: { kind: string; address: string }, email?: string | null): string {
  if (identity.kind === 'web_chat')
    return email ? i18n.t('channels.webVisitorWithEmail', { email }) : i18n.t('channels.webVisitor');
  return identity.address;
}

/** A contact's name for people: their name, else "Web visitor" for a chat visitor, else the fallback. */
export function contactDisplayName(
  name: string | null | undefined,
  channel: string | null | undefined,
  fallback = i18n.t('channels.unknownContact'),
): string {
  if (name && !looksLikeInternalId(name)) return name;
  return channel === 'web_chat' ? i18n.t('channels.webVisitor') : fallback;
}

/** `<account uuid>:visitor:<uuid>`, the address the chat gives a visitor, must never be shown. */
export function looksLikeInternalId(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:(visitor|user):/i.test(text);
}
