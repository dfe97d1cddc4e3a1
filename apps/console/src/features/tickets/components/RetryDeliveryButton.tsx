import type { MessageView } from '@switchboard/contracts';
import { useRetryDelivery } from '../hooks/useRetryDelivery';

/** Shown beside a failed delivery: one click queues the message again. */
export function RetryDeliveryButton({ message }: { message: Pick<MessageView, 'id' | 'ticketId'> }) {
  const retry = useRetryDelivery(message.ticketId);
  return (
    <>
      <button
        type="button"
        className="retry-delivery"
        disabled={retry.isPending}
        onClick={() => retry.mutate(message.id)}
        aria-label="Retry sending this message"
      >
        {retry.isPending ? 'Retrying…' : 'Retry'}
      </button>
      {retry.isError && (
        <span className="form-error" role="alert">
          {retry.error.message}
        </span>
      )}
    </>
  );
}
