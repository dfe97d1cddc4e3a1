import type { kbEn } from './kb.en';

/** German words of the knowledge base screens and the composer's article link. */
export const kbDe: typeof kbEn = {
  kb: {
    tab: 'Wissensdatenbank',
    heading: 'Wissensdatenbank',
    intro:
      'Artikel in Markdown, eine Übersetzung pro Sprache. Veröffentlichte erscheinen im Hilfe-Center unter /help.',
    new: 'Neuer Artikel',
    search: 'Artikel nach Titel suchen',
    listLabel: 'Artikel',
    empty: 'Noch keine Artikel.',
    statusDraft: 'Entwurf',
    statusPublished: 'Veröffentlicht',
    edit: 'Bearbeiten',
    open: 'Im Hilfe-Center ansehen',
    title: 'Titel',
    locale: 'Sprache',
    localeHint: 'Ein Sprachkürzel wie en oder de. Ein neues Kürzel fügt eine Übersetzung hinzu.',
    status: 'Status',
    body: 'Text (Markdown)',
    preview: 'Vorschau',
    save: 'Speichern',
    cancel: 'Abbrechen',
    saved: '„{{title}}“ gespeichert.',
    translations: 'Übersetzungen',
    deflection: 'Selbsthilfe in den letzten 30 Tagen',
    shown: 'Angezeigte Vorschläge',
    opened: 'Geöffnete Artikel',
    deflected: 'Besucher, denen ohne Gespräch geholfen wurde',
    escalated: 'Besucher, die nach dem Lesen eine Person fragten',
    insert: 'Artikel einfügen',
    insertTitle: 'Link zu einem Hilfeartikel einfügen',
    insertSearch: 'Veröffentlichte Artikel suchen',
    insertEmpty: 'Kein veröffentlichter Artikel passt.',
  },
};
