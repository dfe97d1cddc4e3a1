import { useState, type FormEvent } from 'react';
import {
  REVIEW_CATEGORIES,
  REVIEW_OUTCOMES,
  type ReviewCategory,
  type ReviewOutcome,
  type ReviewView,
} from '@switchboard/contracts';
import { useTranslation } from '../../../i18n';
import { Button } from '../../../components/Button';
import { TextArea } from '../../../components/Input';
import { Select } from '../../../components/Select';
import { useCompleteReview } from '../hooks/useReviews';

/** A supervisor's review of one flagged ticket: categories, what happened, what to do better, a coaching note, an outcome. */
export function ReviewForm({ review, onDone }: { review: ReviewView; onDone: () => void }) {
  const { t } = useTranslation();
  const complete = useCompleteReview();
  const [categories, setCategories] = useState<ReviewCategory[]>([]);
  const [whatWentWrong, setWhatWentWrong] = useState('');
  const [betterNextTime, setBetterNextTime] = useState('');
  const [coachingNote, setCoachingNote] = useState('');
  const [outcome, setOutcome] = useState<ReviewOutcome>('coached');
  const [tried, setTried] = useState(false);

  const toggle = (c: ReviewCategory) =>
    setCategories((current) => (current.includes(c) ? current.filter((x) => x !== c) : [...current, c]));
  const missing = {
    categories: categories.length === 0,
    whatWentWrong: !whatWentWrong.trim(),
    betterNextTime: !betterNextTime.trim(),
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (missing.categories || missing.whatWentWrong || missing.betterNextTime) return;
    complete.mutate(
      {
        id: review.id,
        body: {
          categories,
          whatWentWrong: whatWentWrong.trim(),
          betterNextTime: betterNextTime.trim(),
          coachingNote: coachingNote.trim() || null,
          outcome,
        },
      },
      { onSuccess: onDone },
    );
  };
  return (
    <form className="review-form" onSubmit={submit} aria-labelledby={`review-form-${review.id}`}>
      <h3 id={`review-form-${review.id}`}>{t('reviews.formTitle', { number: review.ticketNumber })}</h3>
      <fieldset className="review-categories" aria-invalid={tried && missing.categories ? true : undefined}>
        <legend>{t('reviews.categoriesLabel')}</legend>
        {REVIEW_CATEGORIES.map((c) => (
          <label key={c} className="review-category">
            <input type="checkbox" checked={categories.includes(c)} onChange={() => toggle(c)} />
            {t(`reviews.categories.${c}`)}
          </label>
        ))}
        {tried && missing.categories && (
          <p className="field-error" role="alert">
            {t('reviews.pickCategory')}
          </p>
        )}
      </fieldset>
      <TextArea
        label={t('reviews.whatWentWrong')}
        value={whatWentWrong}
        onChange={(e) => setWhatWentWrong(e.target.value)}
        error={tried && missing.whatWentWrong ? t('reviews.required') : null}
        rows={3}
      />
      <TextArea
        label={t('reviews.betterNextTime')}
        value={betterNextTime}
        onChange={(e) => setBetterNextTime(e.target.value)}
        error={tried && missing.betterNextTime ? t('reviews.required') : null}
        rows={3}
      />
      <TextArea
        label={t('reviews.coachingNote')}
        hint={t('reviews.coachingNoteHint')}
        value={coachingNote}
        onChange={(e) => setCoachingNote(e.target.value)}
        rows={3}
      />
      <Select
        label={t('reviews.outcome')}
        value={outcome}
        onChange={(e) => setOutcome(e.target.value as ReviewOutcome)}
        options={REVIEW_OUTCOMES.map((o) => ({ value: o, label: t(`reviews.outcomes.${o}`) }))}
      />
      {complete.isError && (
        <p className="field-error" role="alert">
          {complete.error.message}
        </p>
      )}
      <Button type="submit" variant="primary" disabled={complete.isPending}>
        {t('reviews.complete')}
      </Button>
    </form>
  );
}
