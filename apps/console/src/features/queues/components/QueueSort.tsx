import type { TicketView } from '@switchboard/contracts';
import type { TicketFilters } from '../../../lib/ticket-filters';

const dueOf = (t: TicketView) => (t.sla.dueAt ? Date.parse(t.sla.dueAt) : Number.POSITIVE_INFINITY);

/**
 * SLA (#5): with "time to breach" the server pages by `sla_due_at` (`sort=due`); live inserts land
 * on top of the cached list, so the loaded rows are kept in the same order here: soonest due first,
 * tickets without a running clock last, then by last activity like the server.
 */
export function sortByTimeToBreach(tickets: TicketView[], sort: TicketFilters['sort']): TicketView[] {
  if (sort !== 'due') return tickets;
  return [...tickets].sort(
    (a, b) => dueOf(a) - dueOf(b) || b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id),
  );
}

/** The queue's sort order: last activity (default) or time to breach. */
export function QueueSort({
  filters,
  onChange,
}: {
  filters: TicketFilters;
  onChange(filters: TicketFilters): void;
}) {
  return (
    <label className="queue-sort">
      Sort:{' '}
      <select
        aria-label="Sort"
        value={filters.sort ?? 'updated'}
        onChange={(e) => onChange({ ...filters, sort: e.target.value === 'due' ? 'due' : undefined })}
      >
        <option value="updated">Last activity</option>
        <option value="due">Time to breach</option>
      </select>
    </label>
  );
}
