import type { Page, TicketView } from '@switchboard/contracts';
import { api, ApiError, toQuery } from '../../../lib/api-client';
import { endpoints } from '../../../lib/endpoints';
import type { ListParams } from '../../../lib/ticket-filters';

export const PAGE_SIZE = 100;

export function fetchTicketPage(
  params: ListParams,
  cursor: string | null,
  limit = PAGE_SIZE,
): Promise<Page<TicketView>> {
  return api.get<Page<TicketView>>(`${endpoints.tickets}${toQuery({ ...params, cursor, limit })}`);
}

/** `{ mine, unassigned, all, teams: { [teamId]: n }, pending, onHold, solved, mentions }` when the API offers counts. */
export interface QueueCounts {
  mine?: number;
  unassigned?: number;
  all?: number;
  teams?: Record<string, number>;
  pending?: number;
  onHold?: number;
  solved?: number;
  mentions?: number;
}

/** Null when the API has no counts endpoint, so the caller counts from list queries. */
export async function fetchQueueCounts(): Promise<QueueCounts | null> {
  try {
    return await api.get<QueueCounts>(endpoints.queueCounts);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return null;
    throw error;
  }
}
