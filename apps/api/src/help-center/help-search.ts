import type { KbSearchHit } from '@switchboard/contracts';
import type { Sql } from '../common/db.js';
import { articlePath } from '../kb/kb-articles.service.js';
import { searchConfigFor } from '../kb/kb-locales.js';

/** Marks ts_headline puts around matched words; escaped output turns them into <mark>. */
export const MATCH_START = '\u27e6';
export const MATCH_END = '\u27e7';

/**
 * Full-text search over the published articles of one locale, in that locale's language
 * (stemming and accent folding by the `kb_<language>` configuration). `all` needs every word
 * (the search page); `any` ranks articles by how many words match (suggestions while a visitor
 * types a whole question). Snippets are made for the returned rows only: ts_headline re-parses
 * the body, which is the costly part.
 */
export async function searchArticles(
  sql: Sql,
  locale: string,
  q: string,
  opts: { limit: number; match: 'all' | 'any' },
): Promise<KbSearchHit[]> {
  const text = q.trim().slice(0, 200);
  if (!text) return [];
  const query =
    opts.match === 'all'
      ? `websearch_to_tsquery($1::regconfig, $2)`
      : `nullif(replace(plainto_tsquery($1::regconfig, $2)::text, ' & ', ' | '), '')::tsquery`;
  const rows = await sql.query<{ article_id: string; title: string; slug: string; snippet: string }>(
    `WITH q AS (SELECT ${query} AS query),
          hits AS (
            SELECT t.article_id, t.title, t.slug, t.body_text, ts_rank(t.search, q.query) AS rank
              FROM kb_translations t, q
             WHERE t.status = 'published' AND t.locale = $3 AND t.search @@ q.query
             ORDER BY rank DESC, t.updated_at DESC
             LIMIT $4)
     SELECT h.article_id, h.title, h.slug,
            ts_headline($1::regconfig, h.body_text, q.query,
              'StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=30, MinWords=12, MaxFragments=1') AS snippet
       FROM hits h, q ORDER BY h.rank DESC`,
    [searchConfigFor(locale), text, locale, opts.limit],
  );
  return rows.map((r) => ({
    id: r.article_id,
    locale,
    title: r.title,
    snippet: r.snippet,
    url: articlePath(locale, r.slug),
  }));
}

/** A snippet without the match marks, for JSON. */
export function plainSnippet(snippet: string): string {
  return snippet.split(MATCH_START).join('').split(MATCH_END).join('');
}
