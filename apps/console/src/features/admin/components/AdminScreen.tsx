import { lazy, Suspense, useSyncExternalStore, type ComponentType, type LazyExoticComponent } from 'react';
import type { UserView } from '@switchboard/contracts';
import { CannedRepliesAdmin } from './CannedRepliesAdmin';
import { HoldTemplateAdmin } from './HoldTemplateAdmin';
import { ReplySettingsAdmin } from './ReplySettingsAdmin';
import { SearchLanguageAdmin } from '../../search/components/SearchLanguageAdmin';
import { useTranslation } from '../../../i18n';

interface AdminTab {
  hash: string;
  label: string;
  /** Each tab is visited rarely: its own chunk, loaded when an admin opens it. */
  Screen: LazyExoticComponent<ComponentType>;
  loading?: string;
}

/** The tabs after "Replies" (`#/admin`), in the order the admin reads them. */
const TABS: AdminTab[] = [
  {
    hash: '#/admin/channels',
    label: 'adminScreens.tabs.channels',
    Screen: lazy(() => import('./ChannelsAdmin')),
    loading: 'adminScreens.loadingChannels',
  },
  {
    hash: '#/admin/people',
    label: 'adminScreens.tabs.people',
    Screen: lazy(() => import('./PeopleAdmin')),
    loading: 'adminScreens.loadingPeople',
  },
  {
    hash: '#/admin/sla',
    label: 'adminScreens.tabs.sla',
    Screen: lazy(() => import('./SlaAdmin')),
    loading: 'adminScreens.loadingSla',
  },
  {
    hash: '#/admin/rules',
    label: 'rules.tab',
    Screen: lazy(() => import('../../rules/components/RulesAdmin')),
  },
  {
    hash: '#/admin/routing',
    label: 'routing.tab',
    Screen: lazy(() => import('../../routing/components/RoutingAdmin')),
  },
  {
    hash: '#/admin/macros',
    label: 'macros.tab',
    Screen: lazy(() => import('../../macros/components/MacrosAdmin')),
  },
  {
    hash: '#/admin/custom-fields',
    label: 'customFields.adminTitle',
    Screen: lazy(() => import('../../custom-fields/components/CustomFieldsAdmin')),
  },
  {
    hash: '#/admin/surveys',
    label: 'surveys.tab',
    Screen: lazy(() => import('../../surveys/components/SurveySettingsAdmin')),
  },
  { hash: '#/admin/kb', label: 'kb.tab', Screen: lazy(() => import('../../kb/components/KbAdmin')) },
  { hash: '#/admin/bots', label: 'bots.tab', Screen: lazy(() => import('../../bots/components/BotsAdmin')) },
  {
    hash: '#/admin/assist',
    label: 'assist.tab',
    Screen: lazy(() => import('../../assist/components/AssistAdmin')),
  },
  {
    hash: '#/admin/audit',
    label: 'audit.tab',
    Screen: lazy(() => import('../../audit/components/AuditLogAdmin')),
  },
  {
    hash: '#/admin/webhooks',
    label: 'webhooks.tab',
    Screen: lazy(() => import('../../webhooks/components/WebhooksAdmin')),
  },
  {
    hash: '#/admin/blocklist',
    label: 'blocklist.tab',
    Screen: lazy(() => import('../../spam/components/BlocklistAdmin')),
  },
  {
    hash: '#/admin/sso',
    label: 'sso.tab',
    Screen: lazy(() => import('../../sso/components/SsoAdmin')),
  },
  {
    hash: '#/admin/privacy',
    label: 'privacy.tab',
    Screen: lazy(() => import('../../privacy/components/RetentionAdmin')),
  },
  {
    hash: '#/admin/system',
    label: 'system.tab',
    Screen: lazy(() => import('../../system/components/SystemAdmin')),
  },
];

const onHash = (l: () => void) => (
  window.addEventListener('hashchange', l),
  () => window.removeEventListener('hashchange', l)
);
const currentHash = () => window.location.hash;

/** `#/admin`: what admins set up for every agent; each other tab its own screen. Its own chunk, loaded only when opened. */
export default function AdminScreen({ me }: { me: Pick<UserView, 'role'> }) {
  const { t } = useTranslation();
  const hash = useSyncExternalStore(onHash, currentHash);
  const open = TABS.find((tab) => hash.startsWith(tab.hash));
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
        <a href="#/admin" aria-current={open ? undefined : 'page'}>
          {t('adminScreens.tabs.replies')}
        </a>
        {TABS.map((tab) => (
          <a key={tab.hash} href={tab.hash} aria-current={open === tab ? 'page' : undefined}>
            {t(tab.label)}
          </a>
        ))}
      </nav>
      {open ? (
        <Suspense fallback={<p className="empty-state">{t(open.loading ?? 'common.loading')}</p>}>
          <open.Screen />
        </Suspense>
      ) : (
        <>
          <ReplySettingsAdmin />
          <CannedRepliesAdmin />
          <HoldTemplateAdmin />
          <SearchLanguageAdmin />
        </>
      )}
    </main>
  );
}
