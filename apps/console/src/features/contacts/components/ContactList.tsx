import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ContactListItem } from '@switchboard/contracts';
import { identityLabel } from '../../../lib/channel-names';
import { ChannelIcon } from '../../tickets/components/ChannelIcon';
import { useTranslation } from '../../../i18n';

export const CONTACT_ROW_HEIGHT = 64;

interface Props {
  contacts: ContactListItem[];
  openContactId: string | null;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore(): void;
}

/**
 * The contacts as a virtual list, as the queue is: a fixed row height and a small overscan keep
 * the DOM at a few dozen rows however far the agent scrolls through a million contacts.
 */
export function ContactList({ contacts, openContactId, hasMore, loadingMore, onLoadMore }: Props) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: contacts.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CONTACT_ROW_HEIGHT,
    overscan: 6,
    initialRect: { width: 400, height: 800 },
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];
  useEffect(() => {
    if (last && hasMore && !loadingMore && last.index >= contacts.length - 20) onLoadMore();
  }, [last, hasMore, loadingMore, contacts.length, onLoadMore]);

  return (
    <div ref={scrollRef} className="contact-list" aria-label={t('contacts.list')} role="list">
      <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((row) => {
          const contact = contacts[row.index];
          const first = contact.identities[0];
          return (
            <div
              key={contact.id}
              role="listitem"
              className={`contact-row${contact.id === openContactId ? ' open' : ''}`}
              style={{ height: CONTACT_ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
            >
              <a
                href={`#/contacts/${contact.id}`}
                data-testid="contact-row"
                aria-current={contact.id === openContactId ? 'page' : undefined}
                className="contact-row-link"
              >
                <span className="contact-row-name">{contact.name || t('contacts.unnamed')}</span>
                {contact.organization && <span className="contact-row-org">{contact.organization.name}</span>}
                <span className="contact-row-identity">
                  {first && (
                    <>
                      <ChannelIcon channel={first.kind} />{' '}
                      <span className="address">{identityLabel(first)}</span>
                    </>
                  )}
                  {contact.identities.length > 1 && (
                    <span className="muted">
                      {' '}
                      {t('contacts.moreIdentities', { count: contact.identities.length - 1 })}
                    </span>
                  )}
                </span>
              </a>
            </div>
          );
        })}
      </div>
      {contacts.length === 0 && !loadingMore && <p className="empty">{t('contacts.none')}</p>}
    </div>
  );
}
