import type { MessageView, TicketView } from '@switchboard/contracts';
import { api, toQuery } from '../../../lib/api-client';

export type BlocklistKind = 'contact' | 'address' | 'domain';

export interface BlocklistEntry {
  id: string;
  kind: BlocklistKind;
  value: string;
  contactName: string | null;
  createdAt: string;
  createdBy: string | null;
}

export interface SpamTicket extends TicketView {
  spamAt: string;
  spamReason: string | null;
  preview: string | null;
}

export interface SpamState {
  ticketId: string;
  spam: boolean;
  spamAt: string | null;
  reason: string | null;
}

export interface FloodLimit {
  enabled: boolean;
  maxMessages: number;
  windowSeconds: number;
}

/** Under `tickets`: whatever refreshes tickets (live events, a status change) refreshes these too. */
export const spamKeys = {
  all: () => ['tickets', 'spam'] as const,
  list: (q: string) => ['tickets', 'spam', 'list', q] as const,
  state: (ticketId: string) => ['tickets', 'spam', 'state', ticketId] as const,
  blocklist: () => ['blocklist'] as const,
  floodLimit: () => ['blocklist', 'flood-limit'] as const,
  folded: (ticketId: string) => ['tickets', 'spam', 'folded', ticketId] as const,
};

const ticketPath = (id: string) => ['/api/tickets', encodeURIComponent(id), 'spam'].join('/');

export const fetchSpamTickets = (q: string, cursor: string | null) =>
  api.get<{ items: SpamTicket[]; nextCursor: string | null }>(
    ['/api/spam/tickets', toQuery({ q: q || undefined, cursor })].join(''),
  );
export const fetchSpamState = (ticketId: string) => api.get<SpamState>(ticketPath(ticketId));
export const markSpam = (ticketId: string) => api.post<{ ticketId: string }>(ticketPath(ticketId));
export const markNotSpam = (ticketId: string) =>
  api.delete<{ restoredTicketIds: string[]; stillBlockedBy: Array<{ kind: BlocklistKind; value: string }> }>(
    ticketPath(ticketId),
  );

export const fetchFoldedMessages = (ticketId: string) =>
  api.get<{ items: Array<MessageView & { noticeEventId: string }> }>(
    ['/api/tickets', encodeURIComponent(ticketId), 'folded-messages'].join('/'),
  );

export const fetchBlocklist = () => api.get<{ items: BlocklistEntry[] }>('/api/admin/blocklist');
export const addBlocklistEntry = (kind: BlocklistKind, value: string) =>
  api.post<BlocklistEntry>('/api/admin/blocklist', { kind, value });
export const removeBlocklistEntry = (id: string) =>
  api.delete<{ restoredTicketIds: string[] }>(['/api/admin/blocklist', encodeURIComponent(id)].join('/'));
export const fetchFloodLimit = () => api.get<FloodLimit>('/api/admin/blocklist/flood-limit');
export const saveFloodLimit = (limit: FloodLimit) =>
  api.put<FloodLimit>('/api/admin/blocklist/flood-limit', limit);
