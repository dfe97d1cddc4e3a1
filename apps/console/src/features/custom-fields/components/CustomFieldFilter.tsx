import { useEffect, useState } from 'react';
import { useTranslation } from '../../../i18n';
import { useFieldDefinitions } from '../hooks/useCustomFields';
import { Input } from '../../../components/Input';
import { Select } from '../../../components/Select';

interface Props {
  value: { key: string; value: string } | undefined;
  onChange(value: { key: string; value: string } | undefined): void;
}

/** Narrows the queue to tickets whose custom field holds a value (`cf.<key>=value`). */
export function CustomFieldFilter({ value, onChange }: Props) {
  const { t } = useTranslation();
  const fields = useFieldDefinitions('ticket');
  const [key, setKey] = useState(value?.key ?? '');
  const [text, setText] = useState(value?.value ?? '');
  useEffect(() => {
    setKey(value?.key ?? '');
    setText(value?.value ?? '');
  }, [value?.key, value?.value]);
  if (!fields.data?.length) return null;
  const field = fields.data.find((f) => f.key === key);
  const apply = (nextKey: string, nextValue: string) =>
    onChange(nextKey && nextValue.trim() ? { key: nextKey, value: nextValue.trim() } : undefined);
  return (
    <span className="custom-field-filter">
      <Select
        label={t('customFields.filterField')}
        hideLabel
        value={key}
        onChange={(e) => {
          setKey(e.target.value);
          setText('');
          if (!e.target.value) onChange(undefined);
        }}
      >
        <option value="">{t('customFields.anyField')}</option>
        {fields.data.map((f) => (
          <option key={f.key} value={f.key}>
            {f.label}
          </option>
        ))}
      </Select>
      {field &&
        (field.options.length || field.type === 'checkbox' ? (
          <Select
            label={t('customFields.filterValue')}
            hideLabel
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              apply(key, e.target.value);
            }}
          >
            <option value="">{t('customFields.anyValue')}</option>
            {(field.type === 'checkbox' ? ['true', 'false'] : field.options).map((o) => (
              <option key={o} value={o}>
                {field.type === 'checkbox' ? t(`customFields.${o === 'true' ? 'yes' : 'no'}`) : o}
              </option>
            ))}
          </Select>
        ) : (
          <Input
            label={t('customFields.filterValue')}
            hideLabel
            type={field.type === 'number' ? 'number' : field.type === 'date' ? 'date' : 'text'}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onBlur={() => apply(key, text)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') apply(key, text);
            }}
          />
        ))}
    </span>
  );
}
