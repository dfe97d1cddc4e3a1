import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TicketView } from '@switchboard/contracts';
import { listParams, queueLabel, type TicketFilters } from '../../../lib/ticket-filters';
import { useMe } from '../../auth/hooks/useSession';
import { useShortcuts } from '../../shortcuts/hooks/useShortcuts';
import { BulkActions } from './BulkActions';
import { useSavedViews } from '../hooks/useSavedViews';
import '../queues.css';
import { useTicketList } from '../hooks/useTicketList';
import { SEARCH_INPUT_ID, TicketFilterBar } from './TicketFilterBar';
import { TicketList } from './TicketList';
import { QueueSort } from './QueueSort';
import { sortTickets } from '../lib/ticket-order';
import { useTranslation } from '../../../i18n';
import { SearchResults } from '../../search/components/SearchResults';
import { useTicketSearch } from '../../search/hooks/useTicketSearch';
import { searchParams } from '../../search/lib/search-params';

interface Props {
  filters: TicketFilters;
  onFiltersChange(filters: TicketFilters): void;
  openTicketId: string | null;
  onOpen(ticket: TicketView): void;
  teams: { id: string; name: string }[];
  nameOf(id: string | null): string;
  unread: ReadonlySet<string>;
}

export function QueuePane({ filters, onFiltersChange, openTicketId, onOpen, teams, nameOf, unread }: Props) {
  const { t } = useTranslation();
  const params = useMemo(() => listParams(filters), [filters]);
  // Text in the search box shows search results (every ticket the agent may open) instead of the queue.
  const search = useMemo(() => searchParams(filters), [filters]);
  const queue = useTicketList(params, search === null);
  const found = useTicketSearch(search);
  const hits = useMemo(() => found.data?.pages.flatMap((p) => p.items) ?? [], [found.data]);
  const list = search ? found : queue;
  const tickets = useMemo(
    () =>
      search
        ? hits.map((hit) => hit.ticket)
        : sortTickets(queue.data?.pages.flatMap((p) => p.items) ?? [], filters.sort),
    [search, hits, queue.data, filters.sort],
  );
  const [activeIndex, setActiveIndex] = useState(0);
  const me = useMe();
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<string>>(new Set());
  // Only tickets still in this list stay selected (a live update may have moved one away).
  const selected = useMemo(() => tickets.filter((t) => selectedIds.has(t.id)), [tickets, selectedIds]);
  const toggle = useCallback((ticket: TicketView) => {
    setSelectedIds((current) => {
      const next = new Set(current);
      if (!next.delete(ticket.id)) next.add(ticket.id);
      return next;
    });
  }, []);

  useEffect(() => {
    setActiveIndex(0);
    setSelectedIds(new Set());
  }, [params]);

  useShortcuts({
    j: () => setActiveIndex((i) => Math.min(i + 1, tickets.length - 1)),
    k: () => setActiveIndex((i) => Math.max(i - 1, 0)),
    Enter: () => tickets[activeIndex] && onOpen(tickets[activeIndex]),
    '/': () => document.getElementById(SEARCH_INPUT_ID)?.focus(),
    x: () => !search && tickets[activeIndex] && toggle(tickets[activeIndex]),
  });

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const views = useSavedViews().data;
  const title = search
    ? t('search.heading', { q: search.q })
    : queueLabel(
        filters.queue,
        (id) => teams.find((team) => team.id === id)?.name ?? t('shell.team'),
        (id) => views?.find((v) => v.id === id)?.name ?? t('queues.savedView'),
      );
  const allSelected = tickets.length > 0 && selected.length === tickets.length;

  return (
    <section className="queue-pane" aria-labelledby="queue-title">
      <header className="queue-header">
        <input
          type="checkbox"
          className="row-select select-all"
          aria-label={t('queues.selectAll', { count: tickets.length })}
          checked={allSelected}
          ref={(box) => {
            if (box) box.indeterminate = selected.length > 0 && !allSelected;
          }}
          disabled={tickets.length === 0 || search !== null}
          onChange={() => setSelectedIds(allSelected ? new Set() : new Set(tickets.map((t) => t.id)))}
        />
        <h2 id="queue-title">{title}</h2>
        <span className="muted" aria-live="polite">
          {list.isPending
            ? t('common.loading')
            : search
              ? hasNextPage
                ? t('search.foundMore', { count: tickets.length })
                : t('search.found', { count: tickets.length })
              : hasNextPage
                ? t('queues.ticketCountMore', { count: tickets.length })
                : t('queues.ticketCount', { count: tickets.length })}
        </span>
      </header>
      <TicketFilterBar filters={filters} onChange={onFiltersChange} teams={teams} />
      {!search && <QueueSort filters={filters} onChange={onFiltersChange} />}
      {!search && <BulkActions selected={selected} me={me} onClear={() => setSelectedIds(new Set())} />}
      {list.isError && (
        <p className="form-error" role="alert">
          {list.error.message}
        </p>
      )}
      {search ? (
        <SearchResults
          hits={hits}
          activeIndex={activeIndex}
          openTicketId={openTicketId}
          hasMore={Boolean(hasNextPage)}
          loadingMore={isFetchingNextPage || found.isPending}
          onLoadMore={loadMore}
          onActiveIndexChange={setActiveIndex}
          onOpen={onOpen}
        />
      ) : (
        <TicketList
          tickets={tickets}
          activeIndex={activeIndex}
          openTicketId={openTicketId}
          hasMore={Boolean(hasNextPage)}
          loadingMore={isFetchingNextPage}
          onLoadMore={loadMore}
          onActiveIndexChange={setActiveIndex}
          onOpen={onOpen}
          assigneeName={nameOf}
          unread={unread}
          selected={selectedIds}
          onToggleSelect={toggle}
        />
      )}
    </section>
  );
}
