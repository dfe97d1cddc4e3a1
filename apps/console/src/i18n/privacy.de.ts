/** Deutsche Wörter zu personenbezogenen Daten: Export und Löschung eines Kontakts, Aufbewahrung. */
export const privacyDe = {
  privacy: {
    tab: 'Personenbezogene Daten',
    export: 'Daten exportieren',
    exporting: 'Wird exportiert…',
    exported: 'Der Export wurde als ZIP-Datei gespeichert.',
    erase: 'Löschen…',
    eraseTitle: 'Diesen Kontakt löschen',
    eraseWarning:
      'Nachrichten, Dateien, Original-Mails, Adressen, Notizen und Profil werden endgültig entfernt. Die Tickets bleiben als anonyme Zahlen in den Berichten. Das lässt sich nicht rückgängig machen.',
    typeToConfirm: 'Zur Bestätigung „{{phrase}}“ eingeben',
    confirmErase: 'Endgültig löschen',
    erased:
      'Kontakt gelöscht. Anonym behaltene Tickets: {{tickets}}; gelöschte Nachrichten: {{messages}}; entfernte Dateien: {{files}}.',
    retentionHeading: 'Aufbewahrung',
    retentionIntro:
      'Was nicht mehr gebraucht wird, wird von selbst gelöscht; jede Löschung steht im Audit-Log.',
    closedTicketsDays: 'Geschlossene Tickets löschen nach (Tagen)',
    quarantineDays: 'Mails in Quarantäne löschen nach (Tagen)',
    keepForeverHint: 'Leer lassen, um unbegrenzt aufzubewahren.',
    saveRetention: 'Aufbewahrung speichern',
    retentionSaved: 'Aufbewahrung gespeichert.',
  },
};
