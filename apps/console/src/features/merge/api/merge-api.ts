import type {
  MergePreviewView,
  Page,
  TicketLinksView,
  TicketMoveResult,
  TicketView,
} from '@switchboard/contracts';
import { api, toQuery } from '../../../lib/api-client';
import { endpoints } from '../../../lib/endpoints';
import { queryKeys } from '../../../lib/query-keys';

const ticketPath = (id: string, rest: string) => `${endpoints.ticket(id)}/${rest}`;

/** Merge and split paths, beside the ticket's own (`/api/tickets/:id/…`). */
export const mergeEndpoints = {
  merge: (id: string) => ticketPath(id, 'merge'),
  undo: (id: string) => ticketPath(id, 'merge/undo'),
  split: (id: string) => ticketPath(id, 'split'),
  links: (id: string) => ticketPath(id, 'links'),
  preview: (id: string, intoTicketId: string) => ticketPath(id, `merge-preview${toQuery({ intoTicketId })}`),
};

/** Under the ticket keys: what refreshes a ticket refreshes its links too. */
export const mergeKeys = {
  links: queryKeys.ticketLinks,
  search: (q: string) => ['tickets', 'merge-search', q] as const,
  preview: (id: string, intoTicketId: string) => ['tickets', 'merge-preview', id, intoTicketId] as const,
};

/** Tickets a merge could go into: the list's search (number, subject, contact), open ones first. */
export async function searchMergeTargets(q: string): Promise<TicketView[]> {
  const page = await api.get<Page<TicketView>>(
    `${endpoints.tickets}${toQuery({ q, status: 'active', limit: 8 })}`,
  );
  return page.items;
}

export const fetchLinks = (id: string) => api.get<TicketLinksView>(mergeEndpoints.links(id));
export const fetchMergePreview = (id: string, intoTicketId: string) =>
  api.get<MergePreviewView>(mergeEndpoints.preview(id, intoTicketId));
export const mergeTicket = (id: string, intoTicketId: string) =>
  api.post<TicketMoveResult>(mergeEndpoints.merge(id), { intoTicketId });
export const undoMerge = (id: string) => api.post<TicketMoveResult>(mergeEndpoints.undo(id));
export const splitTicket = (id: string, messageIds: string[]) =>
  api.post<TicketMoveResult>(mergeEndpoints.split(id), { messageIds });
