/**
 * Report rows as CSV (RFC 4180): nested objects become `parent.child` columns, arrays are joined
 * with spaces, and a cell holding a comma, quote or line break is quoted with its quotes doubled.
 *
 * A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a
 * formula by a spreadsheet (quoting does not stop that), and survey comments are written by
 * customers: such a cell gets a leading apostrophe, which spreadsheets show as text. Numbers are
 * written as they are, so an NPS of -25 stays a number.
 */
export function toCsv(rows: Array<Record<string, unknown>>): string {
  const flat = rows.map((r) => flatten(r));
  const columns = [...new Set(flat.flatMap((r) => Object.keys(r)))];
  const lines = [columns.map(csvCell), ...flat.map((r) => columns.map((c) => csvCell(r[c])))];
  return lines.map((cells) => cells.join(',')).join('\r\n') + '\r\n';
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: guarded against formula injection when it is text, quoted when it must be. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = Array.isArray(value) ? value.join(' ') : String(value);
  if (typeof value !== 'number' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function flatten(obj: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date))
      Object.assign(out, flatten(v as Record<string, unknown>, `${prefix}${k}.`));
    else out[`${prefix}${k}`] = v;
  }
  return out;
}
