import { useEffect, useId, useState } from 'react';
import type { CustomFieldView } from '@switchboard/contracts';
import { useTranslation } from '../../../i18n';

interface Props {
  field: Pick<CustomFieldView, 'key' | 'label' | 'type' | 'options' | 'requiredToSolve'>;
  value: unknown;
  disabled?: boolean;
  /** The new value (null clears the field); text and numbers commit on blur or Enter, the others at once. */
  onCommit(value: unknown): void;
}

const asText = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** One custom field with the input its type asks for. */
export function CustomFieldInput({ field, value, disabled, onCommit }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState(asText(value));
  useEffect(() => setDraft(asText(value)), [value]);
  const label = (
    <label htmlFor={id}>
      {field.label}
      {field.requiredToSolve && <span className="muted"> {t('customFields.requiredMark')}</span>}
    </label>
  );

  const commitDraft = () => {
    if (draft === asText(value)) return;
    if (field.type === 'number') onCommit(draft.trim() === '' ? null : Number(draft));
    else onCommit(draft.trim() === '' ? null : draft);
  };

  switch (field.type) {
    case 'checkbox':
      return (
        <div className="custom-field checkbox">
          <input
            id={id}
            type="checkbox"
            checked={value === true}
            disabled={disabled}
            onChange={(e) => onCommit(e.target.checked)}
          />
          {label}
        </div>
      );
    case 'select':
      return (
        <div className="custom-field">
          {label}
          <select
            id={id}
            value={asText(value)}
            disabled={disabled}
            onChange={(e) => onCommit(e.target.value || null)}
          >
            <option value="">{t('customFields.noValue')}</option>
            {field.options.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </div>
      );
    case 'multiselect': {
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      return (
        <fieldset className="custom-field multiselect" disabled={disabled}>
          <legend>{field.label}</legend>
          {field.options.map((o) => (
            <label key={o}>
              <input
                type="checkbox"
                checked={chosen.includes(o)}
                onChange={(e) => onCommit(e.target.checked ? [...chosen, o] : chosen.filter((c) => c !== o))}
              />{' '}
              {o}
            </label>
          ))}
        </fieldset>
      );
    }
    default:
      return (
        <div className="custom-field">
          {label}
          <input
            id={id}
            type={field.type === 'number' ? 'number' : field.type === 'date' ? 'date' : 'text'}
            value={draft}
            disabled={disabled}
            onChange={(e) => {
              setDraft(e.target.value);
              if (field.type === 'date') onCommit(e.target.value || null);
            }}
            onBlur={field.type === 'date' ? undefined : commitDraft}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                commitDraft();
              }
            }}
          />
        </div>
      );
  }
}
