import { useMe } from '../../auth/hooks/useSession';
import { useToast } from '../../../components/Toast';
import { Button } from '../../../components/Button';
import { useContactProfile } from '../hooks/useContacts';
import { useContactLive } from '../hooks/useContactLive';
import { ContactProfileForm } from './ContactProfileForm';
import { ContactIdentities } from './ContactIdentities';
import { ContactNotes } from './ContactNotes';
import { SatisfactionHistory } from './SatisfactionHistory';
import { ContactTimelineList } from './ContactTimelineList';
import { MergeContact } from './MergeContact';
import { ContactPrivacyActions } from '../../privacy/components/ContactPrivacyActions';
import { useTranslation } from '../../../i18n';

/** One customer: who they are, what colleagues noted, how satisfied they were, and everything they wrote. */
export function ContactPage({ contactId, onBack }: { contactId: string; onBack(): void }) {
  const { t } = useTranslation();
  const me = useMe();
  const profile = useContactProfile(contactId);
  const toast = useToast();
  useContactLive(contactId, profile.data?.tickets.map((ticket) => ticket.id) ?? []);
  if (profile.isPending) return <p className="empty-state">{t('common.loading')}</p>;
  if (profile.isError)
    return (
      <div className="empty-state">
        <p role="alert">{profile.error.message}</p>
        <Button onClick={onBack}>{t('contacts.back')}</Button>
      </div>
    );
  const contact = profile.data;
  return (
    <article className="contact-page" aria-label={contact.name || t('contacts.unnamed')}>
      <header className="contact-page-header">
        <Button className="link-button pane-back" onClick={onBack}>
          {t('contacts.back')}
        </Button>
        <h2>{contact.name || t('contacts.unnamed')}</h2>
        {contact.organization && <span className="badge">{contact.organization.name}</span>}
        {me.role !== 'agent' && <MergeContact contact={contact} toast={toast} />}
        <ContactPrivacyActions contact={contact} role={me.role} toast={toast} />
      </header>
      {toast.region}
      <div className="contact-page-body">
        <div className="contact-page-side">
          <ContactProfileForm contact={contact} toast={toast} />
          <ContactIdentities contact={contact} toast={toast} />
          <ContactNotes contact={contact} toast={toast} />
          <SatisfactionHistory answers={contact.satisfaction} />
        </div>
        <ContactTimelineList contactId={contact.id} />
      </div>
    </article>
  );
}
