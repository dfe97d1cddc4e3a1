/**
 * Which requests leave an entry in the audit log, and under what name. One table for the whole
 * API, keyed by method and route pattern, so an admin action is audited by being listed here
 * rather than by a line in each controller that someone may forget. One request, one entry.
 */
export interface AuditContext {
  body: Record<string, unknown>;
  query: Record<string, unknown>;
  params: Record<string, string>;
  response: unknown;
  /** Set when the request failed: its HTTP status. */
  failedWith?: number;
}

export interface AuditedAction {
  /** The action name, or null when this request of the route is not audited (a JSON report, not its CSV). */
  action: string | ((ctx: AuditContext) => string | null);
  targetType?: string;
  /** Route parameter holding the target's id; else the response's `id` (a create) or the actor. */
  targetParam?: string;
  /** Body fields whose values are kept (never secrets or channel configs); other fields are named only. */
  keep?: readonly string[];
  /** Audited also when refused with one of these statuses (a failed login). */
  alsoOnFailure?: readonly number[];
}

const created = (type: string, keep?: readonly string[]): AuditedAction => ({
  action: `${type}.created`,
  targetType: type,
  keep,
});
const updated = (type: string, keep?: readonly string[]): AuditedAction => ({
  action: `${type}.updated`,
  targetType: type,
  targetParam: 'id',
  keep,
});
const deleted = (type: string): AuditedAction => ({
  action: `${type}.deleted`,
  targetType: type,
  targetParam: 'id',
});
/** Reports are audited when they leave as a file; the target is the report's path. */
const csvExport: AuditedAction = {
  action: ({ query }) => (query.format === 'csv' ? 'report.exported' : null),
  targetType: 'report',
};

function loginAction({ response, failedWith }: AuditContext): string {
  if (failedWith) return 'auth.login.failed';
  return (response as { twoFactorRequired?: boolean; twoFactorSetupRequired?: boolean } | null)
    ?.twoFactorRequired || (response as { twoFactorSetupRequired?: boolean } | null)?.twoFactorSetupRequired
    ? 'auth.login.second_factor_requested'
    : 'auth.login.succeeded';
}

/** An admin's change to a user: enabling or disabling, then role, then teams weigh most. */
function userChange({ body }: AuditContext): string {
  if (body.active === true) return 'user.enabled';
  if (body.active === false) return 'user.disabled';
  if ('role' in body) return 'user.role_changed';
  if ('teamIds' in body) return 'user.teams_changed';
  return 'user.updated';
}

const LOGIN_FAILURES = [401, 403] as const;

/** A refused SSO callback is a failed login; a successful one is audited at the exchange, save the agent it created. */
function ssoCallbackAction({ response, failedWith }: AuditContext): string | null {
  const outcome = response as { refused?: number; created?: boolean } | null;
  if (failedWith || outcome?.refused) return 'auth.login.failed';
  return outcome?.created ? 'user.created' : null;
}

export const AUDITED_ACTIONS: Record<string, AuditedAction> = {
  // Signing in and the account's own security.
  'POST /api/auth/login': { action: loginAction, targetType: 'user', alsoOnFailure: LOGIN_FAILURES },
  'POST /api/auth/2fa/verify': { action: loginAction, targetType: 'user', alsoOnFailure: LOGIN_FAILURES },
  'POST /api/auth/2fa/enrol': { action: 'user.two_factor_enabled', targetType: 'user' },
  'POST /api/auth/password': { action: 'user.password_changed', targetType: 'user' },
  'POST /api/auth/2fa/enable': { action: 'user.two_factor_enabled', targetType: 'user' },
  'POST /api/auth/2fa/disable': { action: 'user.two_factor_disabled', targetType: 'user' },
  'POST /api/auth/2fa/recovery-codes': { action: 'user.recovery_codes_regenerated', targetType: 'user' },
  'POST /api/me/api-tokens': created('api_token', ['name', 'scopes', 'expiresAt']),
  'DELETE /api/me/api-tokens/:id': {
    action: 'api_token.revoked',
    targetType: 'api_token',
    targetParam: 'id',
  },

  // People and access.
  'POST /api/admin/users': created('user', ['email', 'role', 'teamIds']),
  'PATCH /api/admin/users/:id': {
    action: userChange,
    targetType: 'user',
    targetParam: 'id',
    keep: ['role', 'teamIds', 'active', 'name', 'capacity'],
  },
  'POST /api/admin/users/:id/disable': {
    action: 'user.disabled',
    targetType: 'user',
    targetParam: 'id',
    keep: ['reassignToAgentId'],
  },
  'POST /api/admin/users/:id/reset-password': {
    action: 'user.password_reset',
    targetType: 'user',
    targetParam: 'id',
  },
  'DELETE /api/admin/users/:id/two-factor': {
    action: 'user.two_factor_reset',
    targetType: 'user',
    targetParam: 'id',
  },
  'POST /api/admin/teams': created('team', ['name']),
  'PATCH /api/admin/teams/:id': updated('team', ['name', 'assignment']),

  // Channels.
  'POST /api/admin/channel-accounts': created('channel_account', ['kind', 'name', 'teamId']),
  'PATCH /api/admin/channel-accounts/:id': updated('channel_account', ['name', 'teamId']),
  'POST /api/admin/channel-accounts/:id/test': {
    action: 'channel_account.tested',
    targetType: 'channel_account',
    targetParam: 'id',
  },
  'POST /api/channels/email/:accountId/test': {
    action: 'channel_account.tested',
    targetType: 'channel_account',
    targetParam: 'accountId',
  },
  'POST /api/admin/channel-accounts/:id/rotate-key': {
    action: 'channel_account.key_rotated',
    targetType: 'channel_account',
    targetParam: 'id',
  },
  'POST /api/admin/email-quarantine/:id/reimport': {
    action: 'email_quarantine.reimported',
    targetType: 'email_quarantine',
    targetParam: 'id',
  },

  // SLA, business hours and automation.
  'POST /api/admin/sla-policies': created('sla_policy', ['name']),
  'PATCH /api/admin/sla-policies/:id': updated('sla_policy', ['name']),
  'DELETE /api/admin/sla-policies/:id': deleted('sla_policy'),
  'POST /api/admin/calendars': created('calendar', ['name', 'timeZone']),
  'PUT /api/admin/calendars/:id': updated('calendar', ['name', 'timeZone']),
  'DELETE /api/admin/calendars/:id': deleted('calendar'),
  'POST /api/admin/rules': created('rule', ['name', 'enabled']),
  'PATCH /api/admin/rules/:id': updated('rule', ['name', 'enabled']),
  'DELETE /api/admin/rules/:id': deleted('rule'),

  // Workspace settings.
  'PATCH /api/admin/settings': { action: 'settings.updated', targetType: 'settings' },
  'PUT /api/admin/settings': { action: 'settings.updated', targetType: 'settings', keep: ['retention'] },
  'PUT /api/admin/settings/reply': { action: 'settings.updated', targetType: 'settings' },
  'PUT /api/admin/settings/hold-template': { action: 'settings.updated', targetType: 'settings' },
  'DELETE /api/admin/settings/hold-template': { action: 'settings.updated', targetType: 'settings' },
  'PUT /api/admin/settings/notification-mail': { action: 'settings.updated', targetType: 'settings' },
  'PUT /api/admin/settings/search-language': {
    action: 'settings.updated',
    targetType: 'settings',
    keep: ['language'],
  },
  'PUT /api/admin/survey-settings': { action: 'settings.surveys_changed', targetType: 'settings' },
  'PUT /api/admin/review-settings': { action: 'settings.reviews_changed', targetType: 'settings' },
  'PATCH /api/kb/settings': { action: 'settings.help_center_changed', targetType: 'settings' },
  // The API key is never kept: only that the body named it.
  'PUT /api/admin/assist-settings': {
    action: 'settings.ai_assist_changed',
    targetType: 'settings',
    keep: ['enabled', 'baseUrl', 'model', 'maskPersonalData', 'disabledTeamIds', 'acknowledgementArticles'],
  },
  'POST /api/admin/system/retry-failed': { action: 'outbound.retried_failed', targetType: 'system' },
  'PUT /api/admin/security/two-factor-policy': {
    action: 'settings.two_factor_policy_changed',
    targetType: 'settings',
    keep: ['requiredRoles'],
  },

  // Shared content admins curate.
  'POST /api/admin/canned-replies': created('canned_reply', ['title']),
  'PATCH /api/admin/canned-replies/:id': updated('canned_reply', ['title']),
  'DELETE /api/admin/canned-replies/:id': deleted('canned_reply'),
  'POST /api/macros': created('macro', ['name']),
  'PATCH /api/macros/:id': updated('macro', ['name']),
  'DELETE /api/macros/:id': deleted('macro'),
  'POST /api/admin/custom-fields': created('custom_field', ['entity', 'key', 'label', 'type']),
  'PATCH /api/admin/custom-fields/:id': updated('custom_field', ['label']),
  'DELETE /api/admin/custom-fields/:id': deleted('custom_field'),
  'DELETE /api/kb/articles/:id': deleted('kb_article'),
  'DELETE /api/kb/categories/:id': deleted('kb_category'),
  'POST /api/admin/organizations': created('organization', ['name']),
  'PATCH /api/admin/organizations/:id': updated('organization', ['name']),
  'POST /api/admin/bots': created('bot', [
    'name',
    'kind',
    'channelAccountId',
    'active',
    'handoffTeamId',
    'ai',
  ]),
  'PUT /api/admin/bots/:id': updated('bot', [
    'name',
    'kind',
    'channelAccountId',
    'active',
    'handoffTeamId',
    'ai',
  ]),
  'DELETE /api/admin/bots/:id': deleted('bot'),
  'POST /api/contacts/:id/merge': {
    action: 'contact.merged',
    targetType: 'contact',
    targetParam: 'id',
    keep: ['sourceContactId', 'intoContactId'],
  },

  // Event webhooks (their signing secret is never kept in the log).
  // The URL is named, not kept: some receivers put their credential in it.
  'POST /api/admin/webhooks': created('webhook', ['events', 'allowPrivateTargets']),
  'PATCH /api/admin/webhooks/:id': {
    action: ({ body }) =>
      body.enabled === true
        ? 'webhook.enabled'
        : body.enabled === false
          ? 'webhook.disabled'
          : 'webhook.updated',
    targetType: 'webhook',
    targetParam: 'id',
    keep: ['events', 'allowPrivateTargets', 'enabled'],
  },
  'DELETE /api/admin/webhooks/:id': deleted('webhook'),
  'POST /api/admin/webhooks/:id/deliveries/:deliveryId/redeliver': {
    action: 'webhook.redelivered',
    targetType: 'webhook',
    targetParam: 'id',
  },
  // Single sign-on (the client secret is never kept: it is not in `keep`).
  'GET /api/auth/oidc/callback': {
    action: ssoCallbackAction,
    targetType: 'user',
    alsoOnFailure: [400, 401, 403, 404, 503],
  },
  'POST /api/auth/oidc/exchange': { action: loginAction, targetType: 'user', alsoOnFailure: [400] },
  'PUT /api/admin/sso': {
    action: 'settings.sso_changed',
    targetType: 'settings',
    keep: [
      'enabled',
      'issuerUrl',
      'clientId',
      'allowedDomains',
      'roleClaim',
      'teamClaim',
      'defaultRole',
      'createUsers',
      'ssoOnly',
    ],
  },
  'DELETE /api/admin/sso': { action: 'settings.sso_removed', targetType: 'settings' },

  // Spam and abuse: the blocklist, and the ticket actions that change it.
  'POST /api/admin/blocklist': created('blocklist_entry', ['kind', 'value']),
  'DELETE /api/admin/blocklist/:id': deleted('blocklist_entry'),
  'PUT /api/admin/blocklist/flood-limit': {
    action: 'settings.flood_limit_changed',
    targetType: 'settings',
    keep: ['enabled', 'maxMessages', 'windowSeconds'],
  },
  'POST /api/tickets/:id/spam': { action: 'ticket.marked_spam', targetType: 'ticket', targetParam: 'id' },
  'DELETE /api/tickets/:id/spam': {
    action: 'ticket.marked_not_spam',
    targetType: 'ticket',
    targetParam: 'id',
  },

  // Data leaving the product.
  'GET /api/reports/sla': csvExport,
  'GET /api/reports/response-times': csvExport,
  'GET /api/reports/volume': csvExport,
  'GET /api/sla/summary': csvExport,
  'GET /api/reports/satisfaction': csvExport,
  'GET /api/reports/satisfaction/responses': csvExport,
  'GET /api/reports/lessons': csvExport,
  // Reviewed tickets leave with personal data masked, but they still leave: always an export.
  'GET /api/reviews/training-export': { action: 'reviews.training_exported', targetType: 'report' },
  // A contact's personal data: everything about them leaves, or is erased for good.
  'GET /api/contacts/:id/export': { action: 'contact.exported', targetType: 'contact', targetParam: 'id' },
  'DELETE /api/contacts/:id': { action: 'contact.erased', targetType: 'contact', targetParam: 'id' },
  'GET /api/admin/audit-log': {
    action: ({ query }) => (query.format === 'csv' ? 'audit_log.exported' : null),
    targetType: 'audit_log',
  },
};
