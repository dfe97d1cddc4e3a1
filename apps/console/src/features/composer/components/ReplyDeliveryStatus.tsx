import type { MessageView } from '@switchboard/contracts';
import type { TimelineEntry } from '../../../lib/timeline';
import { useRetryDelivery } from '../../tickets/hooks/useRetryDelivery';
import { useTranslation } from '../../../i18n';
import { Button } from '../../../components/Button';

/**
 * The reply just sent, as the timeline knows it now: the socket moves its delivery state
 * (queued → sent → delivered, or failed) and the timeline copy is the newest one.
 */
export function latestCopy(sent: MessageView, entries: TimelineEntry[]): MessageView {
  const entry = entries.find((e) => e.type === 'message' && e.id === sent.id);
  return entry?.type === 'message' ? entry.message : sent;
}

// The delivery states with their own sentence (composer.replyState.<state>).
const WORDS = new Set(['queued', 'sent', 'delivered', 'read']);

function failed(state: MessageView['deliveryState']): boolean {
  return state === 'failed' || state === 'undelivered';
}

/** The composer's status line for the reply it last sent, following its real delivery. */
export function ReplyDeliveryStatus({ sent, entries }: { sent: MessageView; entries: TimelineEntry[] }) {
  const message = latestCopy(sent, entries);
  const retry = useRetryDelivery(message.ticketId);
  const { t } = useTranslation();
  const state = message.deliveryState ?? 'queued';
  if (!failed(state))
    return (
      <p className="muted reply-status" role="status" data-delivery={state}>
        {WORDS.has(state) ? t(`composer.replyState.${state}`) : t('composer.replyStateOther', { state })}
      </p>
    );
  return (
    <div className="reply-status reply-status-failed" data-delivery={state}>
      <p className="form-error" role="status">
        {t(state === 'undelivered' ? 'composer.replyNotDelivered' : 'composer.replyFailed', {
          reason: message.deliveryError ? ` — ${message.deliveryError}` : '',
        })}
      </p>
      {state === 'failed' && (
        <Button
          className="retry-delivery"
          disabled={retry.isPending}
          onClick={() => retry.mutate(message.id)}
        >
          {retry.isPending ? t('composer.sendingAgain') : t('composer.sendAgain')}
        </Button>
      )}
      {retry.isError && (
        <p className="form-error" role="alert">
          {retry.error.message}
        </p>
      )}
    </div>
  );
}
