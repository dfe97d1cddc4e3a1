import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/Button';
import { useTranslation } from '../../../i18n';
import type { ContactProfile } from '../api/custom-fields-api';
import { useContactProfile, useFieldDefinitions, useUpdateContact } from '../hooks/useCustomFields';
import { CustomFieldInput } from './CustomFieldInput';
import { Input } from '../../../components/Input';

/** The contact's details (name, language, time zone, tags) and custom fields, editable in the contact panel. */
export function ContactDetails({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const profile = useContactProfile(contactId);
  const fields = useFieldDefinitions('contact');
  const update = useUpdateContact(contactId);
  const [editing, setEditing] = useState(false);
  if (!profile.data) return null;
  const contact = profile.data;
  return (
    <section className="contact-details" aria-label={t('customFields.contactDetails')}>
      <h3 className="section-title">{t('customFields.contactDetails')}</h3>
      {editing ? (
        <DetailsForm
          contact={contact}
          busy={update.isPending}
          onCancel={() => setEditing(false)}
          onSave={(body) => update.mutateAsync(body).then(() => setEditing(false))}
        />
      ) : (
        <>
          <dl className="contact-facts">
            <dt>{t('customFields.language')}</dt>
            <dd>{contact.language ?? t('customFields.noValue')}</dd>
            <dt>{t('customFields.timeZone')}</dt>
            <dd>{contact.timeZone ?? t('customFields.noValue')}</dd>
            <dt>{t('customFields.tags')}</dt>
            <dd>{contact.tags.length ? contact.tags.join(', ') : t('customFields.noValue')}</dd>
          </dl>
          <Button onClick={() => setEditing(true)}>{t('customFields.editDetails')}</Button>
        </>
      )}
      {fields.data?.map((field) => (
        <CustomFieldInput
          key={field.id}
          field={field}
          value={contact.customFields[field.key]}
          disabled={update.isPending}
          onCommit={(value) => update.mutate({ customFields: { [field.key]: value } })}
        />
      ))}
      {update.isError && (
        <p className="form-error" role="alert">
          {update.error.message}
        </p>
      )}
    </section>
  );
}

interface FormProps {
  contact: ContactProfile;
  busy: boolean;
  onSave(body: {
    name: string | null;
    language: string | null;
    timeZone: string | null;
    tags: string[];
  }): Promise<unknown>;
  onCancel(): void;
}

function DetailsForm({ contact, busy, onSave, onCancel }: FormProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(contact.name ?? '');
  const [language, setLanguage] = useState(contact.language ?? '');
  const [timeZone, setTimeZone] = useState(contact.timeZone ?? '');
  const [tags, setTags] = useState(contact.tags.join(', '));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave({
      name: name.trim() || null,
      language: language.trim() || null,
      timeZone: timeZone.trim() || null,
      tags: tags
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    }).catch(() => undefined); // the panel shows the error
  };
  return (
    <form className="stack" onSubmit={submit}>
      <Input label={t('customFields.name')} value={name} onChange={(e) => setName(e.target.value)} />
      <Input
        label={t('customFields.language')}
        value={language}
        placeholder={t('customFields.languageExample')}
        onChange={(e) => setLanguage(e.target.value)}
      />
      <Input
        label={t('customFields.timeZone')}
        value={timeZone}
        placeholder={t('customFields.timeZoneExample')}
        onChange={(e) => setTimeZone(e.target.value)}
      />
      <Input label={t('customFields.tags')} value={tags} onChange={(e) => setTags(e.target.value)} />
      <div className="actions-row">
        <Button type="submit" variant="primary" disabled={busy}>
          {t('customFields.save')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}
