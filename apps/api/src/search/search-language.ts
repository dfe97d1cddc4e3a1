/**
 * Workspace languages with a PostgreSQL stemmer (`search_<language>`, made by the full-text
 * search migration with `unaccent` in front); any other language searches plain words with
 * accents folded (`search_simple`). A language added here needs a migration that creates its
 * configuration and adds it to `search_config()`.
 */
export const SEARCH_LANGUAGES: Readonly<Record<string, string>> = {
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

/** The configuration `search_config()` picks for a language tag ("de-AT" searches as German). */
export function searchConfigurationFor(language: string): { configuration: string; stemmed: boolean } {
  const stemmer = SEARCH_LANGUAGES[language.toLowerCase().split('-')[0]];
  return stemmer
    ? { configuration: `search_${stemmer}`, stemmed: true }
    : { configuration: 'search_simple', stemmed: false };
}
