import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { useContactList, useOrganizations } from '../hooks/useContacts';
import { ContactList } from './ContactList';
import { ContactPage } from './ContactPage';
import { backTo } from '../../../app/pane-back';
import { useTranslation } from '../../../i18n';
import '../contacts.css';
import { Input } from '../../../components/Input';
import { Select } from '../../../components/Select';

/** The contacts workspace: search and filters beside the open contact; one pane at a time on a phone. */
export function ContactsScreen({ contactId }: { contactId: string | null }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [tag, setTag] = useState('');
  const [organizationId, setOrganizationId] = useState('');
  // Typing stays responsive; the list follows the settled text.
  const search = useDeferredValue(q.trim());
  const params = useMemo(
    () => ({
      ...(search ? { q: search } : {}),
      ...(tag.trim() ? { tag: tag.trim() } : {}),
      ...(organizationId ? { organizationId } : {}),
    }),
    [search, tag, organizationId],
  );
  const list = useContactList(params);
  const organizations = useOrganizations().data ?? [];
  const contacts = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const loadMore = useCallback(() => void list.fetchNextPage(), [list]);

  return (
    <div className="contacts-screen" data-pane={contactId ? 'contact' : 'list'}>
      <section className="contacts-search" aria-label={t('contacts.title')}>
        <h1 className="contacts-title">{t('contacts.title')}</h1>
        <div className="contacts-filters">
          <Input
            type="search"
            label={t('contacts.search')}
            hideLabel
            placeholder={t('contacts.searchPlaceholder')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
          <Input
            type="text"
            label={t('contacts.tagFilter')}
            hideLabel
            placeholder={t('contacts.tagFilter')}
            value={tag}
            onChange={(e) => setTag(e.target.value)}
          />
          <Select
            label={t('contacts.organizationFilter')}
            hideLabel
            value={organizationId}
            onChange={(e) => setOrganizationId(e.target.value)}
          >
            <option value="">{t('contacts.anyOrganization')}</option>
            {organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </Select>
        </div>
        {list.isError && (
          <p role="alert" className="error">
            {list.error.message}
          </p>
        )}
        <ContactList
          contacts={contacts}
          openContactId={contactId}
          hasMore={Boolean(list.hasNextPage)}
          loadingMore={list.isFetching}
          onLoadMore={loadMore}
        />
      </section>
      <main className="contact-pane" tabIndex={-1}>
        {contactId ? (
          <ContactPage key={contactId} contactId={contactId} onBack={() => backTo('#/contacts')} />
        ) : (
          <div className="empty-state">
            <p>{t('contacts.selectContact')}</p>
          </div>
        )}
      </main>
    </div>
  );
}
