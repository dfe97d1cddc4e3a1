import type { Sql } from '../common/db.js';
import { searchArticles } from '../help-center/help-search.js';

export interface MatchedArticle {
  id: string;
  locale: string;
  title: string;
  /** Absolute when the help center's public address is known, else the path under it. */
  url: string;
}

/**
 * The locales to search for a contact, best first: their language as stored ("de-at"), its
 * primary language ("de"), then the help center's default.
 */
export async function localesFor(sql: Sql, contactLanguage: string | null): Promise<string[]> {
  const [kb] = await sql.query<{ default_locale: string }>(`SELECT default_locale FROM kb_settings`);
  const own = contactLanguage?.trim().toLowerCase().replace(/_/g, '-') || null;
  return [...new Set([own, own?.split('-')[0], kb?.default_locale ?? 'en'].filter((l): l is string => !!l))];
}

/**
 * Published articles matching a customer's question in the first of `locales` that has any:
 * the help center's own full-text search (any word counts, articles with every word first).
 */
export async function matchingArticles(
  sql: Sql,
  question: string,
  locales: string[],
  opts: { limit: number; linkBaseUrl: string | null },
): Promise<MatchedArticle[]> {
  for (const locale of locales) {
    const hits = await searchArticles(sql, locale, question, { limit: opts.limit, match: 'any' });
    if (hits.length)
      return hits.map((h) => ({
        id: h.id,
        locale,
        title: h.title,
        url: opts.linkBaseUrl ? `${opts.linkBaseUrl}${h.url}` : h.url,
      }));
  }
  return [];
}

/** The plain text of each article in the locale it matched in, in the order given ('' when gone). */
export async function articleBodies(
  sql: Sql,
  keys: Array<{ id: string; locale: string }>,
): Promise<string[]> {
  if (!keys.length) return [];
  const rows = await sql.query<{ article_id: string; locale: string; body_text: string }>(
    `SELECT article_id, locale, body_text FROM kb_translations
      WHERE (article_id, locale) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))`,
    [keys.map((k) => k.id), keys.map((k) => k.locale)],
  );
  return keys.map((k) => rows.find((r) => r.article_id === k.id && r.locale === k.locale)?.body_text ?? '');
}
