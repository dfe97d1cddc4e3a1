import { useId } from 'react';
import type { ChannelKind, ConfigField } from '../lib/channel-kinds';
import type { FieldValues } from '../lib/channel-config';

const INPUT_TYPE: Record<Exclude<ConfigField['type'], 'checkbox' | 'lines'>, string> = { text: 'text', email: 'email', password: 'password', number: 'number', url: 'url' };

function Field({ field, value, onChange }: { field: ConfigField; value: string | boolean; onChange(value: string | boolean): void }) {
  const id = useId();
  const help = field.help ? <p id={`${id}-help`} className="muted">{field.help}</p> : null;
  const describedBy = field.help ? `${id}-help` : undefined;
  if (field.type === 'checkbox') {
    return (
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} aria-describedby={describedBy} /> {field.label}
        </label>
        {help}
      </div>
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>
        {field.label}
        {field.required ? '' : ' (optional)'}
      </label>
      {field.type === 'lines' ? (
        <textarea id={id} rows={3} value={String(value)} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy} />
      ) : (
        <input
          id={id}
          type={INPUT_TYPE[field.type]}
          value={String(value)}
          onChange={(e) => onChange(e.target.value)}
          aria-required={field.required}
          aria-describedby={describedBy}
          autoComplete={field.type === 'password' ? 'new-password' : 'off'}
        />
      )}
      {help}
    </div>
  );
}

/** The settings one kind of channel needs, as labelled inputs. */
export function ChannelConfigFields({ kind, values, onChange }: { kind: ChannelKind; values: FieldValues; onChange(path: string, value: string | boolean): void }) {
  return (
    <fieldset className="stack">
      <legend>{kind.label} settings</legend>
      {kind.fields.map((field) => (
        <Field key={field.path} field={field} value={values[field.path] ?? ''} onChange={(value) => onChange(field.path, value)} />
      ))}
    </fieldset>
  );
}
