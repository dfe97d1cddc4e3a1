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
const RulesAdmin = lazy(() => import('../../rules/components/RulesAdmin'));
const RULES_HASH = '#/admin/rules';
const RoutingAdmin = lazy(() => import('../../routing/components/RoutingAdmin'));
const ROUTING_HASH = '#/admin/routing';
const MacrosAdmin = lazy(() => import('../../macros/components/MacrosAdmin'));
const MACROS_HASH = '#/admin/macros';
const CustomFieldsAdmin = lazy(() => import('../../custom-fields/components/CustomFieldsAdmin'));
const FIELDS_HASH = '#/admin/custom-fields';
const AuditLogAdmin = lazy(() => import('../../audit/components/AuditLogAdmin'));
const AUDIT_HASH = '#/admin/audit';
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
  const rules = useSyncExternalStore(onHash, () => window.location.hash.startsWith(RULES_HASH));
  const routing = useSyncExternalStore(onHash, () => window.location.hash.startsWith(ROUTING_HASH));
  const macros = useSyncExternalStore(onHash, () => window.location.hash.startsWith(MACROS_HASH));
  const fields = useSyncExternalStore(onHash, () => window.location.hash.startsWith(FIELDS_HASH));
  const audit = useSyncExternalStore(onHash, () => window.location.hash.startsWith(AUDIT_HASH));
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
        <a
          href="#/admin"
          aria-current={
            channels || people || sla || rules || routing || macros || fields || audit ? undefined : 'page'
          }
        >
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
        <a href={RULES_HASH} aria-current={rules ? 'page' : undefined}>
          {t('rules.tab')}
        </a>
        <a href={ROUTING_HASH} aria-current={routing ? 'page' : undefined}>
          {t('routing.tab')}
        </a>
        <a href={MACROS_HASH} aria-current={macros ? 'page' : undefined}>
          {t('macros.tab')}
        </a>
        <a href={FIELDS_HASH} aria-current={fields ? 'page' : undefined}>
          {t('customFields.adminTitle')}
        </a>
        <a href={AUDIT_HASH} aria-current={audit ? 'page' : undefined}>
          {t('audit.tab')}
        </a>
      </nav>
      {audit ? (
        <Suspense fallback={<p className="empty-state">{t('common.loading')}</p>}>
          <AuditLogAdmin />
        </Suspense>
      ) : fields ? (
        <Suspense fallback={<p className="empty-state">{t('common.loading')}</p>}>
          <CustomFieldsAdmin />
        </Suspense>
      ) : rules || routing || macros ? (
        <Suspense fallback={<p className="empty-state">{t('common.loading')}</p>}>
          {rules ? <RulesAdmin /> : routing ? <RoutingAdmin /> : <MacrosAdmin />}
        </Suspense>
      ) : sla ? (
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
