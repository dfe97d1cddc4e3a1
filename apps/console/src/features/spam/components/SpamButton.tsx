import { Button } from '../../../components/Button';
import { confirmAction } from '../../../components/confirm-action';
import { useTranslation } from '../../../i18n';
import { useSpamState, useToggleSpam } from '../hooks/useSpam';

/**
 * "Mark as spam" in the ticket's actions (it blocks the sender, so it asks first), or "Not spam"
 * on a ticket in the spam view, which unblocks the sender and puts the ticket back in the queues.
 */
export function SpamButton({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const state = useSpamState(ticketId);
  const toggle = useToggleSpam(ticketId);
  if (!state.data) return null;
  const spam = state.data.spam;
  const act = async () => {
    if (spam) return toggle.mutate(false);
    const sure = await confirmAction({
      title: t('spam.markTitle'),
      message: t('spam.markMessage'),
      confirmLabel: t('spam.mark'),
      danger: true,
    });
    if (sure) toggle.mutate(true);
  };
  return (
    <>
      <Button onClick={() => void act()} disabled={toggle.isPending}>
        {spam ? t('spam.notSpam') : t('spam.mark')}
      </Button>
      {toggle.isError && (
        <span className="form-error" role="alert">
          {toggle.error.message}
        </span>
      )}
    </>
  );
}
