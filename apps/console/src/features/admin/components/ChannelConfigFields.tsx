import { useChannelAccounts } from '../hooks/useChannelAccounts';
import { isSecret, type FieldValues } from '../lib/channel-config';
import type { ChannelKind, ConfigField } from '../lib/channel-kinds';
import { sixDigitHex } from '../lib/widget-look';
import { BusinessHoursFields } from './BusinessHoursFields';
import { ChannelWidgetPreview } from './ChannelWidgetPreview';
import { useTranslation } from '../../../i18n';
import { Checkbox } from '../../../components/Choice';
import { Input, TextArea } from '../../../components/Input';
import { Select } from '../../../components/Select';

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
  label,
  hint,
  value,
  onChange,
}: {
  label: string;
  hint?: string;
  value: string;
  onChange(value: string): void;
}) {
  const mailboxes = (useChannelAccounts().data ?? []).filter((a) => a.kind === 'email');
  const { t } = useTranslation();
  return (
    <Select
      label={label}
      hint={hint}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      options={[
        { value: '', label: t('adminScreens.channels.noMailbox') },
        ...mailboxes.map((a) => ({ value: a.id, label: a.name })),
      ]}
    />
  );
}

function ConfigField({ field, value, editing, onChange }: FieldProps) {
  const { t } = useTranslation();
  const keeps = editing && isSecret(field);
  const hint =
    [field.help, keeps ? t('adminScreens.channels.keepHint') : undefined].filter(Boolean).join(' ') ||
    undefined;
  const required = field.required && !keeps;
  if (field.type === 'checkbox')
    return (
      <Checkbox
        label={field.label}
        hint={hint}
        checked={value === true}
        onChange={(e) => onChange(e.target.checked)}
      />
    );
  const text = String(value);
  const label =
    required || field.type === 'select' || field.type === 'color'
      ? field.label
      : `${field.label} ${t('adminScreens.optional')}`;
  const change = (e: { target: { value: string } }) => onChange(e.target.value);
  switch (field.type) {
    case 'lines':
    case 'json':
      return (
        <TextArea
          label={label}
          hint={hint}
          rows={field.type === 'json' ? 5 : 3}
          value={text}
          onChange={change}
        />
      );
    case 'color':
      return (
        <Input
          label={label}
          hint={hint}
          type="color"
          className="colour-field"
          value={sixDigitHex(text, String(field.initial ?? '#000000'))}
          onChange={change}
        />
      );
    case 'email-account':
      return <EmailAccountSelect label={label} hint={hint} value={text} onChange={onChange} />;
    case 'select':
      return (
        <Select
          label={label}
          hint={hint}
          value={text}
          onChange={change}
          options={(field.options ?? []).map((option) => ({
            value: option,
            label: t(`adminScreens.fieldOptions.${option}`, { defaultValue: option }),
          }))}
        />
      );
    default:
      return (
        <Input
          label={label}
          hint={hint}
          type={INPUT_TYPE[field.type] ?? 'text'}
          value={text}
          onChange={change}
          aria-required={required}
          autoComplete={isSecret(field) ? 'new-password' : 'off'}
        />
      );
  }
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
      <ConfigField
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
