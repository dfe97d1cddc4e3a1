import { lazy, Suspense, useSyncExternalStore } from 'react';
import type { UserView } from '@switchboard/contracts';
import { CannedRepliesAdmin } from './CannedRepliesAdmin';
import { HoldTemplateAdmin } from './HoldTemplateAdmin';
import { ReplySettingsAdmin } from './ReplySettingsAdmin';
import { useTranslation } from '../../../i18n';

// Channel setup is visited rarely: its own chunk, loaded when an admin opens the tab.
const ChannelsAdmin = lazy(() => import('./ChannelsAdmin'));
const CHANNELS_HASH = '#/admin/channels';
const PeopleAdmin = lazy(() => import('./PeopleAdmin'));
const PEOPLE_HASH = '#/admin/people';
const SlaAdmin = lazy(() => import('./SlaAdmin'));
const SLA_HASH = '#/admin/sla';
const onHash = (l: () => void) => (
  window.addEventListener('hashchange', l),
  () => window.removeEventListener('hashchange', l)
);

/** `#/admin`: what admins set up for every agent; `#/admin/channels`: the channels. Its own chunk, loaded only when opened. */
export default function AdminScreen({ me }: { me: Pick<UserView, 'role'> }) {
  const { t } = useTranslation();
  const channels = useSyncExternalStore(onHash, () => window.location.hash.startsWith(CHANNELS_HASH));
  const people = useSyncExternalStore(onHash, () => window.location.hash.startsWith(PEOPLE_HASH));
  const sla = useSyncExternalStore(onHash, () => window.location.hash.startsWith(SLA_HASH));
  if (me.role !== 'admin') {
    return (
      <p className="empty-state" role="alert">
        {t('adminScreens.forAdminsOnly')}
      </p>
    );
  }
  return (
    <main className="admin" aria-labelledby="admin-heading" id="main-admin">
      <h1 id="admin-heading">{t('shell.admin')}</h1>
      <nav className="admin-tabs" aria-label={t('adminScreens.sections')}>
        <a href="#/admin" aria-current={channels || people || sla ? undefined : 'page'}>
          {t('adminScreens.tabs.replies')}
        </a>
        <a href={CHANNELS_HASH} aria-current={channels ? 'page' : undefined}>
          {t('adminScreens.tabs.channels')}
        </a>
        <a href={PEOPLE_HASH} aria-current={people ? 'page' : undefined}>
          {t('adminScreens.tabs.people')}
        </a>
        <a href={SLA_HASH} aria-current={sla ? 'page' : undefined}>
          {t('adminScreens.tabs.sla')}
        </a>
      </nav>
      {sla ? (
        <Suspense fallback={<p className="empty-state">{t('adminScreens.loadingSla')}</p>}>
          <SlaAdmin />
        </Suspense>
      ) : people ? (
        <Suspense fallback={<p className="empty-state">{t('adminScreens.loadingPeople')}</p>}>
          <PeopleAdmin />
        </Suspense>
      ) : channels ? (
        <Suspense fallback={<p className="empty-state">{t('adminScreens.loadingChannels')}</p>}>
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
