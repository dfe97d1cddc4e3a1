import { isStatusQueue, normalizeSearch, type TicketFilters } from '../../../lib/ticket-filters';

/** The query string of `GET /api/search` (without cursor and limit). */
export interface SearchParams {
  q: string;
  status?: string;
  teamId?: string;
  channel?: string;
}

/**
 * What the search box asks for, or null when it is empty. A search looks through every ticket
 * the agent may open, not only the queue on screen: of the queue and the filter bar, only the
 * status, team and channel narrow it (the filters the search API knows).
 */
export function searchParams(filters: TicketFilters): SearchParams | null {
  const q = normalizeSearch(filters.q);
  if (!q) return null;
  const params: SearchParams = { q };
  if (isStatusQueue(filters.queue)) params.status = filters.queue;
  else if (filters.status !== 'any') params.status = filters.status;
  const teamId = filters.teamId ?? (filters.queue.startsWith('team:') ? filters.queue.slice(5) : undefined);
  if (teamId) params.teamId = teamId;
  if (filters.channel) params.channel = filters.channel;
  return params;
}
