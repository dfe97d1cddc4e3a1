import { lazy, Suspense, useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { TicketView, UserView } from '@switchboard/contracts';
import { DEFAULT_FILTERS, type QueueId, type TicketFilters } from '../lib/ticket-filters';
import { AvailabilitySelector } from '../features/availability/components/AvailabilitySelector';
import { NotificationBell } from '../features/notifications/components/NotificationBell';
import { useSession } from '../features/auth/hooks/useSession';
import { LiveBanner } from '../features/presence/components/LiveBanner';
import { useUnread } from '../features/presence/hooks/useUnread';
import { askNotificationPermission } from '../features/presence/api/notifications';
import { QueuePane } from '../features/queues/components/QueuePane';
import { QueueSidebar } from '../features/queues/components/QueueSidebar';
import { filtersOfView } from '../features/queues/api/saved-views-api';
import { ShortcutHelp } from '../features/shortcuts/components/ShortcutHelp';
import { useShortcuts } from '../features/shortcuts/hooks/useShortcuts';
import { useNameOf, useTeams } from '../features/tickets/hooks/useDirectory';
import { backTo } from './pane-back';
import { useHashRoute } from './use-hash-route';
import { Trans, useTranslation } from '../i18n';
import { LanguageSelect } from '../features/language/LanguageSelect';
import './layout.css';
import { Button } from '../components/Button';

// Supervisor dashboard: its own chunk, so the agent console's first load stays small.
const SupervisorDashboard = lazy(() => import('../features/supervisor/components/SupervisorDashboard'));
// Admin screen: canned replies, the hold message and channels; its own chunk, for admins only.
const AdminScreen = lazy(() => import('../features/admin/components/AdminScreen'));
// Contacts workspace: its own chunk, loaded when an agent first opens it.
const ContactsScreen = lazy(() =>
  import('../features/contacts/components/ContactsScreen').then((m) => ({ default: m.ContactsScreen })),
);
// Reviews and coaching notes: their own chunk.
const ReviewsScreen = lazy(() => import('../features/reviews/components/ReviewsScreen'));
// My second factor and API tokens: its own chunk (it carries the QR code renderer).
const SecurityScreen = lazy(() => import('../features/security/components/SecurityScreen'));
// The spam view: its own chunk, opened from the queue sidebar.
const SpamScreen = lazy(() => import('../features/spam/components/SpamScreen'));
// The ticket (timeline, composer, dialogs) is not needed to show the queue: its own chunk, fetched
// as soon as the agent first moves, types or touches, so it is there before they open a ticket.
const loadTicketScreen = () => import('../features/tickets/components/TicketScreen');
const TicketScreen = lazy(() => loadTicketScreen().then((m) => ({ default: m.TicketScreen })));
const NewConversationDialog = lazy(() =>
  import('../features/conversations/components/NewConversationDialog').then((m) => ({
    default: m.NewConversationDialog,
  })),
);
const INTENT_EVENTS = ['pointermove', 'keydown', 'touchstart'] as const;

/** Fetches the ticket screen's chunk on the agent's first sign of activity. */
function usePrefetchTicketScreen() {
  useEffect(() => {
    const prefetch = () => {
      stop();
      void loadTicketScreen();
    };
    const stop = () => INTENT_EVENTS.forEach((e) => window.removeEventListener(e, prefetch));
    INTENT_EVENTS.forEach((e) => window.addEventListener(e, prefetch, { passive: true }));
    return stop;
  }, []);
}

const onHash = (l: () => void) => (
  window.addEventListener('hashchange', l),
  () => window.removeEventListener('hashchange', l)
);

const FILTERS_KEY = 'switchboard.filters';

function initialFilters(me: UserView): TicketFilters {
  try {
    const saved = JSON.parse(localStorage.getItem(FILTERS_KEY) ?? 'null') as TicketFilters | null;
    if (saved?.queue) return saved;
  } catch {
    // A corrupt saved filter just means the default queue.
  }
  return me.role === 'agent' ? DEFAULT_FILTERS : { ...DEFAULT_FILTERS, queue: 'all' };
}

export function ConsoleShell({ me }: { me: UserView }) {
  const { logout } = useSession();
  const { t } = useTranslation();
  const { ticketId, pane, navigate } = useHashRoute();
  const [filters, setFilters] = useState<TicketFilters>(() => initialFilters(me));
  const [help, setHelp] = useState(false);
  const [starting, setStarting] = useState(false);
  usePrefetchTicketScreen();
  const teams = useTeams().data ?? [];
  const nameOf = useNameOf();
  const open = useCallback((id: string) => navigate(`/tickets/${id}`), [navigate]);
  const unread = useUnread(me, ticketId, open);

  const changeFilters = (next: TicketFilters) => {
    setFilters(next);
    localStorage.setItem(FILTERS_KEY, JSON.stringify(next));
  };

  useShortcuts({ '?': () => setHelp(true) });
  const supervisorRoute = useSyncExternalStore(onHash, () => window.location.hash.startsWith('#/supervisor'));
  const canSupervise = me.role !== 'agent';
  const adminRoute = useSyncExternalStore(
    onHash,
    () => me.role === 'admin' && window.location.hash.startsWith('#/admin'),
  ); // the role is checked here too, so an agent's hand-typed #/admin shows the queue
  const contactsHash = useSyncExternalStore(onHash, () =>
    /^#\/contacts(\/|$)/.test(window.location.hash) ? window.location.hash : null,
  );
  const reviewsRoute = useSyncExternalStore(onHash, () => window.location.hash.startsWith('#/reviews'));
  const securityRoute = useSyncExternalStore(onHash, () => window.location.hash.startsWith('#/security'));
  const spamRoute = useSyncExternalStore(onHash, () => window.location.hash.startsWith('#/spam'));
  const contactId = contactsHash ? (/^#\/contacts\/([^/?#]+)/.exec(contactsHash)?.[1] ?? null) : null;

  return (
    <div className="shell">
      <a className="skip-link" href="#main-ticket">
        {t('shell.skipToTicket')}
      </a>
      <LiveBanner />
      <header className="topbar">
        <span className="brand">{t('shell.brand')}</span>
        <span className="spacer" />
        <Button className="link-button" onClick={() => setStarting(true)}>
          {t('conversations.new')}
        </Button>
        <a className="link-button" href={contactsHash ? '#/' : '#/contacts'}>
          {contactsHash ? t('shell.inbox') : t('contacts.title')}
        </a>
        {canSupervise && (
          <a className="link-button" href={supervisorRoute ? '#/' : '#/supervisor'}>
            {supervisorRoute ? t('shell.inbox') : t('shell.supervisor')}
          </a>
        )}
        <a className="link-button" href={reviewsRoute ? '#/' : '#/reviews'}>
          {reviewsRoute
            ? t('shell.inbox')
            : canSupervise
              ? t('reviews.navSupervisor')
              : t('reviews.navAgent')}
        </a>
        {me.role === 'admin' && (
          <a className="link-button" href={adminRoute ? '#/' : '#/admin'}>
            {adminRoute ? t('shell.inbox') : t('shell.admin')}
          </a>
        )}
        <a className="link-button" href={securityRoute ? '#/' : '#/security'}>
          {securityRoute ? t('shell.inbox') : t('security.title')}
        </a>
        <Button className="link-button topbar-keyboard" onClick={() => setHelp(true)} aria-keyshortcuts="?">
          {t('shell.shortcuts')}
        </Button>
        <Button className="link-button" onClick={askNotificationPermission}>
          {t('shell.enableNotifications')}
        </Button>
        <NotificationBell />
        <AvailabilitySelector me={me} />
        <LanguageSelect />
        <span className="whoami topbar-keyboard" aria-label={t('shell.signedInAs')}>
          {me.name}
        </span>
        <Button className="link-button" onClick={() => void logout()}>
          {t('shell.signOut')}
        </Button>
      </header>
      {spamRoute ? (
        <Suspense fallback={<p className="empty-state">{t('common.loading')}</p>}>
          <SpamScreen />
        </Suspense>
      ) : securityRoute ? (
        <Suspense fallback={<p className="empty-state">{t('common.loading')}</p>}>
          <SecurityScreen me={me} />
        </Suspense>
      ) : contactsHash ? (
        <Suspense fallback={<p className="empty-state">{t('common.loading')}</p>}>
          <ContactsScreen contactId={contactId && decodeURIComponent(contactId)} />
        </Suspense>
      ) : reviewsRoute ? (
        <Suspense fallback={<p className="empty-state">{t('common.loading')}</p>}>
          <ReviewsScreen me={me} />
        </Suspense>
      ) : adminRoute ? (
        <Suspense fallback={<p className="empty-state">{t('shell.loadingAdmin')}</p>}>
          <AdminScreen me={me} />
        </Suspense>
      ) : supervisorRoute ? (
        <Suspense fallback={<p className="empty-state">{t('shell.loadingDashboard')}</p>}>
          <SupervisorDashboard me={me} teams={teams} onOpenTicket={open} />
        </Suspense>
      ) : (
        <div className="columns" data-pane={pane}>
          <QueueSidebar
            me={me}
            active={filters.queue}
            onSelect={(queue: QueueId) =>
              changeFilters({ ...filters, queue, assigneeId: undefined, mentions: undefined })
            }
            teamName={(id) => teams.find((t) => t.id === id)?.name ?? t('shell.team')}
            filters={filters}
            onSelectView={(view) => changeFilters(filtersOfView(view))}
          />
          <QueuePane
            filters={filters}
            onFiltersChange={changeFilters}
            openTicketId={ticketId}
            onOpen={(ticket: TicketView) => open(ticket.id)}
            teams={teams}
            nameOf={nameOf}
            unread={unread}
          />
          <main id="main-ticket" className="ticket-pane" tabIndex={-1}>
            {ticketId ? (
              <Suspense fallback={<p className="empty-state">{t('common.loading')}</p>}>
                <TicketScreen
                  key={ticketId}
                  ticketId={ticketId}
                  pane={pane === 'contact' ? 'contact' : 'ticket'}
                  onBack={() => backTo(pane === 'contact' ? `#/tickets/${ticketId}` : '#/')}
                  onShowContact={() => navigate(`/tickets/${ticketId}/contact`)}
                />
              </Suspense>
            ) : (
              <div className="empty-state">
                <p>
                  <Trans i18nKey="shell.selectTicket" components={{ kbd: <kbd /> }} />
                </p>
              </div>
            )}
          </main>
        </div>
      )}
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
      {starting && (
        <Suspense fallback={null}>
          <NewConversationDialog
            onClose={() => setStarting(false)}
            onStarted={(id) => {
              setStarting(false);
              open(id);
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
