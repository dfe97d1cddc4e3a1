/**
 * What one search text asks for, apart from full-text words (which PostgreSQL's
 * `websearch_to_tsquery` reads itself): a part of a name or address, the digits of a phone
 * number however it was spaced, or a ticket number.
 */
export interface SearchTerms {
  /** The text as typed, whitespace collapsed: for `websearch_to_tsquery`. */
  text: string;
  /** `%text%` for LIKE, with `%`, `_` and `\` escaped; null below three characters (no trigram). */
  substring: string | null;
  /** `%digits%` when the text is a phone number (digits, spaces, `+ - ( ) . /`) of 4+ digits after leading zeros. */
  digits: string | null;
  /** The digits `digits` looks for. */
  digitNeedle: string | null;
  /** `1042` or `#1042`. */
  ticketNumber: number | null;
}

/** Trigram indexes cannot narrow a pattern shorter than one trigram. */
const MIN_SUBSTRING = 3;
const MIN_PHONE_DIGITS = 4;
const PHONE_TEXT = /^[+\d\s().\-/]+$/;
const TICKET_NUMBER = /^#?(\d{1,15})$/;

export function searchTerms(raw: string): SearchTerms {
  const text = raw.trim().replace(/\s+/g, ' ');
  // Leading zeros are trunk or international prefixes ("0170 …", "0049 170 …") that stored
  // numbers write as "+49170…": the rest of the digits still match.
  const digitsOnly = text.replace(/\D/g, '').replace(/^0+/, '');
  const number = TICKET_NUMBER.exec(text);
  const phone = PHONE_TEXT.test(text) && digitsOnly.length >= MIN_PHONE_DIGITS;
  return {
    text,
    substring: [...text].length >= MIN_SUBSTRING ? `%${escapeLike(text)}%` : null,
    digits: phone ? `%${digitsOnly}%` : null,
    digitNeedle: phone ? digitsOnly : null,
    ticketNumber: number ? Number(number[1]) : null,
  };
}

function escapeLike(text: string): string {
  return text.replace(/[%_\\]/g, (m) => `\\${m}`);
}
