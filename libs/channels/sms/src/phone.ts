// The core build with the JS-module metadata: the default entry imports a .json file, which
// ESM loaders (Node, Jest) want an import attribute for.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/min/metadata';

export type { CountryCode };

const WHATSAPP_PREFIX = /^whatsapp:/i;

/** `whatsapp:+14155550100` → `+14155550100`; other addresses unchanged. */
export function stripWhatsAppPrefix(address: string): string {
  return address.trim().replace(WHATSAPP_PREFIX, '');
}

export function isWhatsAppAddress(address: string): boolean {
  return WHATSAPP_PREFIX.test(address.trim());
}

/**
 * A phone number in E.164 (`+14155550100`), so one person is one identity whether they wrote
 * by SMS, WhatsApp or gave the number in an email. Accepts `whatsapp:` addresses, spaces,
 * dashes and national formats (with `defaultCountry`). Returns null for what cannot be a number.
 */
export function normalizePhone(raw: string, defaultCountry?: CountryCode): string | null {
  const cleaned = stripWhatsAppPrefix(raw);
  if (!cleaned) return null;
  // WhatsApp ids (WaId) arrive as bare digits with the country code: treat them as international.
  const candidate = /^\d{8,15}$/.test(cleaned) && !defaultCountry ? `+${cleaned}` : cleaned;
  const parsed = parsePhoneNumberFromString(candidate, { defaultCountry }, metadata);
  // isPossible (length rules) rather than isValid (number ranges): range metadata lags behind
  // carriers, and refusing a real customer's number would lose their message.
  if (!parsed || !parsed.isPossible()) return null;
  return parsed.number;
}
