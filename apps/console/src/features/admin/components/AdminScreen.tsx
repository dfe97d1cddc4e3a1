import { lazy, Suspense, useSyncExternalStore } from 'react';
import type { UserView } from '@switchboard/contracts';
import { CannedRepliesAdmin } from './CannedRepliesAdmin';
import { HoldTemplateAdmin } from './HoldTemplateAdmin';
import { ReplySettingsAdmin } from './ReplySettingsAdmin';

// Channel setup is visited rarely: its own chunk, loaded when an admin opens the tab.
const ChannelsAdmin = lazy(() => import('./ChannelsAdmin'));
const CHANNELS_HASH = '#/admin/channels';
const PeopleAdmin = lazy(() => import('./PeopleAdmin'));
const PEOPLE_HASH = '#/admin/people';
const SlaAdmin = lazy(() => import('./SlaAdmin'));
const SLA_HASH = '#/admin/sla';
const CustomFieldsAdmin = lazy(() => import('../../custom-fields/components/CustomFieldsAdmin'));
const FIELDS_HASH = '#/admin/custom-fields';
const onHash = (l: () => void) => (
  window.addEventListener('hashchange', l),
  () => window.removeEventListener('hashchange', l)
);

/** `#/admin`: what admins set up for every agent; `#/admin/channels`: the channels. Its own chunk, loaded only when opened. */
export default function AdminScreen({ me }: { me: Pick<UserView, 'role'> }) {
  const channels = useSyncExternalStore(onHash, () => window.location.hash.startsWith(CHANNELS_HASH));
  const people = useSyncExternalStore(onHash, () => window.location.hash.startsWith(PEOPLE_HASH));
  const sla = useSyncExternalStore(onHash, () => window.location.hash.startsWith(SLA_HASH));
  const fields = useSyncExternalStore(onHash, () => window.location.hash.startsWith(FIELDS_HASH));
  if (me.role !== 'admin') {
    return (
      <p className="empty-state" role="alert">
        The admin screen is for admins.
      </p>
    );
  }
  return (
    <main className="admin" aria-labelledby="admin-heading" id="main-admin">
      <h1 id="admin-heading">Admin</h1>
      <nav className="admin-tabs" aria-label="Admin sections">
        <a href="#/admin" aria-current={channels || people || sla || fields ? undefined : 'page'}>
          Replies
        </a>
        <a href={CHANNELS_HASH} aria-current={channels ? 'page' : undefined}>
          Channels
        </a>
        <a href={PEOPLE_HASH} aria-current={people ? 'page' : undefined}>
          People
        </a>
        <a href={SLA_HASH} aria-current={sla ? 'page' : undefined}>
          SLA
        </a>
        <a href={FIELDS_HASH} aria-current={fields ? 'page' : undefined}>
          Custom fields
        </a>
      </nav>
      {fields ? (
        <Suspense fallback={<p className="empty-state">Loading custom fields…</p>}>
          <CustomFieldsAdmin />
        </Suspense>
      ) : sla ? (
        <Suspense fallback={<p className="empty-state">Loading SLA settings…</p>}>
          <SlaAdmin />
        </Suspense>
      ) : people ? (
        <Suspense fallback={<p className="empty-state">Loading people…</p>}>
          <PeopleAdmin />
        </Suspense>
      ) : channels ? (
        <Suspense fallback={<p className="empty-state">Loading channels…</p>}>
          <ChannelsAdmin />
        </Suspense>
      ) : (
        <>
          <ReplySettingsAdmin />
          <CannedRepliesAdmin />
          <HoldTemplateAdmin />
        </>
      )}
    </main>
  );
}
