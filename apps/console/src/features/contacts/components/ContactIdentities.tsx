import { useState, type FormEvent } from 'react';
import { EDITABLE_IDENTITY_KINDS, type NewContactIdentity } from '@switchboard/contracts';
import { Button } from '../../../components/Button';
import type { useToast } from '../../../components/Toast';
import { channelLabel, identityLabel } from '../../../lib/channel-names';
import { ChannelIcon } from '../../tickets/components/ChannelIcon';
import type { ContactProfile } from '../api/contacts-api';
import { useContactMutations } from '../hooks/useContacts';
import { useTranslation } from '../../../i18n';
import { Input } from '../../../components/Input';
import { Select } from '../../../components/Select';

type Toast = ReturnType<typeof useToast>;

/** Every address of the contact; agents add one (checked by kind) or remove a wrong one. */
export function ContactIdentities({ contact, toast }: { contact: ContactProfile; toast: Toast }) {
  const { t } = useTranslation();
  const { patch } = useContactMutations(contact.id);
  const [kind, setKind] = useState<(typeof EDITABLE_IDENTITY_KINDS)[number]>('email');
  const [address, setAddress] = useState('');

  const run = (body: Parameters<typeof patch.mutate>[0], done?: () => void) => {
    toast.clear();
    patch.mutate(body, { onSuccess: done, onError: (error) => toast.error(error.message) });
  };
  const add = (e: FormEvent) => {
    e.preventDefault();
    if (!address.trim()) return;
    run({ identities: { add: [{ kind, address: address.trim() } as NewContactIdentity] } }, () =>
      setAddress(''),
    );
  };

  return (
    <section className="contact-identities" aria-label={t('contacts.identities')}>
      <h3 className="section-title">{t('contacts.identities')}</h3>
      <ul className="identities">
        {contact.identities.map((identity) => (
          <li key={identity.id}>
            <ChannelIcon channel={identity.kind} /> <span className="address">{identityLabel(identity)}</span>
            {contact.identities.length > 1 && (
              <Button
                className="link-button"
                aria-label={t('contacts.removeIdentity', { address: identity.address })}
                disabled={patch.isPending}
                onClick={() => run({ identities: { remove: [identity.id] } })}
              >
                {t('contacts.remove')}
              </Button>
            )}
          </li>
        ))}
      </ul>
      <form className="identity-add" onSubmit={add}>
        <Select
          label={t('contacts.identityKind')}
          hideLabel
          value={kind}
          onChange={(e) => setKind(e.target.value as typeof kind)}
        >
          {EDITABLE_IDENTITY_KINDS.map((k) => (
            <option key={k} value={k}>
              {channelLabel(k).name}
            </option>
          ))}
        </Select>
        <Input
          label={t('contacts.identityAddress')}
          hideLabel
          placeholder={t('contacts.identityAddress')}
          value={address}
          onChange={(e) => setAddress(e.target.value)}
        />
        <Button type="submit" disabled={patch.isPending || !address.trim()}>
          {t('contacts.addIdentity')}
        </Button>
      </form>
    </section>
  );
}
