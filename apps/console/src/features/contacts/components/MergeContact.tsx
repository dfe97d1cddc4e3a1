import { useDeferredValue, useState } from 'react';
import { Button } from '../../../components/Button';
import { Dialog } from '../../../components/Dialog';
import type { useToast } from '../../../components/Toast';
import { identityLabel } from '../../../lib/channel-names';
import { ChannelIcon } from '../../tickets/components/ChannelIcon';
import type { ContactProfile } from '../api/contacts-api';
import { useContactList, useContactMutations, useContactProfile } from '../hooks/useContacts';
import { useTranslation } from '../../../i18n';
import { Input } from '../../../components/Input';

type Toast = ReturnType<typeof useToast>;

/**
 * "Merge with…": find the other record of the same person, see exactly what moves onto this
 * contact (addresses, tickets, notes), then merge. The other record is removed, so the preview
 * comes first and the merge needs a second, explicit click.
 */
export function MergeContact({ contact, toast }: { contact: ContactProfile; toast: Toast }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [otherId, setOtherId] = useState<string | null>(null);
  const search = useDeferredValue(q.trim());
  const candidates = useContactList(search ? { q: search } : {});
  const other = useContactProfile(otherId);
  const { merge } = useContactMutations(contact.id);
  const close = () => {
    setOpen(false);
    setOtherId(null);
    setQ('');
  };
  const found = (candidates.data?.pages.flatMap((p) => p.items) ?? [])
    .filter((c) => c.id !== contact.id)
    .slice(0, 8);
  const name = contact.name || t('contacts.unnamed');

  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('contacts.mergeWith')}</Button>
      {open && (
        <Dialog title={t('contacts.mergeTitle', { name })} onClose={close}>
          {!otherId ? (
            <>
              <Input
                type="search"
                label={t('contacts.mergeSearch')}
                hideLabel
                placeholder={t('contacts.searchPlaceholder')}
                value={q}
                onChange={(e) => setQ(e.target.value)}
              />
              <ul className="merge-candidates">
                {found.map((c) => (
                  <li key={c.id}>
                    <Button className="link-button" onClick={() => setOtherId(c.id)}>
                      {c.name || t('contacts.unnamed')}
                      {c.identities[0] && <span className="muted"> · {identityLabel(c.identities[0])}</span>}
                    </Button>
                  </li>
                ))}
                {candidates.isSuccess && !found.length && <li className="muted">{t('contacts.none')}</li>}
              </ul>
            </>
          ) : other.data ? (
            <div className="merge-preview" data-testid="merge-preview">
              <p>
                {t('contacts.mergeMoves', { from: other.data.name || t('contacts.unnamed'), into: name })}
              </p>
              <h4>{t('contacts.identities')}</h4>
              <ul>
                {other.data.identities.map((i) => (
                  <li key={i.id}>
                    <ChannelIcon channel={i.kind} /> {identityLabel(i)}
                  </li>
                ))}
              </ul>
              <h4>{t('contacts.ticketsMoving', { count: other.data.tickets.length })}</h4>
              <ul>
                {other.data.tickets.map((ticket) => (
                  <li key={ticket.id}>
                    #{ticket.number} {ticket.subject || t('tickets.noSubject')}
                  </li>
                ))}
              </ul>
              {other.data.contactNotes.length > 0 && (
                <p>{t('contacts.notesMoving', { count: other.data.contactNotes.length })}</p>
              )}
              <p className="muted">
                {t('contacts.mergeRemoves', { from: other.data.name || t('contacts.unnamed') })}
              </p>
              <div className="dialog-actions">
                <Button onClick={() => setOtherId(null)}>{t('contacts.chooseAnother')}</Button>
                <Button
                  variant="primary"
                  disabled={merge.isPending}
                  onClick={() => {
                    toast.clear();
                    merge.mutate(otherId, {
                      onSuccess: (result) => {
                        close();
                        toast.success(
                          t('contacts.merged', {
                            identities: result.movedIdentities,
                            tickets: result.movedTickets.length,
                          }),
                        );
                      },
                      onError: (error) => toast.error(error.message),
                    });
                  }}
                >
                  {t('contacts.confirmMerge')}
                </Button>
              </div>
            </div>
          ) : (
            <p>{other.isError ? other.error.message : t('common.loading')}</p>
          )}
          <div className="dialog-actions">
            <Button onClick={close}>{t('common.cancel')}</Button>
          </div>
        </Dialog>
      )}
    </>
  );
}
