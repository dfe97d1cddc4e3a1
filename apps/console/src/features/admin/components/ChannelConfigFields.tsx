import { useId } from 'react';
import { useChannelAccounts } from '../hooks/useChannelAccounts';
import { isSecret, type FieldValues } from '../lib/channel-config';
import type { ChannelKind, ConfigField } from '../lib/channel-kinds';
import { sixDigitHex } from '../lib/widget-look';
import { BusinessHoursFields } from './BusinessHoursFields';
import { ChannelWidgetPreview } from './ChannelWidgetPreview';
import { useTranslation } from '../../../i18n';

const INPUT_TYPE: Partial<Record<ConfigField['type'], string>> = {
  text: 'text',
  email: 'email',
  password: 'password',
  number: 'number',
  url: 'url',
  csv: 'text',
};

interface FieldProps {
  field: ConfigField;
  value: string | boolean;
  /** Editing a stored account: credentials are not shown and an empty one keeps the stored value. */
  editing: boolean;
  onChange(value: string | boolean): void;
}

/** The email accounts a chat can send offline replies and transcripts through. */
function EmailAccountSelect({
  id,
  value,
  describedBy,
  onChange,
}: {
  id: string;
  value: string;
  describedBy?: string;
  onChange(value: string): void;
}) {
  const mailboxes = (useChannelAccounts().data ?? []).filter((a) => a.kind === 'email');
  const { t } = useTranslation();
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy}>
      <option value="">{t('adminScreens.channels.noMailbox')}</option>
      {mailboxes.map((a) => (
        <option key={a.id} value={a.id}>
          {a.name}
        </option>
      ))}
    </select>
  );
}

function Field({ field, value, editing, onChange }: FieldProps) {
  const id = useId();
  const { t } = useTranslation();
  const keeps = editing && isSecret(field);
  const helpText = [field.help, keeps ? t('adminScreens.channels.keepHint') : undefined]
    .filter(Boolean)
    .join(' ');
  const help = helpText ? (
    <p id={`${id}-help`} className="muted">
      {helpText}
    </p>
  ) : null;
  const helpId = [id, 'help'].join('-');
  const describedBy = helpText ? helpId : undefined;
  const required = field.required && !keeps;
  if (field.type === 'checkbox') {
    return (
      <div className="field">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={value === true}
            onChange={(e) => onChange(e.target.checked)}
            aria-describedby={describedBy}
          />{' '}
          {field.label}
        </label>
        {help}
      </div>
    );
  }
  const text = String(value);
  let input;
  if (field.type === 'lines' || field.type === 'json')
    input = (
      <textarea
        id={id}
        rows={field.type === 'json' ? 5 : 3}
        value={text}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy}
      />
    );
  else if (field.type === 'color')
    input = (
      <input
        id={id}
        type="color"
        className="colour-input"
        value={sixDigitHex(text, String(field.initial ?? '#000000'))}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy}
      />
    );
  else if (field.type === 'email-account')
    input = <EmailAccountSelect id={id} value={text} describedBy={describedBy} onChange={onChange} />;
  else if (field.type === 'select')
    input = (
      <select id={id} value={text} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy}>
        {(field.options ?? []).map((option) => (
          <option key={option} value={option}>
            {t(`adminScreens.fieldOptions.${option}`, { defaultValue: option })}
          </option>
        ))}
      </select>
    );
  else
    input = (
      <input
        id={id}
        type={INPUT_TYPE[field.type] ?? 'text'}
        value={text}
        onChange={(e) => onChange(e.target.value)}
        aria-required={required}
        aria-describedby={describedBy}
        autoComplete={isSecret(field) ? 'new-password' : 'off'}
      />
    );
  return (
    <div className="field">
      <label htmlFor={id}>
        {field.label}
        {required || field.type === 'select' || field.type === 'color'
          ? ''
          : ` ${t('adminScreens.optional')}`}
      </label>
      {input}
      {help}
    </div>
  );
}

interface ChannelConfigFieldsProps {
  kind: ChannelKind;
  values: FieldValues;
  editing?: boolean;
  onChange(path: string, value: string | boolean): void;
}

/** The settings one kind of channel needs as labelled inputs; the rarely changed ones folded under "More settings". */
export function ChannelConfigFields({ kind, values, editing = false, onChange }: ChannelConfigFieldsProps) {
  const { t } = useTranslation();
  const render = (field: ConfigField) =>
    field.type === 'business-hours' ? (
      <BusinessHoursFields key={field.path} field={field} values={values} onChange={onChange} />
    ) : (
      <Field
        key={field.path}
        field={field}
        value={values[field.path] ?? ''}
        editing={editing}
        onChange={(value) => onChange(field.path, value)}
      />
    );
  const advanced = kind.fields.filter((f) => f.advanced);
  return (
    <fieldset className="stack">
      <legend>{t('adminScreens.channels.settingsOf', { kind: kind.label })}</legend>
      {kind.fields.filter((f) => !f.advanced).map(render)}
      {advanced.length > 0 && (
        <details className="more-settings">
          <summary>{t('adminScreens.channels.moreSettings')}</summary>
          <div className="stack">
            {/* The look is chosen here, so its preview sits beside the colour pickers. */}
            {kind.embedsWidget && <ChannelWidgetPreview values={values} />}
            {advanced.map(render)}
          </div>
        </details>
      )}
    </fieldset>
  );
}
