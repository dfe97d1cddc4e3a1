import type { MessageView } from '@switchboard/contracts';
import { useRetryDelivery } from '../hooks/useRetryDelivery';
import { useTranslation } from '../../../i18n';
import { Button } from '../../../components/Button';

/** Shown beside a failed delivery: one click queues the message again. */
export function RetryDeliveryButton({ message }: { message: Pick<MessageView, 'id' | 'ticketId'> }) {
  const retry = useRetryDelivery(message.ticketId);
  const { t } = useTranslation();
  return (
    <>
      <Button
        className="retry-delivery"
        disabled={retry.isPending}
        onClick={() => retry.mutate(message.id)}
        aria-label={t('tickets.retryLabel')}
      >
        {retry.isPending ? t('tickets.retrying') : t('tickets.retry')}
      </Button>
      {retry.isError && (
        <span className="form-error" role="alert">
          {retry.error.message}
        </span>
      )}
    </>
  );
}
