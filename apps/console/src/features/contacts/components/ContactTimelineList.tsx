import { Button } from '../../../components/Button';
import { dateTime } from '../../../lib/format';
import { ChannelIcon } from '../../tickets/components/ChannelIcon';
import { useContactTimeline } from '../hooks/useContacts';
import { useTranslation } from '../../../i18n';

/** Everything the customer and the team wrote, across tickets and channels, newest first. */
export function ContactTimelineList({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const timeline = useContactTimeline(contactId);
  const entries = timeline.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="contact-timeline" aria-label={t('contacts.timeline')}>
      <h3 className="section-title">{t('contacts.timeline')}</h3>
      {timeline.isError && <p role="alert">{timeline.error.message}</p>}
      <ol>
        {entries.map((entry) => (
          <li
            key={entry.id}
            data-testid="contact-timeline-entry"
            className={`contact-timeline-entry direction-${entry.direction} kind-${entry.kind}`}
          >
            <div className="entry-meta">
              <ChannelIcon channel={entry.channel} />
              <a href={`#/tickets/${entry.ticket.id}`}>
                #{entry.ticket.number} {entry.ticket.subject || t('tickets.noSubject')}
              </a>
              <span className="muted">
                {entry.kind === 'note'
                  ? t('contacts.internalNote')
                  : entry.direction === 'in'
                    ? t('contacts.fromCustomer')
                    : (entry.authorName ?? t('contacts.fromTeam'))}
              </span>
              <time dateTime={entry.createdAt}>{dateTime(entry.createdAt)}</time>
            </div>
            <p className="entry-text">{entry.preview}</p>
          </li>
        ))}
      </ol>
      {timeline.isSuccess && !entries.length && <p className="muted">{t('contacts.noMessages')}</p>}
      {timeline.hasNextPage && (
        <Button onClick={() => void timeline.fetchNextPage()} disabled={timeline.isFetchingNextPage}>
          {timeline.isFetchingNextPage ? t('common.loading') : t('contacts.olderMessages')}
        </Button>
      )}
    </section>
  );
}
