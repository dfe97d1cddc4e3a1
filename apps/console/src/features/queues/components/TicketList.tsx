import { useEffect, useRef } from 'react';
import { SlaCountdown } from '../../sla/components/SlaCountdown';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { TicketView } from '@switchboard/contracts';
import { contactDisplayName } from '../../../lib/channel-names';
import { ChannelIcon } from '../../tickets/components/ChannelIcon';
import { relativeTime } from '../../../lib/format';
import { lastActivityAt } from '../lib/ticket-order';
import { useTranslation } from '../../../i18n';

export const ROW_HEIGHT = 60;

interface Props {
  tickets: TicketView[];
  activeIndex: number;
  openTicketId: string | null;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore(): void;
  onActiveIndexChange(index: number): void;
  onOpen(ticket: TicketView): void;
  assigneeName(id: string | null): string;
  unread: ReadonlySet<string>;
  /** Tickets ticked for a bulk action; without `onToggleSelect` rows have no checkbox. */
  selected?: ReadonlySet<string>;
  onToggleSelect?(ticket: TicketView): void;
}

/**
 * The queue as a virtual listbox: a fixed row height and a small overscan keep the DOM at a few
 * dozen rows whether the queue holds 50 tickets or 10,000.
 */
export function TicketList({
  tickets,
  activeIndex,
  openTicketId,
  hasMore,
  loadingMore,
  onLoadMore,
  onActiveIndexChange,
  onOpen,
  assigneeName,
  unread,
  selected,
  onToggleSelect,
}: Props) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: tickets.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    initialRect: { width: 400, height: 800 },
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];

  useEffect(() => {
    if (last && hasMore && !loadingMore && last.index >= tickets.length - 20) onLoadMore();
  }, [last, hasMore, loadingMore, tickets.length, onLoadMore]);

  useEffect(() => {
    if (activeIndex >= 0 && activeIndex < tickets.length)
      virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, tickets.length, virtualizer]);

  const active = tickets[activeIndex];

  return (
    <div
      ref={scrollRef}
      className="ticket-list"
      role="grid"
      aria-label={t('queues.tickets')}
      aria-rowcount={tickets.length}
      tabIndex={0}
      aria-activedescendant={active ? `ticket-row-${active.id}` : undefined}
      onKeyDown={(e) => {
        if (e.key === 'ArrowDown') {
          e.preventDefault();
          onActiveIndexChange(Math.min(activeIndex + 1, tickets.length - 1));
        } else if (e.key === 'ArrowUp') {
          e.preventDefault();
          onActiveIndexChange(Math.max(activeIndex - 1, 0));
        }
      }}
    >
      <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((row) => {
          const ticket = tickets[row.index];
          const isUnread = unread.has(ticket.id);
          return (
            <div
              key={ticket.id}
              id={`ticket-row-${ticket.id}`}
              role="row"
              aria-selected={row.index === activeIndex}
              aria-current={ticket.id === openTicketId ? 'true' : undefined}
              aria-rowindex={row.index + 1}
              data-testid="ticket-row"
              className={`ticket-row${row.index === activeIndex ? ' active' : ''}${ticket.id === openTicketId ? ' open' : ''}${isUnread ? ' unread' : ''}`}
              style={{ height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
              onClick={() => {
                onActiveIndexChange(row.index);
                onOpen(ticket);
              }}
            >
              <div className="row-top" role="gridcell">
                {onToggleSelect && (
                  <input
                    type="checkbox"
                    className="row-select"
                    aria-label={t('queues.selectTicket', { number: ticket.number })}
                    checked={selected?.has(ticket.id) ?? false}
                    onClick={(e) => e.stopPropagation()}
                    onChange={() => onToggleSelect(ticket)}
                  />
                )}
                <ChannelIcon channel={ticket.channel} />
                <span className="row-number">#{ticket.number}</span>
                <span className="row-subject">{ticket.subject || t('tickets.noSubject')}</span>
                <time className="row-time" dateTime={lastActivityAt(ticket)}>
                  {relativeTime(lastActivityAt(ticket))}
                </time>
              </div>
              <div className="row-bottom" role="gridcell">
                <span className="row-contact">
                  {contactDisplayName(ticket.contact?.name, ticket.channel)}
                </span>
                <span className={`badge status-${ticket.status}`}>{t(`status.${ticket.status}`)}</span>
                {ticket.priority !== 'normal' && (
                  <span className={`badge priority-${ticket.priority}`}>
                    {t(`priority.${ticket.priority}`)}
                  </span>
                )}
                <SlaCountdown sla={ticket.sla} status={ticket.status} compact />
                <span className="row-assignee">
                  {ticket.assigneeId ? assigneeName(ticket.assigneeId) : t('tickets.unassigned')}
                </span>
              </div>
            </div>
          );
        })}
      </div>
      {tickets.length === 0 && !loadingMore && <p className="empty">{t('queues.empty')}</p>}
    </div>
  );
}
