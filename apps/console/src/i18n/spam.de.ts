import type { spamEn } from './spam.en';

/** German words of the spam view, the blocklist and the flood limit (Sie-form). */
export const spamDe: typeof spamEn = {
  spam: {
    nav: 'Spam',
    title: 'Spam',
    intro:
      'Nachrichten gesperrter Absender und als Spam markierte Tickets. Sie bleiben hier, außerhalb aller Warteschlangen: keine Eingangsbestätigung, keine Umfrage, keine SLA-Uhr.',
    search: 'Betreff, Absender oder Text suchen',
    searchButton: 'Suchen',
    tableLabel: 'Spam-Tickets',
    ticket: 'Ticket',
    from: 'Von',
    preview: 'Letzte Nachricht',
    why: 'Grund',
    when: 'Seit',
    actions: 'Aktionen',
    none: 'Kein Spam vorhanden.',
    more: 'Mehr anzeigen',
    unknownSender: 'Unbekannter Absender',
    mark: 'Als Spam markieren',
    markTitle: 'Dieses Ticket als Spam markieren?',
    markMessage:
      'Der Absender wird gesperrt: Das Ticket verlässt die Warteschlangen, und seine nächsten Nachrichten gehen direkt in den Spam. Mit „Kein Spam“ machen Sie das rückgängig.',
    showFolded: 'Zusammengefasste Nachrichten zeigen',
    hideFolded: 'Zusammengefasste Nachrichten ausblenden',
    foldedLabel_one: '{{count}} zusammengefasste Nachricht',
    foldedLabel_other: '{{count}} zusammengefasste Nachrichten',
    notSpam: 'Kein Spam',
    reason: {
      marked: 'Als Spam markiert',
      blocked_contact: 'Gesperrter Kontakt',
      blocked_address: 'Gesperrte Adresse',
      blocked_domain: 'Gesperrte Domain',
    },
    events: {
      marked: '{{actor}} markierte dieses Ticket als Spam',
      cleared: '{{actor}} holte dieses Ticket aus dem Spam',
      clearedByUnblock: '{{actor}} entsperrte den Absender: Das Ticket ist wieder in den Warteschlangen',
      folded:
        'Mehr als {{limit}} Nachrichten in {{seconds}} s von diesem Kontakt: Der Rest dieser Zeit ist hier zusammengefasst',
    },
  },
  blocklist: {
    tab: 'Sperrliste',
    heading: 'Sperrliste',
    intro:
      'Nachrichten gesperrter Absender bleiben im Spam und erreichen keine Warteschlange. Eine Domain sperrt auch ihre Subdomains.',
    add: 'Sperren',
    kind: 'Was',
    value: 'Wert',
    kinds: { address: 'Adresse oder Nummer', domain: 'Domain', contact: 'Kontakt' },
    hints: {
      address: 'Eine E-Mail-Adresse, Telefonnummer, ein Chat- oder API-Absender, so wie er Ihnen schreibt',
      domain: 'Zum Beispiel example.com',
      contact: 'Die ID des Kontakts, von seiner Seite',
    },
    tableLabel: 'Gesperrte Absender',
    by: 'Gesperrt von',
    when: 'Seit',
    none: 'Niemand ist gesperrt.',
    unblock: 'Entsperren',
    unblockTitle: 'Diesen Absender entsperren?',
    unblockMessage:
      'Die Spam-Tickets von {{value}} kommen zurück in die Warteschlangen, sofern kein anderer Eintrag sie weiter sperrt.',
    floodHeading: 'Flutbegrenzung',
    floodEnabled: 'Nachrichten über der Grenze zu einem Hinweis zusammenfassen',
    floodMax: 'Nachrichten pro Kontakt',
    floodWindow: 'Innerhalb von Sekunden',
    floodSave: 'Grenze speichern',
    floodSaved: 'Gespeichert',
  },
};
