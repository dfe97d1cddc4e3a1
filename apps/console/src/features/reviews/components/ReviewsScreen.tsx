import { lazy, Suspense, useState, useSyncExternalStore } from 'react';
import type { ReviewView, UserView } from '@switchboard/contracts';
import { useTranslation } from '../../../i18n';
import { Button } from '../../../components/Button';
import { useToast } from '../../../components/Toast';
import { relativeTime } from '../../../lib/format';
import { useReviewQueue } from '../hooks/useReviews';
import { CoachingNotes } from './CoachingNotes';
import { ReviewForm } from './ReviewForm';
import '../reviews.css';

// Its own chunk: only supervisors open it, and it brings the charts.
const LessonsReport = lazy(() => import('./LessonsReport'));

const onHash = (listener: () => void) => {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
};

function ReviewCard({ review, onReview }: { review: ReviewView; onReview?: () => void }) {
  const { t } = useTranslation();
  return (
    <li className="review-card" data-testid="review-card">
      <div className="review-card-head">
        <a href={`#/tickets/${review.ticketId}`} className="review-ticket">
          {t('reviews.openTicket', { number: review.ticketNumber })}
        </a>
        <span className="muted">{review.ticketSubject}</span>
      </div>
      <p className="muted">
        {review.agentName ? t('reviews.agent', { name: review.agentName }) : t('reviews.noAgent')}
        {review.teamName ? ` · ${review.teamName}` : ''} · {relativeTime(review.createdAt)}
      </p>
      <ul className="review-flags" aria-label={t('reviews.flags')}>
        {review.flags.map((f) => (
          <li key={f.id}>
            <strong>{t(`reviews.sources.${f.source}`)}</strong>: {f.reason}
          </li>
        ))}
      </ul>
      {review.status === 'done' ? (
        <p>
          {review.categories.map((c) => t(`reviews.categories.${c}`)).join(' · ')}
          {review.outcome ? ` — ${t(`reviews.outcomes.${review.outcome}`)}` : ''}
        </p>
      ) : (
        onReview && (
          <Button variant="primary" onClick={onReview}>
            {t('reviews.review')}
          </Button>
        )
      )}
    </li>
  );
}

/** `#/reviews`: the review queue and form for supervisors; coaching notes for everyone. */
export default function ReviewsScreen({ me }: { me: UserView }) {
  const { t } = useTranslation();
  const supervisor = me.role !== 'agent';
  const lessonsRoute = useSyncExternalStore(onHash, () =>
    window.location.hash.startsWith('#/reviews/lessons'),
  );
  const [status, setStatus] = useState<'open' | 'done'>('open');
  const [editing, setEditing] = useState<string | null>(null);
  const queue = useReviewQueue(status, supervisor);
  const toast = useToast();
  const items = queue.data?.items ?? [];
  const current = items.find((r) => r.id === editing) ?? null;
  if (supervisor && lessonsRoute)
    return (
      <div className="reviews">
        <Suspense fallback={<p className="empty-state">{t('common.loading')}</p>}>
          <LessonsReport />
        </Suspense>
      </div>
    );
  return (
    <div className="reviews">
      {toast.region}
      {supervisor && (
        <section aria-labelledby="review-queue-title" className="reviews-queue">
          <div className="reviews-head">
            <h1 id="review-queue-title">{t('reviews.queue')}</h1>
            <a className="link-button" href="#/reviews/lessons">
              {t('lessons.nav')}
            </a>
            <div className="reviews-tabs" role="group" aria-label={t('reviews.title')}>
              {(['open', 'done'] as const).map((s) => (
                <Button
                  key={s}
                  aria-pressed={status === s}
                  variant={status === s ? 'primary' : 'default'}
                  onClick={() => {
                    setStatus(s);
                    setEditing(null);
                  }}
                >
                  {s === 'open' ? t('reviews.showOpen') : t('reviews.showDone')}
                </Button>
              ))}
            </div>
          </div>
          {current ? (
            <>
              <ReviewCard review={current} />
              <ReviewForm
                review={current}
                onDone={() => {
                  setEditing(null);
                  toast.success(t('reviews.completed'));
                }}
              />
              <Button onClick={() => setEditing(null)}>{t('common.cancel')}</Button>
            </>
          ) : !queue.data ? (
            <p className="empty-state">{t('common.loading')}</p>
          ) : items.length === 0 ? (
            <p className="empty-state">
              {status === 'open' ? t('reviews.queueEmpty') : t('reviews.doneEmpty')}
            </p>
          ) : (
            <ul className="review-list">
              {items.map((r) => (
                <ReviewCard
                  key={r.id}
                  review={r}
                  onReview={status === 'open' ? () => setEditing(r.id) : undefined}
                />
              ))}
            </ul>
          )}
        </section>
      )}
      <section aria-labelledby="coaching-title" className="reviews-coaching">
        <h2 id="coaching-title">{t('reviews.coachingTitle')}</h2>
        <CoachingNotes />
      </section>
    </div>
  );
}
