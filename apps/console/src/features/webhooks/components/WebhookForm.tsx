import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Button } from '../../../components/Button';
import { Checkbox } from '../../../components/Choice';
import { Input } from '../../../components/Input';
import { useTranslation } from '../../../i18n';
import {
  createWebhook,
  updateWebhook,
  WEBHOOK_EVENTS,
  type WebhookEventName,
  type WebhookView,
} from '../api/webhooks-api';

/** An event's words; the catalog spells `ticket.created` as `ticket_created` (a dot nests keys). */
export function useEventLabel() {
  const { t } = useTranslation();
  return (event: WebhookEventName) => t(['webhooks.events', event.replace('.', '_')].join('.'));
}

/**
 * Adds a webhook, or edits one (`editing`). The server checks the target; its refusal (a private
 * address, a host that does not resolve) is shown as it says it.
 */
export function WebhookForm({
  editing,
  onSaved,
  onCancel,
}: {
  editing?: WebhookView;
  onSaved(result: { secret?: string; url: string }): void;
  onCancel?(): void;
}) {
  const { t } = useTranslation();
  const eventLabel = useEventLabel();
  const [url, setUrl] = useState(editing?.url ?? '');
  const [description, setDescription] = useState(editing?.description ?? '');
  const [events, setEvents] = useState<WebhookEventName[]>(editing?.events ?? ['ticket.created']);
  const [secret, setSecret] = useState('');
  const [allowPrivate, setAllowPrivate] = useState(editing?.allowPrivateTargets ?? false);
  const [enabled, setEnabled] = useState(editing?.enabled ?? true);
  const save = useMutation({
    mutationFn: async () => {
      const input = {
        url: url.trim(),
        description: description.trim(),
        events,
        allowPrivateTargets: allowPrivate,
        ...(secret ? { secret } : {}),
      };
      if (!editing) return createWebhook(input);
      // Only a changed switch is sent, so saving other fields leaves a failure count alone.
      return updateWebhook(editing.id, enabled !== editing.enabled ? { ...input, enabled } : input);
    },
    onSuccess: (saved: WebhookView & { secret?: string }) =>
      onSaved({ url: saved.url, secret: saved.secret }),
  });
  const toggle = (event: WebhookEventName) =>
    setEvents((now) => (now.includes(event) ? now.filter((e) => e !== event) : [...now, event]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form
      className="webhook-form"
      onSubmit={submit}
      aria-label={editing ? t('webhooks.editForm', { url: editing.url }) : t('webhooks.newForm')}
    >
      <Input
        label={t('webhooks.url')}
        hint={t('webhooks.urlHint')}
        type="url"
        value={url}
        maxLength={2000}
        onChange={(e) => setUrl(e.target.value)}
      />
      <Input
        label={t('webhooks.description')}
        value={description}
        maxLength={200}
        onChange={(e) => setDescription(e.target.value)}
      />
      <fieldset>
        <legend>{t('webhooks.eventsLabel')}</legend>
        {WEBHOOK_EVENTS.map((event) => (
          <Checkbox
            key={event}
            label={eventLabel(event)}
            checked={events.includes(event)}
            onChange={() => toggle(event)}
          />
        ))}
      </fieldset>
      <Input
        label={t('webhooks.secret')}
        hint={editing ? t('webhooks.secretKeepHint') : t('webhooks.secretHint')}
        type="password"
        autoComplete="new-password"
        value={secret}
        maxLength={200}
        onChange={(e) => setSecret(e.target.value)}
      />
      <Checkbox
        label={t('webhooks.allowPrivate')}
        hint={t('webhooks.allowPrivateHint')}
        checked={allowPrivate}
        onChange={(e) => setAllowPrivate(e.target.checked)}
      />
      {editing && (
        <Checkbox
          label={t('webhooks.enabled')}
          checked={enabled}
          onChange={(e) => setEnabled(e.target.checked)}
        />
      )}
      {save.isError && (
        <p className="form-error" role="alert">
          {save.error.message}
        </p>
      )}
      <p className="form-actions">
        <Button type="submit" variant="primary" disabled={save.isPending || !url.trim() || !events.length}>
          {editing ? t('webhooks.save') : t('webhooks.create')}
        </Button>
        {onCancel && <Button onClick={onCancel}>{t('common.cancel')}</Button>}
      </p>
    </form>
  );
}
