import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/Button';
import type { useToast } from '../../../components/Toast';
import type { ContactProfile } from '../api/contacts-api';
import { useContactMutations } from '../hooks/useContacts';
import { useTranslation } from '../../../i18n';
import { Input } from '../../../components/Input';

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
      <Input
        label={t('contacts.name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={200}
      />
      <Input
        label={t('contacts.tags')}
        value={tags}
        onChange={(e) => setTags(e.target.value)}
        placeholder={t('contacts.tagsHint')}
      />
      <Input
        label={t('contacts.language')}
        value={language}
        onChange={(e) => setLanguage(e.target.value)}
        placeholder={t('contacts.languageHint')}
      />
      <Input
        label={t('contacts.timeZone')}
        value={timeZone}
        onChange={(e) => setTimeZone(e.target.value)}
        placeholder={t('contacts.timeZoneHint')}
      />
      <Button type="submit" variant="primary" disabled={patch.isPending}>
        {patch.isPending ? t('contacts.saving') : t('contacts.save')}
      </Button>
    </form>
  );
}
