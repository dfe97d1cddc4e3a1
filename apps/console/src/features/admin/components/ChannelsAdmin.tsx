import { useState } from 'react';
import type { ChannelAccountView } from '@switchboard/contracts';
import { AddChannelAccountForm } from './AddChannelAccountForm';
import { ChannelAccountList } from './ChannelAccountList';
import { ChannelCreatedNotice, type CreatedChannel } from './ChannelCreatedNotice';
import { EditChannelAccountForm } from './EditChannelAccountForm';
import { EmailQuarantine } from './EmailQuarantine';
import '../channels.css';
import { useTranslation } from '../../../i18n';

/** `#/admin/channels`: the inboxes tickets arrive through. Its own chunk inside the admin area. */
export default function ChannelsAdmin() {
  // Held only in memory: an API key shown here is gone once the admin presses Done or leaves.
  const [created, setCreated] = useState<CreatedChannel | null>(null);
  const [editing, setEditing] = useState<ChannelAccountView | null>(null);
  const { t } = useTranslation();
  return (
    <>
      <section className="admin-section" aria-labelledby="channels-heading">
        <h2 id="channels-heading">{t('adminScreens.tabs.channels')}</h2>
        <ChannelAccountList onEdit={setEditing} />
        {created && <ChannelCreatedNotice created={created} onDone={() => setCreated(null)} />}
        {editing ? (
          <EditChannelAccountForm key={editing.id} account={editing} onDone={() => setEditing(null)} />
        ) : (
          <AddChannelAccountForm onCreated={setCreated} />
        )}
      </section>
      <EmailQuarantine />
    </>
  );
}
