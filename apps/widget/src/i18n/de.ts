import type { WidgetCatalog } from './en.js';

/** The widget's German words. */
export const de: WidgetCatalog = {
  panel: {
    label: 'Chat',
    defaultTitle: 'Schreiben Sie uns',
    open: 'Chat öffnen',
    close: 'Chat schließen',
    replyTime: 'Wir antworten meist innerhalb weniger Minuten',
    away: 'Wir sind gerade nicht da',
    backAt: 'Wir sind {{when}} wieder da',
  },
  composer: {
    label: 'Nachricht',
    placeholder: 'Nachricht schreiben…',
    attach: 'Datei anhängen',
    send: 'Senden',
    uploading: '{{name}} wird hochgeladen…',
    attachFailed: '{{name}} konnte nicht angehängt werden: {{reason}}',
  },
  message: {
    sending: 'Wird gesendet…',
    sentAt: '{{time}}',
    sentAtRead: '{{time}} · Gelesen',
    notSent: 'Nicht gesendet: {{reason}}',
    connectionDown: 'keine Verbindung',
    typing: '{{name}} schreibt…',
    solved: 'Dieses Gespräch wurde als gelöst markiert. Schreiben Sie uns jederzeit wieder.',
    defaultGreeting: 'Hallo! Wie können wir helfen?',
  },
  articles: {
    label: 'Passende Hilfeartikel',
    intro: 'Diese Artikel beantworten vielleicht Ihre Frage:',
  },
  contact: {
    intro: 'Sagen Sie uns, wer Sie sind, damit wir Ihnen antworten können.',
    defaultOffline:
      'Wir sind gerade nicht da. Hinterlassen Sie Ihre E-Mail-Adresse, dann antworten wir dort.',
    name: 'Ihr Name',
    nameOptional: 'Ihr Name (optional)',
    email: 'E-Mail',
    emailOptional: 'E-Mail (optional)',
    start: 'Chat starten',
    leaveEmail: 'E-Mail-Adresse hinterlassen',
    skip: 'Überspringen',
    thanks: 'Danke! Wie können wir helfen?',
    thanksOffline: 'Danke! Schreiben Sie Ihre Frage unten; die Antwort erhalten Sie per E-Mail.',
  },
  csat: {
    question: 'Wie waren wir?',
    scale: 'Bewerten Sie dieses Gespräch von 1 bis 5',
    score: '{{score}} von 5',
    comment: 'Möchten Sie noch etwas sagen? (optional)',
    send: 'Feedback senden',
    sending: 'Wird gesendet…',
    pickScore: 'Wählen Sie zuerst eine Bewertung von 1 bis 5.',
    failed: 'Ihr Feedback wurde nicht gesendet: {{reason}}',
    thanks: 'Vielen Dank für Ihr Feedback!',
    transcript: 'Verlauf per E-Mail senden',
    transcriptSent: 'Verlauf gesendet.',
    nothingToSend: 'Es gibt noch nichts zu senden.',
  },
};
