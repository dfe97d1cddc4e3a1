import { useState } from 'react';
import type { ContactMergeSuggestionView } from '@switchboard/contracts';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { contactDisplayName } from '../../../lib/channel-names';
import { useTranslation } from '../../../i18n';
import { useMe } from '../../auth/hooks/useSession';
import {
  useDismissMergeSuggestion,
  useMergeSuggestedContact,
  useMergeSuggestions,
} from '../hooks/useMergeSuggestions';

/**
 * Contacts that may be this same person: an address they share was seen on another channel
 * without proof, so nothing was joined on its own. Supervisors and admins merge with one click
 * (the API refuses agents, since a merge moves the tickets of every team); anyone who knows
 * better dismisses a suggestion.
 */
export function MergeSuggestions({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const suggestions = useMergeSuggestions(contactId);
  const merge = useMergeSuggestedContact(contactId);
  const dismiss = useDismissMergeSuggestion(contactId);
  const [confirming, setConfirming] = useState<ContactMergeSuggestionView | null>(null);
  const items = suggestions.data ?? [];
  if (!items.length) return null;
  const mayMerge = me.role !== 'agent';
  return (
    <section className="merge-suggestions" aria-label={t('tickets.mergeSuggestions')}>
      <h3 className="section-title">{t('tickets.mergeSuggestions')}</h3>
      <ul>
        {items.map((s) => {
          const name = contactDisplayName(s.contact.name, null, s.identity.address);
          return (
            <li key={s.id}>
              <span>{t('tickets.possiblySamePerson', { name, address: s.identity.address })}</span>{' '}
              {mayMerge ? (
                <Button onClick={() => setConfirming(s)}>{t('tickets.mergeIntoThisContact')}</Button>
              ) : (
                <span className="muted">{t('tickets.supervisorCanMerge')}</span>
              )}{' '}
              <Button onClick={() => dismiss.mutate(s.contact.id)} disabled={dismiss.isPending}>
                {t('tickets.notSamePerson')}
              </Button>
            </li>
          );
        })}
      </ul>
      {confirming && (
        <ConfirmDialog
          title={t('tickets.mergeContactsTitle')}
          message={t('tickets.mergeContactsMessage', {
            name: contactDisplayName(confirming.contact.name, null, confirming.identity.address),
          })}
          confirmLabel={t('tickets.mergeIntoThisContact')}
          onConfirm={async () => {
            await merge.mutateAsync(confirming.contact.id);
            setConfirming(null);
          }}
          onCancel={() => setConfirming(null)}
        />
      )}
    </section>
  );
}
