import type { PatchTicketBody, TicketView, UserView } from '@switchboard/contracts';
import { api } from '../../../lib/api-client';
import { endpoints } from '../../../lib/endpoints';
import type { TicketDetail } from '../../../lib/ticket-cache';
import { normalizeTimeline, type TimelineEntry } from '../../../lib/timeline';

export interface ContactDetail {
  id: string;
  name: string | null;
  identities: { id: string; kind: string; address: string }[];
  tickets: Pick<TicketView, 'id' | 'number' | 'subject' | 'status' | 'channel' | 'createdAt'>[];
  notes: { id: string; text: string; authorName?: string | null; createdAt?: string }[];
}

export interface TeamView {
  id: string;
  name: string;
}

export function fetchTicket(id: string): Promise<TicketDetail> {
  return api.get<TicketDetail>(endpoints.ticket(id));
}

export async function fetchTimeline(id: string): Promise<TimelineEntry[]> {
  return normalizeTimeline(await api.get<unknown>(endpoints.timeline(id)));
}

export function updateTicket(id: string, body: PatchTicketBody): Promise<TicketView> {
  return api.patch<TicketView>(endpoints.ticket(id), body);
}

/** Accepts tickets and notes as arrays or as `{ items }` pages; older shapes just show less. */
export async function fetchContact(id: string): Promise<ContactDetail> {
  const body = await api.get<Record<string, unknown>>(endpoints.contact(id));
  const list = <T>(value: unknown): T[] =>
    Array.isArray(value)
      ? (value as T[])
      : value && typeof value === 'object' && Array.isArray((value as { items?: unknown }).items)
        ? (value as { items: T[] }).items
        : [];
  const notes =
    typeof body.notes === 'string'
      ? [{ id: 'notes', text: body.notes }]
      : list<ContactDetail['notes'][number]>(body.notes);
  return {
    id: String(body.id ?? id),
    name: typeof body.name === 'string' ? body.name : null,
    identities: list(body.identities),
    tickets: list(body.tickets),
    notes,
  };
}

export async function fetchUsers(): Promise<UserView[]> {
  const body = await api.get<{ items: UserView[] } | UserView[]>(endpoints.users);
  return Array.isArray(body) ? body : body.items;
}

export async function fetchTeams(): Promise<TeamView[]> {
  const body = await api.get<{ items: TeamView[] } | TeamView[]>(endpoints.teams);
  return Array.isArray(body) ? body : body.items;
}
