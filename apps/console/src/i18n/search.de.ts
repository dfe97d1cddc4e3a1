import type { searchEn } from './search.en';

/** German words of the search results. */
export const searchDe: typeof searchEn = {
  search: {
    heading: 'Suche: „{{q}}“',
    resultsLabel: 'Suchergebnisse',
    found_one: '{{count}} Ticket',
    found_other: '{{count}} Tickets',
    foundMore: '{{count}}+ Tickets',
    empty:
      'Kein Ticket, das Sie öffnen dürfen, passt. Die Suche durchsucht Nachrichten, Notizen, zitierte E-Mails, Anhangsnamen, Betreffs, Tags und Kontakte.',
    loadMore: 'Weitere Ergebnisse',
    someone: 'jemandem',
    inCustomerMessage: 'Kundennachricht · {{time}}',
    inReply: 'Antwort von {{author}} · {{time}}',
    inNote: 'Notiz von {{author}} · {{time}}',
    matchedIn: {
      message: 'Nachricht',
      subject: 'Betreff oder Tags',
      contact: 'Kontakt',
      number: 'Ticketnummer',
    },
    moreMatches_one: 'und {{count}} weitere passende Nachricht',
    moreMatches_other: 'und {{count}} weitere passende Nachrichten',
  },
  searchLanguage: {
    heading: 'Suchsprache',
    label: 'Sprache Ihrer Tickets',
    hint: 'Die Suche findet andere Formen eines Wortes in dieser Sprache (Rechnung, Rechnungen) und ignoriert Akzente (Muller findet Müller). Eine Änderung indiziert ältere Tickets im Hintergrund neu.',
    reindexing: 'Ältere Tickets werden auf {{language}} neu indiziert…',
    saved: 'Die Suche liest Tickets jetzt als {{language}}.',
  },
};
