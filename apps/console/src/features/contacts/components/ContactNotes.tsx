import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/Button';
import type { useToast } from '../../../components/Toast';
import { dateTime } from '../../../lib/format';
import type { ContactProfile } from '../api/contacts-api';
import { useContactMutations } from '../hooks/useContacts';
import { useTranslation } from '../../../i18n';
import { TextArea } from '../../../components/Input';

type Toast = ReturnType<typeof useToast>;

/** What colleagues noted about the customer, newest first, and a box to add one. */
export function ContactNotes({ contact, toast }: { contact: ContactProfile; toast: Toast }) {
  const { t } = useTranslation();
  const { addNote } = useContactMutations(contact.id);
  const [body, setBody] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    toast.clear();
    addNote.mutate(body, { onSuccess: () => setBody(''), onError: (error) => toast.error(error.message) });
  };
  return (
    <section className="contact-notes-section" aria-label={t('contacts.notes')}>
      <h3 className="section-title">{t('contacts.notes')}</h3>
      <form onSubmit={submit} className="contact-note-form">
        <TextArea
          label={t('contacts.newNote')}
          hideLabel
          placeholder={t('contacts.newNote')}
          value={body}
          rows={2}
          onChange={(e) => setBody(e.target.value)}
        />
        <Button type="submit" disabled={addNote.isPending || !body.trim()}>
          {t('contacts.addNote')}
        </Button>
      </form>
      <ul className="contact-notes">
        {contact.contactNotes.map((note) => (
          <li key={note.id}>
            <p>{note.body}</p>
            <span className="muted">
              {note.author?.name ?? t('contacts.someone')} ·{' '}
              <time dateTime={note.createdAt}>{dateTime(note.createdAt)}</time>
            </span>
          </li>
        ))}
        {!contact.contactNotes.length && <li className="muted">{t('contacts.noNotes')}</li>}
      </ul>
    </section>
  );
}
