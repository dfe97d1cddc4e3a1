/**
 * Tags are labels agents type, so "Export PDF", "export pdf" and " export  PDF" are one tag.
 * They are stored in one spelling, lowercase with single spaces: a filter, a search or an SLA
 * condition then matches however the tag was typed, and no list shows two spellings of one tag.
 * (Keeping the first spelling would need a workspace-wide tag table to know which came first;
 * lowercase needs none and reads the same in every list.)
 */
export function normalizeTag(tag: string): string {
  return tag.normalize('NFC').trim().replace(/\s+/gu, ' ').toLowerCase();
}

/** A ticket's tags in stored form: normalised, without blanks, each once, in the order first given. */
export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map(normalizeTag).filter(Boolean))];
}
