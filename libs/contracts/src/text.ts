import { z } from 'zod';

/**
 * Text fields come in three kinds, and each kind treats hostile characters its own way:
 * - content (message bodies, notes, templates): PostgreSQL cannot store U+0000, so a NUL is
 *   dropped and everything else is kept as written;
 * - one-line labels shown in the console (names, subjects, titles): NUL and bidirectional
 *   override/isolate controls are dropped (they make "Invoice\u202Efdp.exe" read as "Invoiceexe.pdf"),
 *   and line breaks become one space, so a name cannot fake a second line;
 * - keys and filters (external ids, handles, tags, query parameters): refused with a 400 naming
 *   the field, because silently changing an identifier would make it match something else.
 */

const NUL = /\u0000/g;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
/** Line and paragraph breaks and tabs (and the whitespace around them) collapse to one space. */
const LINE_BREAKS = /[^\S\t\r\n\v\f\u0085\u2028\u2029]*[\t\r\n\v\f\u0085\u2028\u2029]\s*/g;
/** Other C0/C1 controls have no visible form in a label. */
const OTHER_CONTROLS = /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F]/g;

/** Message content without the NUL bytes PostgreSQL refuses; the rest is kept. */
export function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.replace(NUL, '') : text;
}

/** A label safe to show on one line: no NUL, no bidi controls, no line breaks. */
export function asSingleLine(text: string): string {
  return text.replace(BIDI_CONTROLS, '').replace(LINE_BREAKS, ' ').replace(OTHER_CONTROLS, '');
}

/** Message content: NUL bytes are dropped. Chain `.trim()`, `.min()`, `.max()` as usual. */
export const contentText = () => z.string().overwrite(withoutNul);

/** A one-line label shown in the console (name, subject, title). */
export const labelText = () => z.string().overwrite(asSingleLine);

/** An identifier or filter value: control and bidi characters are refused, naming the field. */
export const keyText = () =>
  z
    .string()
    .regex(
      /^[^\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]*$/,
      'must not contain control characters (NUL, line breaks, bidi controls)',
    );
