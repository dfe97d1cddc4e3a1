const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Seven or more digits, with the separators people type between them: phone numbers, account numbers.
const PHONE = /\+?\d[\d ()./-]{5,}\d/g;
const URL_WITH_QUERY = /https?:\/\/\S+\?\S+/g;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Masks a customer's personal data in a text for training material: their known names and
 * handles (longest first, whole words, any case), then any email address, phone-like number and
 * link with a query string, each replaced by a bracketed label a reader can still follow.
 */
export function maskPersonalData(text: string, known: readonly string[]): string {
  let out = text;
  const names = [...new Set(known.map((k) => k.trim()).filter((k) => k.length >= 2))].sort(
    (a, b) => b.length - a.length,
  );
  for (const name of names) {
    const label = name.includes('@') ? '[email]' : /^\+?\d/.test(name) ? '[phone]' : '[customer]';
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escape(name)}(?![\\p{L}\\p{N}])`, 'giu'), label);
  }
  return out.replace(EMAIL, '[email]').replace(URL_WITH_QUERY, '[link]').replace(PHONE, '[phone]');
}
