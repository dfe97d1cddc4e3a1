import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { AgentServerEvents, NotificationListView, NotificationView } from '@switchboard/contracts';
import { useTranslation } from '../../../i18n';
import { apiRequest } from '../../../lib/api-client';
import { useLive } from '../../presence/hooks/useLive';
import { NotificationPreferencesForm } from './NotificationPreferencesForm';
import '../notifications.css';
import { Button } from '../../../components/Button';

/**
 * The bell is drawn, not an emoji: without an emoji font the 🔔 showed as an empty box. It is
 * decoration; the button's label says what it is.
 */
function BellIcon() {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.7 21a2 2 0 0 1-3.4 0" />
    </svg>
  );
}

type Listener = (e: AgentServerEvents['notification.created']) => void;

/**
 * The bell in the header: how many of my notifications are unread (live), and a panel listing
 * them, newest first, to mark read or open their ticket. `subscribe` is injected in tests;
 * in the console it is the live connection's `notification.created`.
 */
export function NotificationBell({ subscribe }: { subscribe?: (listener: Listener) => () => void }) {
  const { t } = useTranslation();
  const live = useLive();
  const [items, setItems] = useState<NotificationView[]>([]);
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const [showPreferences, setShowPreferences] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    let cancelled = false;
    apiRequest<NotificationListView>('GET', '/api/notifications')
      .then((list) => {
        if (cancelled) return;
        setItems(list.items);
        setUnread(list.unread);
      })
      .catch((err: Error) => !cancelled && setError(err.message));
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    const listen = subscribe ?? (live ? (l: Listener) => live.onNotification(l) : null);
    if (!listen) return;
    return listen((e) => {
      setItems((prev) =>
        prev.some((i) => i.id === e.notification.id) ? prev : [e.notification, ...prev].slice(0, 50),
      );
      setUnread(e.unread);
    });
  }, [subscribe, live]);

  const markRead = useCallback(async (body: { ids: string[] } | { all: true }) => {
    try {
      const res = await apiRequest<{ unread: number }>('POST', '/api/notifications/read', body);
      const now = new Date().toISOString();
      setItems((prev) =>
        prev.map((i) => ('all' in body || body.ids.includes(i.id) ? { ...i, readAt: i.readAt ?? now } : i)),
      );
      setUnread(res.unread);
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  }, []);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  const label =
    unread === 0 ? t('notifications.bellLabel') : t('notifications.bellLabelUnread', { count: unread });
  return (
    <span className="notification-bell">
      <Button
        ref={button}
        className="link-button notification-bell-button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        <BellIcon />
        {unread > 0 && (
          <span className="notification-count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </Button>
      {open && (
        <div
          id={panelId}
          role="dialog"
          aria-label={t('notifications.title')}
          className="notification-panel"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              close();
            }
          }}
        >
          <div className="notification-panel-header">
            <h2>{t('notifications.title')}</h2>
            <Button
              className="link-button"
              disabled={unread === 0}
              onClick={() => void markRead({ all: true })}
            >
              {t('notifications.markAllRead')}
            </Button>
            <Button
              className="link-button"
              aria-expanded={showPreferences}
              onClick={() => setShowPreferences((s) => !s)}
            >
              {t('notifications.preferences')}
            </Button>
          </div>
          {error && <p role="alert">{error}</p>}
          {showPreferences && <NotificationPreferencesForm />}
          {items.length === 0 ? (
            <p className="empty-state">{t('notifications.empty')}</p>
          ) : (
            <ul className="notification-list" aria-label={t('notifications.listLabel')}>
              {items.map((n) => (
                <li key={n.id} className={n.readAt ? 'notification read' : 'notification unread'}>
                  {n.ticketId ? (
                    <a
                      href={`#/tickets/${n.ticketId}`}
                      onClick={() => {
                        if (!n.readAt) void markRead({ ids: [n.id] });
                        setOpen(false);
                      }}
                    >
                      {n.text}
                    </a>
                  ) : (
                    <span>{n.text}</span>
                  )}
                  <time dateTime={n.createdAt}>{new Date(n.createdAt).toLocaleString()}</time>
                  {!n.readAt && (
                    <Button
                      className="link-button"
                      aria-label={t('notifications.markReadOf', { text: n.text })}
                      onClick={() => void markRead({ ids: [n.id] })}
                    >
                      {t('notifications.markRead')}
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </span>
  );
}
