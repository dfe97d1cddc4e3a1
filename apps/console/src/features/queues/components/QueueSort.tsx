import type { TicketFilters } from '../../../lib/ticket-filters';

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
