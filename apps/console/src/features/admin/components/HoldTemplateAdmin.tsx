import { useEffect, useState, type FormEvent } from 'react';
import { renderHoldMessage } from '@switchboard/contracts';
import { useHoldTemplate } from '../../hold/hooks/useHoldTemplate';
import { useSaveHoldTemplate } from '../hooks/useHoldTemplate';

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

  useEffect(() => {
    if (current.data) setTemplate(current.data.template);
  }, [current.data]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!template.trim()) {
      setError('The template must not be empty.');
      return;
    }
    setError(null);
    try {
      await save.mutateAsync(template);
      setSaved('Hold message saved.');
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : 'Saving failed.');
    }
  }

  return (
    <section className="admin-section" aria-labelledby="hold-template-heading">
      <h2 id="hold-template-heading">Hold message to the customer</h2>
      <form className="stack" onSubmit={submit} noValidate>
        <label htmlFor="hold-template">Template</label>
        <textarea
          id="hold-template"
          rows={4}
          value={template}
          onChange={(e) => {
            setTemplate(e.target.value);
            setSaved(null);
          }}
          aria-describedby="hold-template-help"
        />
        <p id="hold-template-help" className="muted">
          Variables: {'{{contact.first_name}}, {{ticket.number}}, {{hold.until}}'}. Text between{' '}
          {'{{#hold.until}}'} and {'{{/hold.until}}'} is left out when the hold has no end.
          {current.data?.isDefault ? ' This is the built-in text.' : ''}
        </p>
        <p className="muted">
          Preview: <span data-testid="hold-template-preview">{renderHoldMessage(template, SAMPLE)}</span>
        </p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {saved && <p role="status">{saved}</p>}
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            Save hold message
          </button>
          <button
            type="button"
            disabled={reset.isPending || current.data?.isDefault}
            onClick={() => void reset.mutateAsync().then(() => setSaved('Back to the built-in text.'))}
          >
            Restore built-in text
          </button>
        </div>
      </form>
    </section>
  );
}
