import type { surveysEn } from './surveys.en';

/** Deutsche Texte der Umfrage-Einstellungen und der Umfrageantworten an Tickets. */
export const surveysDe: typeof surveysEn = {
  surveys: {
    ticketScores: 'Kundenzufriedenheit',
    rated: 'Bewertet mit {{score}}',
    ratedWithComment: 'Bewertet mit {{score}}: {{comment}}',
    forAgent: 'für {{agent}}',
    tab: 'Umfragen',
    heading: 'Zufriedenheitsumfragen',
    intro:
      'Nach dem Lösen eines Tickets werden Kunden auf ihrem eigenen Kanal gefragt. Automatische Antworten, abgemeldete und unzustellbare Kontakte werden nie gefragt, und kein Ticket zweimal.',
    csat: 'CSAT (1–5) nach dem Lösen eines Tickets',
    ces: 'CES (1–7): wie einfach es war',
    nps: 'NPS (0–10): würden sie uns empfehlen',
    enabled: 'Senden',
    delayMinutes: 'Minuten nach dem Lösen',
    question: 'Frage (optional; sonst die eingebaute)',
    cesMode: 'Wann',
    cesAfterCsat: 'Als Folgefrage nach einer CSAT-Antwort',
    cesInstead: 'Statt CSAT',
    minDaysBetween: 'Höchstens alle (Tage)',
    afterSolvedTickets: 'Nach so vielen gelösten Tickets',
    language: 'Sprache des Arbeitsbereichs für Umfragetexte',
    save: 'Speichern',
    saved: 'Umfrage-Einstellungen gespeichert.',
  },
};
