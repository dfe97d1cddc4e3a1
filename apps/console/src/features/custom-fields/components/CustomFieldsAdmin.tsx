import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  CUSTOM_FIELD_ENTITIES,
  CUSTOM_FIELD_TYPES,
  type CreateCustomFieldBody,
  type CustomFieldEntity,
  type CustomFieldType,
  type CustomFieldView,
} from '@switchboard/contracts';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { useTranslation } from '../../../i18n';
import { createField, deleteField, fetchAllFields, patchField } from '../api/custom-fields-api';
import { customFieldKeys } from '../hooks/useCustomFields';
import { Input } from '../../../components/Input';
import { Select } from '../../../components/Select';
import { Checkbox } from '../../../components/Choice';

const hasOptions = (type: CustomFieldType) => type === 'select' || type === 'multiselect';

/** Admin → Custom fields: define ticket and contact fields, which ticket fields solving needs, and remove them. */
export default function CustomFieldsAdmin() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const fields = useQuery({ queryKey: [...customFieldKeys.all(), 'admin'], queryFn: fetchAllFields });
  const refresh = () => queryClient.invalidateQueries({ queryKey: customFieldKeys.all() });
  const toggleRequired = useMutation({
    mutationFn: (f: CustomFieldView) => patchField(f.id, { requiredToSolve: !f.requiredToSolve }),
    onSuccess: refresh,
  });
  const [removing, setRemoving] = useState<CustomFieldView | null>(null);

  return (
    <section className="admin-section" aria-labelledby="custom-fields-heading">
      <h2 id="custom-fields-heading">{t('customFields.adminTitle')}</h2>
      <p className="muted">{t('customFields.adminHelp')}</p>
      <NewFieldForm onCreated={refresh} />
      {fields.isError && <p className="form-error">{fields.error.message}</p>}
      <table className="admin-table">
        <thead>
          <tr>
            <th>{t('customFields.label')}</th>
            <th>{t('customFields.key')}</th>
            <th>{t('customFields.entity')}</th>
            <th>{t('customFields.type')}</th>
            <th>{t('customFields.options')}</th>
            <th>{t('customFields.requiredToSolve')}</th>
            <th>
              <span className="visually-hidden">{t('customFields.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {fields.data?.map((f) => (
            <tr key={f.id}>
              <td>{f.label}</td>
              <td>
                <code>{f.key}</code>
              </td>
              <td>{t(`customFields.entities.${f.entity}`)}</td>
              <td>{t(`customFields.types.${f.type}`)}</td>
              <td>{f.options.join(', ')}</td>
              <td>
                {f.entity === 'ticket' && (
                  <input
                    type="checkbox"
                    aria-label={t('customFields.requiredFor', { label: f.label })}
                    checked={f.requiredToSolve}
                    disabled={toggleRequired.isPending}
                    onChange={() => toggleRequired.mutate(f)}
                  />
                )}
              </td>
              <td>
                <Button variant="danger" onClick={() => setRemoving(f)}>
                  {t('customFields.delete')}
                </Button>
              </td>
            </tr>
          ))}
          {fields.isSuccess && !fields.data.length && (
            <tr>
              <td colSpan={7} className="muted">
                {t('customFields.none')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {toggleRequired.isError && <p className="form-error">{toggleRequired.error.message}</p>}
      {removing && (
        <ConfirmDialog
          title={t('customFields.deleteTitle', { label: removing.label })}
          message={t('customFields.deleteMessage')}
          confirmLabel={t('customFields.delete')}
          danger
          onCancel={() => setRemoving(null)}
          onConfirm={async () => {
            await deleteField(removing.id);
            setRemoving(null);
            await refresh();
          }}
        />
      )}
    </section>
  );
}

function NewFieldForm({ onCreated }: { onCreated(): void }) {
  const { t } = useTranslation();
  const [entity, setEntity] = useState<CustomFieldEntity>('ticket');
  const [label, setLabel] = useState('');
  const [key, setKey] = useState('');
  const [type, setType] = useState<CustomFieldType>('text');
  const [options, setOptions] = useState('');
  const [required, setRequired] = useState(false);
  const create = useMutation({ mutationFn: (body: CreateCustomFieldBody) => createField(body) });
  const suggestedKey = label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 40);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      {
        entity,
        label: label.trim(),
        key: key.trim() || suggestedKey,
        type,
        options: hasOptions(type)
          ? options
              .split(',')
              .map((o) => o.trim())
              .filter(Boolean)
          : undefined,
        requiredToSolve: entity === 'ticket' && required,
        order: 0,
      },
      {
        onSuccess: () => {
          setLabel('');
          setKey('');
          setOptions('');
          setRequired(false);
          onCreated();
        },
      },
    );
  };

  return (
    <form className="stack new-custom-field" onSubmit={submit} aria-label={t('customFields.newField')}>
      <Select
        label={t('customFields.entity')}
        value={entity}
        onChange={(e) => setEntity(e.target.value as CustomFieldEntity)}
      >
        {CUSTOM_FIELD_ENTITIES.map((v) => (
          <option key={v} value={v}>
            {t(`customFields.entities.${v}`)}
          </option>
        ))}
      </Select>
      <Input
        label={t('customFields.label')}
        value={label}
        onChange={(e) => setLabel(e.target.value)}
        required
      />
      <Input
        label={t('customFields.key')}
        value={key}
        placeholder={suggestedKey}
        onChange={(e) => setKey(e.target.value)}
      />
      <Select
        label={t('customFields.type')}
        value={type}
        onChange={(e) => setType(e.target.value as CustomFieldType)}
      >
        {CUSTOM_FIELD_TYPES.map((v) => (
          <option key={v} value={v}>
            {t(`customFields.types.${v}`)}
          </option>
        ))}
      </Select>
      {hasOptions(type) && (
        <Input
          label={t('customFields.optionsHelp')}
          value={options}
          onChange={(e) => setOptions(e.target.value)}
        />
      )}
      {entity === 'ticket' && (
        <Checkbox
          label={t('customFields.requiredToSolve')}
          checked={required}
          onChange={(e) => setRequired(e.target.checked)}
        />
      )}
      <div>
        <Button type="submit" variant="primary" disabled={create.isPending || !label.trim()}>
          {t('customFields.add')}
        </Button>
      </div>
      {create.isError && (
        <p className="form-error" role="alert">
          {create.error.message}
        </p>
      )}
    </form>
  );
}
