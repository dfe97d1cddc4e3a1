/**
 * Languages with a search configuration of their own (`kb_<language>`, made by the knowledge
 * base migration: PostgreSQL's stemmer plus unaccent). A new language here needs a migration
 * that creates its configuration.
 */
const SEARCH_LANGUAGES: Record<string, string> = {
  da: 'danish',
  de: 'german',
  en: 'english',
  es: 'spanish',
  fi: 'finnish',
  fr: 'french',
  it: 'italian',
  nl: 'dutch',
  no: 'norwegian',
  pt: 'portuguese',
  sv: 'swedish',
};

/** The text search configuration for an article's locale: its language's stemmer, else plain words. */
export function searchConfigFor(locale: string): string {
  const language = SEARCH_LANGUAGES[locale.split('-')[0]];
  return language ? `kb_${language}` : 'kb_simple';
}
