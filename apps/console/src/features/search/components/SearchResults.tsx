import { useEffect, useRef } from 'react';
import type { TicketSearchHit, TicketView } from '@switchboard/contracts';
import { Button } from '../../../components/Button';
import { contactDisplayName } from '../../../lib/channel-names';
import { relativeTime } from '../../../lib/format';
import { useTranslation } from '../../../i18n';
import { ChannelIcon } from '../../tickets/components/ChannelIcon';
import { snippetParts } from '../lib/snippet-parts';
import '../search.css';

interface Props {
  hits: TicketSearchHit[];
  activeIndex: number;
  openTicketId: string | null;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore(): void;
  onActiveIndexChange(index: number): void;
  onOpen(ticket: TicketView): void;
}

/**
 * Search results, one block per ticket, best match first: the ticket as the queue shows it, where
 * it matched, and the snippet with the matched words marked (built from text pieces, never set as
 * HTML). A ticket with several matching messages says how many more there are.
 */
export function SearchResults({
  hits,
  activeIndex,
  openTicketId,
  hasMore,
  loadingMore,
  onLoadMore,
  onActiveIndexChange,
  onOpen,
}: Props) {
  const { t } = useTranslation();
  const activeRef = useRef<HTMLLIElement>(null);
  useEffect(() => activeRef.current?.scrollIntoView?.({ block: 'nearest' }), [activeIndex]);

  const where = (hit: TicketSearchHit): string => {
    const message = hit.message;
    if (!message) return t(`search.matchedIn.${hit.matchedIn}`);
    const author = message.authorName ?? t('search.someone');
    const time = relativeTime(message.createdAt);
    if (message.kind !== 'message') return t('search.inNote', { author, time });
    return message.direction === 'in'
      ? t('search.inCustomerMessage', { time })
      : t('search.inReply', { author, time });
  };

  return (
    <div className="search-results">
      <ol className="search-result-list" aria-label={t('search.resultsLabel')}>
        {hits.map((hit, index) => {
          const { ticket } = hit;
          const classes = [
            'search-result',
            index === activeIndex ? 'active' : null,
            ticket.id === openTicketId ? 'open' : null,
          ].filter(Boolean);
          return (
            <li
              key={ticket.id}
              ref={index === activeIndex ? activeRef : undefined}
              data-testid="search-result"
              className={classes.join(' ')}
              aria-current={ticket.id === openTicketId ? 'true' : undefined}
            >
              <button
                type="button"
                className="search-result-open"
                onClick={() => {
                  onActiveIndexChange(index);
                  onOpen(ticket);
                }}
              >
                <span className="row-top">
                  <ChannelIcon channel={ticket.channel} />
                  <span className="row-number">#{ticket.number}</span>
                  <span className="row-subject">{ticket.subject || t('tickets.noSubject')}</span>
                  <span className={['badge', `status-${ticket.status}`].join(' ')}>
                    {t(`status.${ticket.status}`)}
                  </span>
                </span>
                <span className="row-bottom">
                  <span className="row-contact">
                    {contactDisplayName(ticket.contact?.name, ticket.channel)}
                  </span>
                  <span className="search-where">{where(hit)}</span>
                </span>
                <span className="search-snippet">
                  {snippetParts(hit.snippet).map((part, i) =>
                    part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
                  )}
                </span>
                {hit.messageMatches > 1 && (
                  <span className="search-more muted">
                    {t('search.moreMatches', { count: hit.messageMatches - 1 })}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ol>
      {hits.length === 0 && !loadingMore && <p className="empty">{t('search.empty')}</p>}
      {hasMore && (
        <Button className="search-load-more" onClick={onLoadMore} disabled={loadingMore}>
          {loadingMore ? t('common.loading') : t('search.loadMore')}
        </Button>
      )}
    </div>
  );
}
