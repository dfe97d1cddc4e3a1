/** Every REST path the console uses, in one place so they can follow the API if it moves. */
export const endpoints = {
  login: '/api/auth/login',
  me: '/api/auth/me',
  logout: '/api/auth/logout',
  tickets: '/api/tickets',
  savedViews: '/api/views',
  savedView: (id: string) => `/api/views/${encodeURIComponent(id)}`,
  ticket: (id: string) => `/api/tickets/${encodeURIComponent(id)}`,
  timeline: (id: string) => `/api/tickets/${encodeURIComponent(id)}/messages`,
  messages: (id: string) => `/api/tickets/${encodeURIComponent(id)}/messages`,
  /** Uploads a file for a later email reply (`attachmentIds`). */
  attachments: (id: string) => `/api/tickets/${encodeURIComponent(id)}/attachments`,
  draftAttachments: '/api/attachments',
  hold: (id: string) => `/api/tickets/${encodeURIComponent(id)}/hold`,
  resume: (id: string) => `/api/tickets/${encodeURIComponent(id)}/resume`,
  transfer: (id: string) => `/api/tickets/${encodeURIComponent(id)}/transfer`,
  /** Marks the receiver's handoff card as read (recorded as a `handoff_acknowledged` event). */
  acknowledgeTransfer: (id: string) => `/api/tickets/${encodeURIComponent(id)}/handoff/ack`,
  contact: (id: string) => `/api/contacts/${encodeURIComponent(id)}`,
  contactMergeSuggestions: (id: string) => `/api/contacts/${encodeURIComponent(id)}/merge-suggestions`,
  dismissMergeSuggestion: (id: string, otherId: string) =>
    `/api/contacts/${encodeURIComponent(id)}/merge-suggestions/${encodeURIComponent(otherId)}/dismiss`,
  contacts: '/api/contacts',
  contactTimeline: (id: string) => `/api/contacts/${encodeURIComponent(id)}/timeline`,
  contactNotes: (id: string) => `/api/contacts/${encodeURIComponent(id)}/notes`,
  /** Merges the body's `otherContactId` into this contact (supervisors and admins). */
  contactMerge: (id: string) => `/api/contacts/${encodeURIComponent(id)}/merge`,
  organizations: '/api/admin/organizations',
  users: '/api/users',
  teams: '/api/teams',
  cannedReplies: '/api/canned-replies',
  adminCannedReplies: '/api/admin/canned-replies',
  adminCannedReply: (id: string) => `/api/admin/canned-replies/${encodeURIComponent(id)}`,
  holdTemplate: '/api/settings/hold-template',
  adminHoldTemplate: '/api/admin/settings/hold-template',
  replySettings: '/api/settings/reply',
  adminReplySettings: '/api/admin/settings/reply',
  adminUsers: '/api/admin/users',
  adminUser: (id: string) => `/api/admin/users/${encodeURIComponent(id)}`,
  /** Returns a generated password once when the body names none. */
  adminUserResetPassword: (id: string) => `/api/admin/users/${encodeURIComponent(id)}/reset-password`,
  adminTeams: '/api/admin/teams',
  adminTeam: (id: string) => `/api/admin/teams/${encodeURIComponent(id)}`,
  adminChannelAccounts: '/api/admin/channel-accounts',
  adminChannelAccount: (id: string) => `/api/admin/channel-accounts/${encodeURIComponent(id)}`,
  /** API accounts: a new inbound key, shown once. */
  adminChannelAccountRotateKey: (id: string) =>
    `/api/admin/channel-accounts/${encodeURIComponent(id)}/rotate-key`,
  /** Calls the provider with the stored credentials; the answer is in plain words. */
  adminChannelAccountTest: (id: string) => `/api/admin/channel-accounts/${encodeURIComponent(id)}/test`,
  adminEmailQuarantine: '/api/admin/email-quarantine',
  adminEmailQuarantineReimport: (id: string) =>
    `/api/admin/email-quarantine/${encodeURIComponent(id)}/reimport`,
  /** Sends a failed outbound message again (same idempotency key). */
  retryMessage: (ticketId: string, messageId: string) =>
    `/api/tickets/${encodeURIComponent(ticketId)}/messages/${encodeURIComponent(messageId)}/retry`,
  /** Optional: the console counts from list queries when this answers 404. */
  queueCounts: '/api/queues/counts',
  search: '/api/search',
  adminSearchLanguage: '/api/admin/settings/search-language',
  socketNamespace: '/agents',
} as const;
