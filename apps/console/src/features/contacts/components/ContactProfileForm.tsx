import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/Button';
import type { useToast } from '../../../components/Toast';
import type { ContactProfile } from '../api/contacts-api';
import { useContactMutations } from '../hooks/useContacts';
import { useTranslation } from '../../../i18n';

type Toast = ReturnType<typeof useToast>;

/** Tags as the agent types them: separated by commas. */
const parseTags = (text: string) =>
  text
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);

/** Name, tags, language and time zone; blanks clear a field. The API checks language and zone. */
export function ContactProfileForm({ contact, toast }: { contact: ContactProfile; toast: Toast }) {
  const { t } = useTranslation();
  const { patch } = useContactMutations(contact.id);
  const [name, setName] = useState(contact.name ?? '');
  const [tags, setTags] = useState(contact.tags.join(', '));
  const [language, setLanguage] = useState(contact.language ?? '');
  const [timeZone, setTimeZone] = useState(contact.timeZone ?? '');

  const save = (e: FormEvent) => {
    e.preventDefault();
    toast.clear();
    patch.mutate(
      {
        name: name.trim() || null,
        tags: parseTags(tags),
        language: language.trim() || null,
        timeZone: timeZone.trim() || null,
      },
      {
        onSuccess: () => toast.success(t('contacts.saved')),
        onError: (error) => toast.error(error.message),
      },
    );
  };

  return (
    <form className="contact-profile" onSubmit={save} aria-label={t('contacts.profile')}>
      <h3 className="section-title">{t('contacts.profile')}</h3>
      <label>
        {t('contacts.name')}
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
      </label>
      <label>
        {t('contacts.tags')}
        <input value={tags} onChange={(e) => setTags(e.target.value)} placeholder={t('contacts.tagsHint')} />
      </label>
      <label>
        {t('contacts.language')}
        <input
          value={language}
          onChange={(e) => setLanguage(e.target.value)}
          placeholder={t('contacts.languageHint')}
        />
      </label>
      <label>
        {t('contacts.timeZone')}
        <input
          value={timeZone}
          onChange={(e) => setTimeZone(e.target.value)}
          placeholder={t('contacts.timeZoneHint')}
        />
      </label>
      <Button type="submit" variant="primary" disabled={patch.isPending}>
        {patch.isPending ? t('contacts.saving') : t('contacts.save')}
      </Button>
    </form>
  );
}
