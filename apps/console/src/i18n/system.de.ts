import type { systemEn } from './system.en';

/** German words of the admins' System screen (Sie-form, short UI labels). */
export const systemDe: typeof systemEn = {
  system: {
    tab: 'System',
    loading: 'Systemstatus wird geladen…',
    channelsHeading: 'Kanalkonten',
    channelsIntro:
      'Wann jeder Kanal zuletzt eine Nachricht empfangen und gesendet hat, und sein letzter Fehler.',
    channel: 'Kanal',
    lastInbound: 'Zuletzt empfangen',
    lastSent: 'Zuletzt gesendet',
    lastError: 'Letzter Fehler',
    never: 'nie',
    noError: 'keiner',
    inactive: 'inaktiv',
    noChannels: 'Noch keine Kanalkonten.',
    outboxHeading: 'Ausgang',
    outboxQueue: {
      events: 'Ereignisse, die noch an Agenten und Automationen gehen',
      outbound: 'Antworten, die noch gesendet werden',
    },
    backlog_one: '{{count}} wartend, älteste seit {{age}}',
    backlog_other: '{{count}} wartend, älteste seit {{age}}',
    backlogEmpty: 'nichts wartet',
    failedHeading: 'Fehlgeschlagene Zustellungen',
    failedIntro_one: '{{count}} Antwort konnte nicht zugestellt werden.',
    failedIntro_other: '{{count}} Antworten konnten nicht zugestellt werden.',
    noFailed: 'Alle Antworten wurden zugestellt.',
    ticket: 'Ticket #{{number}}',
    retryAll: 'Alle erneut senden',
    retried_one: '{{count}} Antwort wird erneut gesendet.',
    retried_other: '{{count}} Antworten werden erneut gesendet.',
    mailboxesHeading: 'Postfach-Überwachung',
    noMailboxes: 'Keine Postfächer verbunden.',
    watchedBy: 'überwacht von {{node}}',
    notWatched: 'von keinem Knoten überwacht',
    lastFetch: 'zuletzt abgerufen: {{when}}',
    nodesHeading: 'Knoten',
    nodeLine: '{{role}} · Version {{version}} · läuft seit {{since}} · zuletzt gemeldet: {{seen}}',
    noNodes: 'Noch kein Knoten hat sich gemeldet.',
  },
};
