import type { TicketDetail } from '../../../lib/ticket-cache';
import { dateTime } from '../../../lib/format';
import { useContact } from '../hooks/useContact';
import { contactDisplayName, identityLabel } from '../../../lib/channel-names';
import { ChannelIcon } from './ChannelIcon';
import { MergeSuggestions } from './MergeSuggestions';
import { useTranslation } from '../../../i18n';
import { ContactDetails } from '../../custom-fields/components/ContactDetails';
import { TicketFields } from '../../custom-fields/components/TicketFields';

/** Who the customer is across channels, what else they asked, and what colleagues noted. */
export function ContactPanel({ ticket }: { ticket: TicketDetail }) {
  const contact = useContact(ticket.contact?.id);
  const { t } = useTranslation();
  const identities = contact.data?.identities.length
    ? contact.data.identities
    : (ticket.contact?.identities ?? []);
  const others = (contact.data?.tickets ?? []).filter((other) => other.id !== ticket.id);
  return (
    <aside className="contact-panel" aria-label={t('tickets.contact')}>
      <h2>{contactDisplayName(contact.data?.name ?? ticket.contact?.name, ticket.channel)}</h2>
      <TicketFields ticket={ticket} />
      {ticket.contact?.id && <ContactDetails contactId={ticket.contact.id} />}
      {ticket.contact?.id && <a href={`#/contacts/${ticket.contact.id}`}>{t('contacts.openPage')}</a>}
      <h3 className="section-title">{t('tickets.identities')}</h3>
      <ul className="identities">
        {identities.map((identity) => (
          <li key={identity.id}>
            <ChannelIcon channel={identity.kind} /> <span className="address">{identityLabel(identity)}</span>
          </li>
        ))}
        {!identities.length && <li className="muted">{t('tickets.noneKnown')}</li>}
      </ul>
      {ticket.contact?.id && <MergeSuggestions contactId={ticket.contact.id} />}
      <h3 className="section-title">{t('tickets.otherTickets')}</h3>
      {contact.isError && <p className="muted">{t('tickets.historyFailed')}</p>}
      <ul className="other-tickets">
        {others.map((other) => (
          <li key={other.id}>
            <a href={`#/tickets/${other.id}`}>
              #{other.number} {other.subject || t('tickets.noSubject')}
            </a>
            <span className={`badge status-${other.status}`}>{t(`status.${other.status}`)}</span>
            {other.createdAt && <time dateTime={other.createdAt}>{dateTime(other.createdAt)}</time>}
          </li>
        ))}
        {contact.isSuccess && !others.length && <li className="muted">{t('tickets.noOtherTickets')}</li>}
      </ul>
      {contact.data?.notes.length ? (
        <>
          <h3 className="section-title">{t('tickets.contactNotes')}</h3>
          <ul className="contact-notes">
            {contact.data.notes.map((n) => (
              <li key={n.id}>{n.text}</li>
            ))}
          </ul>
        </>
      ) : null}
    </aside>
  );
}
