/** English words of the survey screens and of survey answers on tickets. */
export const surveysEn = {
  surveys: {
    ticketScores: 'Customer satisfaction',
    rated: 'Rated {{score}}',
    ratedWithComment: 'Rated {{score}}: {{comment}}',
    forAgent: 'for {{agent}}',
    tab: 'Surveys',
    heading: 'Satisfaction surveys',
    intro:
      'After a ticket is solved, customers are asked on their own channel. Auto-replies, opted-out and bounced contacts are never asked, and no ticket is asked twice.',
    csat: 'CSAT (1–5) after a ticket is solved',
    ces: 'CES (1–7): how easy it was',
    nps: 'NPS (0–10): would they recommend us',
    enabled: 'Send it',
    delayMinutes: 'Minutes after the solve',
    question: 'Question (optional; the built-in one otherwise)',
    cesMode: 'When',
    cesAfterCsat: 'As a follow-up after a CSAT answer',
    cesInstead: 'Instead of CSAT',
    minDaysBetween: 'At most once every (days)',
    afterSolvedTickets: 'After this many solved tickets',
    language: 'Workspace language for survey texts',
    save: 'Save',
    saved: 'Survey settings saved.',
  },
};
