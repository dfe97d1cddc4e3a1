import type { notificationsEn } from './notifications.en';

/** German words of the header's personal controls (Sie-form, short UI labels). */
export const notificationsDe: typeof notificationsEn = {
  notifications: {
    title: 'Benachrichtigungen',
    bellLabel: 'Benachrichtigungen',
    bellLabelUnread_one: 'Benachrichtigungen, {{count}} ungelesen',
    bellLabelUnread_other: 'Benachrichtigungen, {{count}} ungelesen',
    markAllRead: 'Alle als gelesen markieren',
    preferences: 'Einstellungen',
    empty: 'Noch keine Benachrichtigungen.',
    listLabel: 'Ihre Benachrichtigungen',
    markRead: 'Als gelesen markieren',
    markReadOf: 'Als gelesen markieren: {{text}}',
    loadingPreferences: 'Einstellungen werden geladen…',
    notifyMe: 'Benachrichtigen Sie mich',
    about: 'Worüber',
    inApp: 'In der Konsole',
    email: 'Per E-Mail',
    inAppOf: '{{kind}} in der Konsole',
    emailOf: '{{kind}} per E-Mail',
    kinds: {
      mention: 'Erwähnungen',
      assignment: 'Mir zugewiesen',
      transfer: 'An mich oder mein Team übergeben',
      hold_expired: 'Beendete Wartezeiten',
      sla_warning: 'SLA bald fällig',
      sla_breach: 'SLA verletzt',
      sla_escalation: 'SLA-Eskalationen',
      rule: 'Automatisierungsregeln',
      followed_ticket: 'Tickets, denen ich folge',
    },
  },
  availability: {
    yourStatus: 'Ihr Status',
    pending: '…',
    statuses: { online: 'Online', away: 'Abwesend', offline: 'Offline' },
  },
  myMacros: {
    manage: 'Meine Makros verwalten',
    title: 'Meine Makros',
    intro: 'Ihre persönlichen Makros: nur Sie sehen und verwenden sie.',
    back: 'Zurück zum Anwenden von Makros',
    saved: '{{name}} ist gespeichert.',
    listLabel: 'Meine Makros',
    empty: 'Sie haben noch keine persönlichen Makros.',
  },
};
