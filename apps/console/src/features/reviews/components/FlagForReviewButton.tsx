import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from '../../../i18n';
import { Button } from '../../../components/Button';
import { Dialog } from '../../../components/Dialog';
import { TextArea } from '../../../components/Input';
import { flagTicket } from '../api/reviews-api';

/** Any agent flags the ticket they see for a supervisor's review, with a reason. */
export function FlagForReviewButton({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState(false);
  const flag = useMutation({
    mutationFn: () => flagTicket(ticketId, reason.trim()),
    onSuccess: () => {
      setOpen(false);
      setReason('');
      setDone(true);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim()) flag.mutate();
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>{done ? t('reviews.flagged') : t('reviews.flagTicket')}</Button>
      {open && (
        <Dialog title={t('reviews.flagTicket')} onClose={() => setOpen(false)}>
          <form onSubmit={submit} className="review-form">
            <TextArea
              label={t('reviews.flagReason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              error={flag.isError ? flag.error.message : null}
              rows={3}
              required
            />
            <Button type="submit" variant="primary" disabled={flag.isPending || !reason.trim()}>
              {t('reviews.flagTicket')}
            </Button>
          </form>
        </Dialog>
      )}
    </>
  );
}
