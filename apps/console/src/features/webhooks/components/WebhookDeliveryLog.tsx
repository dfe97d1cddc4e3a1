import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from '../../../components/Button';
import { dateTime } from '../../../lib/format';
import { useTranslation } from '../../../i18n';
import {
  fetchDeliveries,
  redeliver,
  webhookKeys,
  type WebhookDeliveryView,
  type WebhookView,
} from '../api/webhooks-api';
import { useEventLabel } from './WebhookForm';

/** One webhook's deliveries, newest first: each event's attempts with status code and time, and a redeliver button. */
export function WebhookDeliveryLog({ webhook }: { webhook: WebhookView }) {
  const { t } = useTranslation();
  const log = useInfiniteQuery({
    queryKey: webhookKeys.deliveries(webhook.id),
    queryFn: ({ pageParam }) => fetchDeliveries(webhook.id, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // While an event is still on its way, the log follows it without a click.
    refetchInterval: (query) =>
      query.state.data?.pages.some((p) => p.items.some((d) => d.status === 'pending')) ? 2000 : false,
  });
  const deliveries = log.data?.pages.flatMap((p) => p.items) ?? [];
  const headingId = ['webhook-log', webhook.id].join('-');
  return (
    <section className="admin-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('webhooks.logTitle', { url: webhook.url })}</h3>
      <p className="form-actions">
        <Button onClick={() => void log.refetch()}>{t('webhooks.refresh')}</Button>
      </p>
      {log.isError && (
        <p className="form-error" role="alert">
          {log.error.message}
        </p>
      )}
      <div className="audit-table-wrap" role="region" aria-label={t('webhooks.logLabel')} tabIndex={0}>
        <table className="admin-table" aria-label={t('webhooks.logLabel')}>
          <thead>
            <tr>
              <th>{t('webhooks.when')}</th>
              <th>{t('webhooks.event')}</th>
              <th>{t('webhooks.status')}</th>
              <th>{t('webhooks.attempts')}</th>
              <th>{t('webhooks.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <DeliveryRow key={d.id} webhook={webhook} delivery={d} />
            ))}
            {log.isSuccess && !deliveries.length && (
              <tr>
                <td colSpan={5} className="muted">
                  {t('webhooks.noDeliveries')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {log.hasNextPage && (
        <Button disabled={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
          {t('webhooks.more')}
        </Button>
      )}
    </section>
  );
}

function DeliveryRow({ webhook, delivery }: { webhook: WebhookView; delivery: WebhookDeliveryView }) {
  const { t } = useTranslation();
  const eventLabel = useEventLabel();
  const queryClient = useQueryClient();
  const again = useMutation({
    mutationFn: () => redeliver(webhook.id, delivery.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookKeys.deliveries(webhook.id) }),
  });
  return (
    <tr data-testid="webhook-delivery">
      <td>{dateTime(delivery.createdAt)}</td>
      <td>
        {eventLabel(delivery.event)}
        <br />
        <code>{delivery.eventId}</code>
      </td>
      <td>{t(['webhooks.deliveryStatus', delivery.status].join('.'))}</td>
      <td>
        <ol className="webhook-attempts">
          {delivery.attemptLog.map((a) => (
            <li key={a.attempt}>
              {t('webhooks.attemptLine', {
                when: dateTime(a.at),
                code: a.statusCode ?? t('webhooks.noAnswer'),
                ms: a.durationMs,
              })}
              {a.error && <span className="muted"> {a.error}</span>}
            </li>
          ))}
        </ol>
      </td>
      <td>
        <Button
          disabled={!webhook.enabled || again.isPending}
          aria-label={t('webhooks.redeliverNamed', { id: delivery.eventId })}
          onClick={() => again.mutate()}
        >
          {t('webhooks.redeliver')}
        </Button>
        {again.isSuccess && <span role="status">{t('webhooks.redeliverQueued')}</span>}
        {again.isError && (
          <span className="form-error" role="alert">
            {again.error.message}
          </span>
        )}
      </td>
    </tr>
  );
}
