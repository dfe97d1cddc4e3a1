/** The help center's own words, per language; a locale without its own falls back to English. */
const EN = {
  home: 'Home',
  searchLabel: 'Search the help center',
  searchPlaceholder: 'Describe your question',
  searchButton: 'Search',
  resultsFor: 'Results for “{q}”',
  noResults: 'No articles match. Try other words, or contact us.',
  emptySearch: 'Type a word or a question to search.',
  articles: 'Articles',
  otherArticles: 'More articles',
  noArticles: 'There are no articles here yet.',
  updated: 'Updated {date}',
  helpfulQuestion: 'Was this helpful?',
  yes: 'Yes',
  no: 'No',
  thanks: 'Thank you for your feedback.',
  contact: 'Contact us',
  stillNeedHelp: 'Still need help?',
  skip: 'Skip to content',
  notFound: 'Page not found',
  notFoundText: 'This page does not exist or is no longer published.',
  otherLanguages: 'Also in',
  breadcrumb: 'Breadcrumb',
};
export type HelpText = typeof EN;

const DE: HelpText = {
  home: 'Startseite',
  searchLabel: 'Hilfe-Center durchsuchen',
  searchPlaceholder: 'Beschreiben Sie Ihre Frage',
  searchButton: 'Suchen',
  resultsFor: 'Ergebnisse für „{q}“',
  noResults: 'Keine passenden Artikel. Versuchen Sie andere Wörter oder kontaktieren Sie uns.',
  emptySearch: 'Geben Sie ein Wort oder eine Frage ein.',
  articles: 'Artikel',
  otherArticles: 'Weitere Artikel',
  noArticles: 'Hier gibt es noch keine Artikel.',
  updated: 'Aktualisiert am {date}',
  helpfulQuestion: 'War das hilfreich?',
  yes: 'Ja',
  no: 'Nein',
  thanks: 'Danke für Ihr Feedback.',
  contact: 'Kontakt',
  stillNeedHelp: 'Brauchen Sie weitere Hilfe?',
  skip: 'Zum Inhalt springen',
  notFound: 'Seite nicht gefunden',
  notFoundText: 'Diese Seite gibt es nicht oder sie ist nicht mehr veröffentlicht.',
  otherLanguages: 'Auch auf',
  breadcrumb: 'Brotkrümelnavigation',
};

const TEXTS: Record<string, HelpText> = { en: EN, de: DE };

export function helpText(locale: string): HelpText {
  return TEXTS[locale] ?? TEXTS[locale.split('-')[0]] ?? EN;
}

/** The name of a language in itself, for the language links. */
export function languageName(locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale);
    return name ? name.charAt(0).toUpperCase() + name.slice(1) : locale;
  } catch {
    return locale;
  }
}
