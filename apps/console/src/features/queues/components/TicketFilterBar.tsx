import { useEffect, useState } from 'react';
import type { Priority } from '@switchboard/contracts';
import { channelName } from '../../../lib/channel-names';
import {
  CHANNELS,
  isStatusQueue,
  PRIORITIES,
  STATUSES,
  type StatusFilter,
  type TicketFilters,
} from '../../../lib/ticket-filters';

interface Props {
  filters: TicketFilters;
  onChange(filters: TicketFilters): void;
  teams: { id: string; name: string }[];
}

const STATUS_LABELS: Record<StatusFilter, string> = {
  active: 'Active',
  any: 'Any status',
  new: 'New',
  open: 'Open',
  pending: 'Pending',
  on_hold: 'On hold',
  solved: 'Solved',
  closed: 'Closed',
};

export const SEARCH_INPUT_ID = 'ticket-search';

/** Status, channel, priority, team and tag filters and the search box (text or #number). */
export function TicketFilterBar({ filters, onChange, teams }: Props) {
  const [search, setSearch] = useState(filters.q ?? '');
  const [tag, setTag] = useState(filters.tag ?? '');
  useEffect(() => setSearch(filters.q ?? ''), [filters.q]);

  const set = (patch: Partial<TicketFilters>) => onChange({ ...filters, ...patch });

  return (
    <div className="filters">
      <form
        role="search"
        className="search"
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: search.trim() || undefined });
        }}
      >
        <label htmlFor={SEARCH_INPUT_ID} className="visually-hidden">
          Search tickets by text or #number
        </label>
        <input
          id={SEARCH_INPUT_ID}
          type="search"
          placeholder="Search text or #number  ( / )"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            if (!e.target.value) set({ q: undefined });
          }}
        />
      </form>
      <div className="filter-row">
        {/* A status queue (Pending, On hold, Solved) is its own status filter. */}
        {!isStatusQueue(filters.queue) && (
          <label>
            <span className="visually-hidden">Status</span>
            <select
              aria-label="Status"
              value={filters.status}
              onChange={(e) => set({ status: e.target.value as StatusFilter })}
            >
              {(['active', 'any', ...STATUSES] as StatusFilter[]).map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
        )}
        <select
          aria-label="Channel"
          value={filters.channel ?? ''}
          onChange={(e) => set({ channel: e.target.value || undefined })}
        >
          <option value="">Any channel</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {channelName(c)}
            </option>
          ))}
        </select>
        <select
          aria-label="Priority"
          value={filters.priority ?? ''}
          onChange={(e) => set({ priority: (e.target.value || undefined) as Priority | undefined })}
        >
          <option value="">Any priority</option>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
        <select
          aria-label="Team"
          value={filters.teamId ?? ''}
          onChange={(e) => set({ teamId: e.target.value || undefined })}
        >
          <option value="">Any team</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <input
          aria-label="Tag"
          className="tag-filter"
          placeholder="Tag"
          value={tag}
          onChange={(e) => setTag(e.target.value)}
          onBlur={() => set({ tag: tag.trim() || undefined })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') set({ tag: tag.trim() || undefined });
          }}
        />
      </div>
    </div>
  );
}
