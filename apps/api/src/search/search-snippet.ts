/**
 * Snippets are HTML the console shows as it is. PostgreSQL marks matches with two characters no
 * message keeps (they are removed from the text before `ts_headline` runs); the text is escaped
 * first and only then are the marks turned into `<mark>`, so nothing of the message becomes markup.
 */
export const MATCH_START = '\u27e6';
export const MATCH_END = '\u27e7';

/**
 * `ts_headline` drops whatever looks like an HTML tag, so `a <b 5 > 3` would lose words: `<` and
 * `>` stand in as private-use characters while it runs (`translate(text, HIDDEN, STANDINS)`, which
 * also deletes the match marks), and become `&lt;` and `&gt;` again here.
 */
export const HEADLINE_HIDDEN = `<>${MATCH_START}${MATCH_END}`;
export const HEADLINE_STANDINS = '\ue000\ue001';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** A `ts_headline` result as safe HTML on one line. */
export function markedSnippetToHtml(marked: string): string {
  return escapeHtml(marked.replace(/\s+/g, ' ').trim())
    .split(MATCH_START)
    .join('<mark>')
    .split(MATCH_END)
    .join('</mark>')
    .split('\ue000')
    .join('&lt;')
    .split('\ue001')
    .join('&gt;');
}

/**
 * A name or address with the part the search matched marked, as safe HTML. `fold` maps each
 * character to what the comparison saw (lower case without accents, or only digits), so "mull"
 * marks "Müll" in "Anna Müller" and "170 12" marks "17012" in "+4917012345".
 */
export function markMatch(label: string, needle: string, fold: (char: string) => string): string | null {
  const chars = [...label];
  const folded = chars.map(fold);
  const target = [...needle].map(fold).join('');
  if (!target) return null;
  const haystack = folded.join('');
  const at = haystack.indexOf(target);
  if (at < 0) return null;
  // Back from positions in the folded text to characters of the label.
  let offset = 0;
  let first = -1;
  let last = -1;
  for (let i = 0; i < chars.length; i++) {
    const start = offset;
    offset += folded[i].length;
    if (folded[i].length === 0) continue;
    if (first < 0 && offset > at) first = i;
    if (start < at + target.length) last = i;
  }
  const before = chars.slice(0, first).join('');
  const match = chars.slice(first, last + 1).join('');
  const after = chars.slice(last + 1).join('');
  return `${escapeHtml(before)}<mark>${escapeHtml(match)}</mark>${escapeHtml(after)}`;
}

/** Lower case without accents, as `search_fold` compares names. */
export const foldLetters = (char: string): string =>
  char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Only digits count, as `search_digits` compares phone numbers. */
export const foldDigits = (char: string): string => (/\d/.test(char) ? char : '');
