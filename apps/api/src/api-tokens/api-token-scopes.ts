import type { ApiTokenScope } from '@switchboard/contracts';

/** Every token may ask who it acts for. */
const ANY_SCOPE = new Set(['GET /api/auth/me']);

/**
 * The scope a request needs, from its method and route pattern; null when API tokens may not
 * use the route at all (admin setup, tokens, passwords, sessions), which is the default for
 * anything not named here, so a new route is closed to tokens until someone opens it.
 */
export function requiredScope(method: string, route: string): ApiTokenScope | 'any' | null {
  if (ANY_SCOPE.has(`${method} ${route}`)) return 'any';
  const read = method === 'GET' || method === 'HEAD';
  if (route === '/api/tickets' || route.startsWith('/api/tickets/'))
    return read ? 'tickets:read' : 'tickets:write';
  if (route === '/api/contacts' || route.startsWith('/api/contacts/')) return read ? 'contacts:read' : null;
  if (read && (route.startsWith('/api/reports/') || route === '/api/sla/summary')) return 'reports:read';
  return null;
}
