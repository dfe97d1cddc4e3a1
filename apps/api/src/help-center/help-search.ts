import type { KbSearchHit } from '@switchboard/contracts';
import type { Sql } from '../common/db.js';
import { articlePath } from '../kb/kb-articles.service.js';
import { searchConfigFor } from '../kb/kb-locales.js';

/** Marks ts_headline puts around matched words; escaped output turns them into <mark>. */
export const MATCH_START = '\u27e6';
export const MATCH_END = '\u27e7';

/** The most matches a search ranks. */
const CANDIDATES = 500;

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
  const all = await rankedSearch(sql, locale, text, opts.limit, 'all');
  if (opts.match === 'all' || all.length >= opts.limit) return all;
  // Articles with every word first, then those with some of them: a common word in the
  // question then cannot crowd out the article that has them all.
  const seen = new Set(all.map((h) => h.id));
  const some = await rankedSearch(sql, locale, text, opts.limit, 'any');
  return [...all, ...some.filter((h) => !seen.has(h.id))].slice(0, opts.limit);
}

async function rankedSearch(
  sql: Sql,
  locale: string,
  text: string,
  limit: number,
  match: 'all' | 'any',
): Promise<KbSearchHit[]> {
  const query =
    match === 'all'
      ? `websearch_to_tsquery($1::regconfig, $2)`
      : `nullif(replace(plainto_tsquery($1::regconfig, $2)::text, ' & ', ' | '), '')::tsquery`;
  const rows = await sql.query<{ article_id: string; title: string; slug: string; snippet: string }>(
    `WITH q AS (SELECT ${query} AS query),
          -- Ranking reads each match's vector: a word in most articles would read them all, so
          -- at most ${CANDIDATES} matches are ranked (all of them for any usual question).
          matches AS (
            SELECT t.article_id, t.title, t.slug, t.body_text, t.search, t.updated_at
              FROM kb_translations t, q
             WHERE t.status = 'published' AND t.locale = $3 AND t.search @@ q.query
             LIMIT ${CANDIDATES}),
          hits AS (
            SELECT m.article_id, m.title, m.slug, m.body_text, ts_rank(m.search, q.query) AS rank
              FROM matches m, q
             ORDER BY rank DESC, m.updated_at DESC
             LIMIT $4)
     SELECT h.article_id, h.title, h.slug,
            ts_headline($1::regconfig, h.body_text, q.query,
              'StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=30, MinWords=12, MaxFragments=1') AS snippet
       FROM hits h, q ORDER BY h.rank DESC`,
    [searchConfigFor(locale), text, locale, limit],
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
