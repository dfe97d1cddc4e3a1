import { useState } from 'react';
import { AddChannelAccountForm } from './AddChannelAccountForm';
import { ChannelAccountList } from './ChannelAccountList';
import { ChannelCreatedNotice, type CreatedChannel } from './ChannelCreatedNotice';
import { EmailQuarantine } from './EmailQuarantine';
import '../channels.css';

/** `#/admin/channels`: the inboxes tickets arrive through. Its own chunk inside the admin area. */
export default function ChannelsAdmin() {
  // Held only in memory: an API key shown here is gone once the admin presses Done or leaves.
  const [created, setCreated] = useState<CreatedChannel | null>(null);
  return (
    <>
      <section className="admin-section" aria-labelledby="channels-heading">
        <h2 id="channels-heading">Channels</h2>
        <ChannelAccountList />
        {created && <ChannelCreatedNotice created={created} onDone={() => setCreated(null)} />}
        <AddChannelAccountForm onCreated={setCreated} />
      </section>
      <EmailQuarantine />
    </>
  );
}
