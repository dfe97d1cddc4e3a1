import { useTranslation } from '../../../i18n';
import { Button } from '../../../components/Button';
import { relativeTime } from '../../../lib/format';
import { useAcknowledge, useCoachingNotes } from '../hooks/useReviews';

/** The coaching notes supervisors wrote for the signed-in agent; each is acknowledged once read. */
export function CoachingNotes() {
  const { t } = useTranslation();
  const notes = useCoachingNotes();
  const acknowledge = useAcknowledge();
  if (!notes.data) return <p className="empty-state">{t('common.loading')}</p>;
  if (notes.data.items.length === 0) return <p className="empty-state">{t('reviews.coachingEmpty')}</p>;
  return (
    <ul className="review-list" aria-label={t('reviews.coachingTitle')}>
      {notes.data.items.map((n) => (
        <li
          key={n.reviewId}
          className={`review-card${n.acknowledgedAt ? '' : ' is-new'}`}
          data-testid="coaching-note"
        >
          <a href={`#/tickets/${n.ticketId}`} className="review-ticket">
            {t('reviews.openTicket', { number: n.ticketNumber })}
          </a>{' '}
          <span className="muted">{n.ticketSubject}</span>
          <p className="review-note">{n.coachingNote}</p>
          <p className="muted">
            {n.categories.map((c) => t(`reviews.categories.${c}`)).join(' · ')}
            {n.reviewerName ? ` — ${t('reviews.from', { name: n.reviewerName })}` : ''}
          </p>
          {n.acknowledgedAt ? (
            <p className="muted">{t('reviews.acknowledged', { when: relativeTime(n.acknowledgedAt) })}</p>
          ) : (
            <Button
              variant="primary"
              onClick={() => acknowledge.mutate(n.reviewId)}
              disabled={acknowledge.isPending}
            >
              {t('reviews.acknowledge')}
            </Button>
          )}
        </li>
      ))}
    </ul>
  );
}
