import type { ListParams } from './ticket-filters';

/** Every query key of the console, built here so cache updates and hooks agree. */
export const queryKeys = {
  me: () => ['session', 'me'] as const,
  tickets: () => ['tickets'] as const,
  ticketLists: () => ['tickets', 'list'] as const,
  ticketList: (params: ListParams) => ['tickets', 'list', params] as const,
  ticket: (id: string) => ['tickets', 'detail', id] as const,
  /** Under `tickets`, so whatever refreshes tickets refreshes search results too. */
  ticketSearch: (params: object) => ['tickets', 'search', params] as const,
  timeline: (id: string) => ['tickets', 'timeline', id] as const,
  /** Merge and split links of a ticket (banners). */
  ticketLinks: (id: string) => ['tickets', 'links', id] as const,
  queueCounts: () => ['queue-counts'] as const,
  queueCount: (params: ListParams) => ['queue-counts', params] as const,
  /** Under queue-counts: live events that refresh counts refresh the saved views' counts too. */
  savedViews: () => ['queue-counts', 'saved-views'] as const,
  contact: (id: string) => ['contacts', id] as const,
  /** Under the contact: a merge refreshes both. */
  contactMergeSuggestions: (id: string) => ['contacts', id, 'merge-suggestions'] as const,
  /** Under `contacts`, so an edit or a merge refreshes lists, pages and the ticket's contact panel at once. */
  contacts: () => ['contacts'] as const,
  contactList: (params: object) => ['contacts', 'list', params] as const,
  contactProfile: (id: string) => ['contacts', 'profile', id] as const,
  contactTimeline: (id: string) => ['contacts', 'timeline', id] as const,
  organizations: () => ['organizations'] as const,
  users: () => ['users'] as const,
  teams: () => ['teams'] as const,
  cannedReplies: () => ['canned-replies'] as const,
  holdTemplate: () => ['settings', 'hold-template'] as const,
  replySettings: () => ['settings', 'reply'] as const,
  searchLanguage: () => ['settings', 'search-language'] as const,
  adminUsers: () => ['admin', 'users'] as const,
  adminTeams: () => ['admin', 'teams'] as const,
  channelAccounts: () => ['admin', 'channel-accounts'] as const,
  emailQuarantine: () => ['admin', 'email-quarantine'] as const,
  rules: () => ['admin', 'rules'] as const,
  ruleRuns: (id: string) => ['admin', 'rules', id, 'runs'] as const,
  macros: () => ['macros'] as const,
  system: () => ['system'] as const,
  kbArticles: (q = '', status = '') => ['kb', 'articles', q, status] as const,
  kbArticle: (id: string) => ['kb', 'article', id] as const,
  kbDeflection: () => ['kb', 'deflection'] as const,
};
