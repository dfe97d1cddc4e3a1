import type { TicketView } from '@switchboard/contracts';
import type { TicketFilters } from '../../../lib/ticket-filters';

/**
 * A row's "last activity": what its time label shows and what the list is sorted by, the same
 * column the API orders and pages by (`updated_at`). Anything that moves the label moves the row.
 */
export function lastActivityAt(ticket: Pick<TicketView, 'updatedAt'>): string {
  return ticket.updatedAt;
}

const dueOf = (t: TicketView) => (t.sla.dueAt ? Date.parse(t.sla.dueAt) : Number.POSITIVE_INFINITY);

const byActivity = (a: TicketView, b: TicketView) =>
  lastActivityAt(b).localeCompare(lastActivityAt(a)) || b.id.localeCompare(a.id);

/**
 * The loaded rows in the server's order, kept so while live events patch them in place: most
 * recent activity first, or with "time to breach" the soonest due first and tickets without a
 * running clock last.
 */
export function sortTickets(tickets: TicketView[], sort: TicketFilters['sort']): TicketView[] {
  if (sort === 'due') return [...tickets].sort((a, b) => dueOf(a) - dueOf(b) || byActivity(a, b));
  return [...tickets].sort(byActivity);
}
