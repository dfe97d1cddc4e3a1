import type { Sql } from '../common/db.js';
import { localesFor, matchingArticles, type MatchedArticle } from './article-matches.js';

/** At most this many articles in an acknowledgement: enough to help, short enough to be read. */
const MAX_ARTICLES = 3;

/** The lead-in above the links, in the language the articles were found in. */
const LEAD_IN: Record<string, string> = {
  en: 'While you wait, these articles from our help center may already answer your question:',
  de: 'Während Sie warten, beantworten diese Artikel aus unserem Hilfe-Center Ihre Frage vielleicht schon:',
};

/**
 * Self-service in the acknowledgement mail: when the admin turned it on, the top published
 * articles for the customer's first message, in the contact's language, as a block of links to
 * append. Empty when it is off or nothing matches. No AI is involved: this is the help center's
 * own search, so it works with AI assist off.
 */
export async function acknowledgementArticles(sql: Sql, ticketId: string): Promise<string> {
  const articles = await articlesForAcknowledgement(sql, ticketId);
  if (!articles.length) return '';
  const language = articles[0].locale.split('-')[0];
  const lines = articles.map((a) => `- ${a.title}: ${a.url}`);
  return [LEAD_IN[language] ?? LEAD_IN.en, ...lines].join('\n');
}

export async function articlesForAcknowledgement(sql: Sql, ticketId: string): Promise<MatchedArticle[]> {
  const [settings] = await sql.query<{ acknowledgement_articles: boolean; link_base_url: string | null }>(
    `SELECT acknowledgement_articles, link_base_url FROM assist_settings WHERE id = 1`,
  );
  if (!settings?.acknowledgement_articles) return [];
  const [first] = await sql.query<{ text: string; subject: string | null; language: string | null }>(
    `SELECT m.text, t.subject, c.language
       FROM tickets t JOIN contacts c ON c.id = t.contact_id
       JOIN LATERAL (SELECT text FROM messages WHERE ticket_id = t.id AND direction = 'in' AND kind = 'message'
                      ORDER BY created_at, id LIMIT 1) m ON true
      WHERE t.id = $1`,
    [ticketId],
  );
  if (!first) return [];
  // The subject often says it best ("Reset my password"); the body follows within the search's limit.
  const question = [first.subject, first.text].filter(Boolean).join('\n');
  return matchingArticles(sql, question, await localesFor(sql, first.language), {
    limit: MAX_ARTICLES,
    linkBaseUrl: settings.link_base_url,
  });
}
