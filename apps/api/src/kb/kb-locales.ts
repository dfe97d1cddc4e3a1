// The knowledge base made one configuration (`kb_<language>`) for each language full-text search
// stems; a new language needs a migration that creates it here as well.
import { SEARCH_LANGUAGES } from '../search/search-language.js';

/** The text search configuration for an article's locale: its language's stemmer, else plain words. */
export function searchConfigFor(locale: string): string {
  const language = SEARCH_LANGUAGES[locale.split('-')[0]];
  return language ? `kb_${language}` : 'kb_simple';
}
