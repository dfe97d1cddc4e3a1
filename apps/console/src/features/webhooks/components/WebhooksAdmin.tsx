import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { useTranslation } from '../../../i18n';
import { OneTimeSecret } from '../../security/components/OneTimeSecret';
import { deleteWebhook, fetchWebhooks, webhookKeys, type WebhookView } from '../api/webhooks-api';
import { WebhookDeliveryLog } from './WebhookDeliveryLog';
import { useEventLabel, WebhookForm } from './WebhookForm';
import '../../security/security.css';

/** Admin → Webhooks: the event webhooks, a form to add or edit one, and each one's delivery log. */
export default function WebhooksAdmin() {
  const { t } = useTranslation();
  const eventLabel = useEventLabel();
  const queryClient = useQueryClient();
  const hooks = useQuery({ queryKey: webhookKeys.list(), queryFn: fetchWebhooks });
  const refresh = () => queryClient.invalidateQueries({ queryKey: webhookKeys.all() });
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<WebhookView | null>(null);
  const [logOf, setLogOf] = useState<string | null>(null);
  const [removing, setRemoving] = useState<WebhookView | null>(null);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const shownLog = hooks.data?.find((h) => h.id === logOf);

  return (
    <section className="admin-section" aria-labelledby="webhooks-heading">
      <h2 id="webhooks-heading">{t('webhooks.heading')}</h2>
      <p className="muted">{t('webhooks.intro')}</p>
      {created && (
        <OneTimeSecret
          title={t('webhooks.secretTitle', { url: created.url })}
          lines={[created.secret]}
          onDone={() => setCreated(null)}
        />
      )}
      {adding ? (
        <WebhookForm
          onCancel={() => setAdding(false)}
          onSaved={({ url, secret }) => {
            setAdding(false);
            if (secret) setCreated({ url, secret });
            void refresh();
          }}
        />
      ) : (
        <Button variant="primary" onClick={() => setAdding(true)}>
          {t('webhooks.add')}
        </Button>
      )}
      {hooks.isError && (
        <p className="form-error" role="alert">
          {hooks.error.message}
        </p>
      )}
      <ul className="security-token-list" aria-label={t('webhooks.listLabel')}>
        {hooks.data?.map((hook) =>
          editing?.id === hook.id ? (
            <li key={hook.id} className="security-token">
              <WebhookForm
                editing={hook}
                onCancel={() => setEditing(null)}
                onSaved={() => {
                  setEditing(null);
                  void refresh();
                }}
              />
            </li>
          ) : (
            <li key={hook.id} className="security-token" data-testid="webhook">
              <strong>{hook.url}</strong>
              {hook.description && <span className="muted">{hook.description}</span>}
              <span className="muted">{hook.events.map((e) => eventLabel(e)).join(', ')}</span>
              <span role={hook.disabledReason ? 'alert' : undefined}>
                {hook.enabled
                  ? t('webhooks.on')
                  : hook.disabledReason
                    ? t('webhooks.offBecause', { reason: hook.disabledReason })
                    : t('webhooks.off')}
              </span>
              {hook.allowPrivateTargets && <span className="muted">{t('webhooks.privateAllowed')}</span>}
              <span className="form-actions">
                <Button
                  aria-label={t('webhooks.editNamed', { url: hook.url })}
                  onClick={() => setEditing(hook)}
                >
                  {t('webhooks.edit')}
                </Button>
                <Button
                  aria-pressed={logOf === hook.id}
                  aria-label={t('webhooks.logNamed', { url: hook.url })}
                  onClick={() => setLogOf(logOf === hook.id ? null : hook.id)}
                >
                  {t('webhooks.log')}
                </Button>
                <Button
                  variant="danger"
                  aria-label={t('webhooks.removeNamed', { url: hook.url })}
                  onClick={() => setRemoving(hook)}
                >
                  {t('webhooks.remove')}
                </Button>
              </span>
            </li>
          ),
        )}
        {hooks.isSuccess && !hooks.data.length && <li className="muted">{t('webhooks.none')}</li>}
      </ul>
      {shownLog && <WebhookDeliveryLog webhook={shownLog} />}
      {removing && (
        <ConfirmDialog
          title={t('webhooks.removeTitle', { url: removing.url })}
          message={t('webhooks.removeMessage')}
          confirmLabel={t('webhooks.remove')}
          danger
          onCancel={() => setRemoving(null)}
          onConfirm={async () => {
            await deleteWebhook(removing.id);
            if (logOf === removing.id) setLogOf(null);
            setRemoving(null);
            await refresh();
          }}
        />
      )}
    </section>
  );
}
