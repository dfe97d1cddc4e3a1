import type { InboundMessage } from '@switchboard/channel-kit';
import { asSingleLine, isUuid, withoutNul } from '@switchboard/contracts';

/**
 * What a provider sends is stored as text and jsonb, and PostgreSQL refuses U+0000 in both: one
 * such byte would fail the transaction, the webhook would answer 500 and the provider would
 * retry the same poison message forever. Every adapter's message passes through here, so no
 * provider (Telegram, Twilio, Meta, email, the widget) needs its own copy of these rules:
 * NUL is dropped everywhere, and the sender name and subject, shown on one line in the
 * console, also lose bidi controls and line breaks.
 */
export function normalizeInbound(msg: InboundMessage): InboundMessage {
  const name = msg.from.name === undefined ? undefined : asSingleLine(msg.from.name).trim();
  const subject = msg.subject === undefined ? undefined : asSingleLine(msg.subject);
  const ticketHint = msg.ticketHint && {
    ...msg.ticketHint,
    ticketId: isUuid(msg.ticketHint.ticketId) ? msg.ticketHint.ticketId : undefined,
  };
  return {
    ...msg,
    externalId: withoutNul(msg.externalId),
    from: {
      ...msg.from,
      address: withoutNul(msg.from.address),
      ...(name !== undefined ? { name: name || undefined } : {}),
    },
    text: withoutNul(msg.text ?? ''),
    ...(msg.html !== undefined ? { html: withoutNul(msg.html) } : {}),
    ...(subject !== undefined ? { subject } : {}),
    ...(msg.threadKey !== undefined ? { threadKey: withoutNul(msg.threadKey) } : {}),
    ...(msg.alsoThreadKeys ? { alsoThreadKeys: msg.alsoThreadKeys.map(withoutNul) } : {}),
    ...(ticketHint ? { ticketHint } : {}),
    ...(msg.attachments ? { attachments: withoutNulDeep(msg.attachments) } : {}),
    ...(msg.meta ? { meta: withoutNulDeep(msg.meta) } : {}),
  };
}

/** Strings in plain objects and arrays, keys included, without NUL; other values as they are. */
function withoutNulDeep<T>(value: T): T {
  if (typeof value === 'string') return withoutNul(value) as T;
  if (Array.isArray(value)) return value.map(withoutNulDeep) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutNul(k), withoutNulDeep(v)])) as T;
  }
  return value;
}
