import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { ContactIdentityView, MessageView, Page, TicketView, UserView } from '@switchboard/contracts';
import { queryKeys } from './query-keys';
import { matchesList, type ListParams } from './ticket-filters';
import { upsertMessage, type TimelineEntry } from './timeline';

/** Detail responses carry the contact with identities; lists carry the short contact. */
export type TicketDetail = TicketView & {
  contact: TicketView['contact'] & { identities?: ContactIdentityView[] };
  /** Where a reply goes by default. */
  reply?: { defaultIdentityId: string | null };
};

type ListData = InfiniteData<Page<TicketView>, string | null>;

function listEntries(queryClient: QueryClient): [readonly unknown[], ListData | undefined][] {
  return queryClient.getQueriesData<ListData>({ queryKey: queryKeys.ticketLists() });
}

/** The freshest full copy of a ticket held anywhere in the cache. */
export function findCachedTicket(queryClient: QueryClient, id: string): TicketView | undefined {
  const detail = queryClient.getQueryData<TicketDetail>(queryKeys.ticket(id));
  if (detail) return detail;
  for (const [, data] of listEntries(queryClient)) {
    for (const page of data?.pages ?? []) {
      const found = page.items.find((t) => t.id === id);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Puts a ticket's new state into the detail cache and every loaded list: replaced where present,
 * removed where it no longer belongs, added on top where it now belongs. Lists filtered by text
 * are refetched, since only the server knows what matches.
 */
export function upsertTicket(queryClient: QueryClient, ticket: TicketView, me: Pick<UserView, 'id'>): void {
  queryClient.setQueryData<TicketDetail>(queryKeys.ticket(ticket.id), (old) =>
    old ? { ...old, ...ticket, contact: { ...old.contact, ...ticket.contact } } : old,
  );
  for (const [key, data] of listEntries(queryClient)) {
    if (!data) continue;
    const params = (key[2] ?? {}) as ListParams;
    const belongs = matchesList(ticket, params, me);
    const present = data.pages.some((p) => p.items.some((t) => t.id === ticket.id));
    if (belongs === undefined) {
      void queryClient.invalidateQueries({ queryKey: key, exact: true });
      continue;
    }
    if (!present && !belongs) continue;
    const pages = data.pages.map((page) => ({
      ...page,
      items: belongs
        ? page.items.map((t) => (t.id === ticket.id ? { ...t, ...ticket } : t))
        : page.items.filter((t) => t.id !== ticket.id),
    }));
    if (!present && belongs && pages.length) pages[0] = { ...pages[0], items: [ticket, ...pages[0].items] };
    queryClient.setQueryData<ListData>(key, { ...data, pages });
  }
}

/** Applies changed fields; answers false when no copy of the ticket is cached to merge into. */
export function patchTicket(
  queryClient: QueryClient,
  id: string,
  changes: Partial<TicketView>,
  me: Pick<UserView, 'id'>,
): boolean {
  const current = findCachedTicket(queryClient, id);
  if (!current) return false;
  upsertTicket(queryClient, { ...current, ...changes, id }, me);
  return true;
}

/** Adds a message to the ticket's timeline when it is loaded, and moves the ticket's last activity. */
export function addMessage(queryClient: QueryClient, message: MessageView): void {
  queryClient.setQueryData<TimelineEntry[]>(queryKeys.timeline(message.ticketId), (old) =>
    old ? upsertMessage(old, message) : old,
  );
}

/**
 * Applies the message a REST call answered with, unless the timeline already holds a copy that
 * `isNewer` says came later. The answer can arrive after the socket's `message.updated` (a reply
 * is often sent before its POST returns); without this, "sent" would fall back to "queued".
 */
export function addAnsweredMessage(
  queryClient: QueryClient,
  message: MessageView,
  isNewer: (current: MessageView) => boolean,
): void {
  queryClient.setQueryData<TimelineEntry[]>(queryKeys.timeline(message.ticketId), (old) => {
    if (!old) return old;
    const current = old.find((e) => e.type === 'message' && e.id === message.id);
    return current?.type === 'message' && isNewer(current.message) ? old : upsertMessage(old, message);
  });
}

export function totalLoaded(data: ListData | undefined): number {
  return data?.pages.reduce((sum, page) => sum + page.items.length, 0) ?? 0;
}
