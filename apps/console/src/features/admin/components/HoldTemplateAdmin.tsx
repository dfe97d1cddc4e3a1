import { useEffect, useState, type FormEvent } from 'react';
import { renderHoldMessage } from '@switchboard/contracts';
import { useHoldTemplate } from '../../hold/hooks/useHoldTemplate';
import { useSaveHoldTemplate } from '../hooks/useHoldTemplate';
import { useTranslation } from '../../../i18n';
import { TextArea } from '../../../components/Input';
import { Button } from '../../../components/Button';

const SAMPLE = {
  ticket: { number: 1042 },
  contact: { name: 'Carla Marquez' },
  until: '2030-01-02T09:30:00.000Z',
};

/** The text customers get when their ticket goes on hold (agents can still edit it per hold). */
export function HoldTemplateAdmin() {
  const current = useHoldTemplate();
  const { save, reset } = useSaveHoldTemplate();
  const [template, setTemplate] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const { t } = useTranslation();

  useEffect(() => {
    if (current.data) setTemplate(current.data.template);
  }, [current.data]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!template.trim()) {
      setError(t('adminScreens.holdTemplate.empty'));
      return;
    }
    setError(null);
    try {
      await save.mutateAsync(template);
      setSaved(t('adminScreens.holdTemplate.saved'));
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : t('adminScreens.savingFailed'));
    }
  }

  return (
    <section className="admin-section" aria-labelledby="hold-template-heading">
      <h2 id="hold-template-heading">{t('adminScreens.holdTemplate.heading')}</h2>
      <form className="stack" onSubmit={submit} noValidate>
        <TextArea
          id="hold-template"
          label={t('adminScreens.holdTemplate.template')}
          rows={4}
          value={template}
          onChange={(e) => {
            setTemplate(e.target.value);
            setSaved(null);
          }}
          hint={
            <>
              {t('adminScreens.holdTemplate.help', {
                variables: '{{contact.first_name}}, {{ticket.number}}, {{hold.until}}',
                open: '{{#hold.until}}',
                close: '{{/hold.until}}',
              })}
              {current.data?.isDefault ? ` ${t('adminScreens.holdTemplate.builtIn')}` : ''}
            </>
          }
        />
        <p className="muted">
          {t('adminScreens.holdTemplate.preview')}{' '}
          <span data-testid="hold-template-preview">{renderHoldMessage(template, SAMPLE)}</span>
        </p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {saved && <p role="status">{saved}</p>}
        <div className="actions">
          <Button type="submit" variant="primary" disabled={save.isPending}>
            {t('adminScreens.holdTemplate.save')}
          </Button>
          <Button
            disabled={reset.isPending || current.data?.isDefault}
            onClick={() =>
              void reset.mutateAsync().then(() => setSaved(t('adminScreens.holdTemplate.restored')))
            }
          >
            {t('adminScreens.holdTemplate.restore')}
          </Button>
        </div>
      </form>
    </section>
  );
}
