import type { MessageView } from '@switchboard/contracts';
import type { TimelineEntry } from '../../../lib/timeline';
import { useRetryDelivery } from '../../tickets/hooks/useRetryDelivery';

/**
 * The reply just sent, as the timeline knows it now: the socket moves its delivery state
 * (queued → sent → delivered, or failed) and the timeline copy is the newest one.
 */
export function latestCopy(sent: MessageView, entries: TimelineEntry[]): MessageView {
  const entry = entries.find((e) => e.type === 'message' && e.id === sent.id);
  return entry?.type === 'message' ? entry.message : sent;
}

const WORDS: Record<string, string> = {
  queued: 'Reply queued for sending.',
  sent: 'Reply sent.',
  delivered: 'Reply delivered.',
  read: 'Reply read by the customer.',
};

function failed(state: MessageView['deliveryState']): boolean {
  return state === 'failed' || state === 'undelivered';
}

/** The composer's status line for the reply it last sent, following its real delivery. */
export function ReplyDeliveryStatus({ sent, entries }: { sent: MessageView; entries: TimelineEntry[] }) {
  const message = latestCopy(sent, entries);
  const retry = useRetryDelivery(message.ticketId);
  const state = message.deliveryState ?? 'queued';
  if (!failed(state))
    return (
      <p className="muted reply-status" role="status" data-delivery={state}>
        {WORDS[state] ?? `Reply ${state}.`}
      </p>
    );
  return (
    <div className="reply-status reply-status-failed" data-delivery={state}>
      <p className="form-error" role="status">
        {`Reply ${state === 'undelivered' ? 'not delivered' : 'failed'}${message.deliveryError ? ` — ${message.deliveryError}` : ''}.`}
      </p>
      {state === 'failed' && (
        <button
          type="button"
          className="retry-delivery"
          disabled={retry.isPending}
          onClick={() => retry.mutate(message.id)}
        >
          {retry.isPending ? 'Sending again…' : 'Send the failed reply again'}
        </button>
      )}
      {retry.isError && (
        <p className="form-error" role="alert">
          {retry.error.message}
        </p>
      )}
    </div>
  );
}
