/**
 * Personal data taken out of text before it leaves for an AI provider: email addresses, phone
 * numbers, the contact's own handles and their name become placeholders. The provider still
 * sees what the conversation is about; it cannot tell who it is about.
 */
export const PLACEHOLDERS = {
  email: '[email]',
  phone: '[phone]',
  handle: '[contact handle]',
  name: '[customer]',
} as const;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** Seven to fifteen digits with the usual separators: short numbers (ticket #1042, prices) stay. */
const PHONE = /(?<![\p{L}\p{N}])\+?\(?\d(?:[\d\s()./-]{5,22})\d(?![\p{L}\p{N}])/gu;

/** Dates look like phone numbers to the rule above: 2026-11-03, 03.11.2026, 11/03/2026. */
const DATE = /^(\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4})$/;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface PersonalData {
  /** The contact's name as stored: the whole name and each part of three letters or more are masked. */
  contactName: string | null;
  /** The contact's addresses on every channel (an email, a phone number, a Telegram handle). */
  handles: string[];
}

export function maskPersonalData(text: string, who: PersonalData): string {
  let out = text;
  // Handles first, longest first: a handle may contain the name or a shorter handle.
  for (const handle of [...who.handles].filter((h) => h.length >= 3).sort((a, b) => b.length - a.length))
    out = out.replace(new RegExp(escapeRegExp(handle), 'giu'), PLACEHOLDERS.handle);
  out = out.replace(EMAIL, PLACEHOLDERS.email);
  out = out.replace(PHONE, (match) => {
    const digits = match.replace(/\D/g, '').length;
    if (DATE.test(match.trim())) return match;
    return digits >= 7 && digits <= 15 ? PLACEHOLDERS.phone : match;
  });
  for (const name of nameVariants(who.contactName))
    out = out.replace(
      new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'giu'),
      PLACEHOLDERS.name,
    );
  return out;
}

/** The whole name, then its parts (longest first, so "Anna Maria" goes before "Anna"). */
function nameVariants(name: string | null): string[] {
  const whole = name?.trim();
  if (!whole) return [];
  const parts = whole.split(/\s+/).filter((p) => p.length >= 3);
  return [...new Set([whole, ...parts])].sort((a, b) => b.length - a.length);
}

/**
 * A suggestion comes back with the placeholder where the name was: the agent gets the name back
 * in their draft (it is their own data; only the provider must not see it).
 */
export function restoreName(text: string, contactName: string | null): string {
  const name = contactName?.trim();
  return name ? text.split(PLACEHOLDERS.name).join(name) : text;
}
