import type { TicketDetail } from '../../../lib/ticket-cache';
import { dateTime } from '../../../lib/format';
import { useContact } from '../hooks/useContact';
import { contactDisplayName, identityLabel } from '../../../lib/channel-names';
import { ChannelIcon } from './ChannelIcon';

/** Who the customer is across channels, what else they asked, and what colleagues noted. */
export function ContactPanel({ ticket }: { ticket: TicketDetail }) {
  const contact = useContact(ticket.contact?.id);
  const identities = contact.data?.identities.length
    ? contact.data.identities
    : (ticket.contact?.identities ?? []);
  const others = (contact.data?.tickets ?? []).filter((t) => t.id !== ticket.id);
  return (
    <aside className="contact-panel" aria-label="Contact">
      <h2>{contactDisplayName(contact.data?.name ?? ticket.contact?.name, ticket.channel)}</h2>
      <h3 className="section-title">Identities</h3>
      <ul className="identities">
        {identities.map((identity) => (
          <li key={identity.id}>
            <ChannelIcon channel={identity.kind} /> <span className="address">{identityLabel(identity)}</span>
          </li>
        ))}
        {!identities.length && <li className="muted">None known</li>}
      </ul>
      <h3 className="section-title">Other tickets</h3>
      {contact.isError && <p className="muted">Could not load the contact's history.</p>}
      <ul className="other-tickets">
        {others.map((t) => (
          <li key={t.id}>
            <a href={`#/tickets/${t.id}`}>
              #{t.number} {t.subject || '(no subject)'}
            </a>
            <span className={`badge status-${t.status}`}>{t.status.replace('_', ' ')}</span>
            {t.createdAt && <time dateTime={t.createdAt}>{dateTime(t.createdAt)}</time>}
          </li>
        ))}
        {contact.isSuccess && !others.length && <li className="muted">No other tickets</li>}
      </ul>
      {contact.data?.notes.length ? (
        <>
          <h3 className="section-title">Notes about this contact</h3>
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
