import { useEffect, useState } from 'react';
import {
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationPreferencesView,
} from '@switchboard/contracts';
import { useTranslation } from '../../../i18n';
import { apiRequest } from '../../../lib/api-client';

/** A kind the server did not list yet (an older API) has the server's defaults: on in both places. */
function prefOf(prefs: NotificationPreferencesView, kind: NotificationKind) {
  return prefs[kind] ?? { inApp: true, email: true };
}

/** My notification preferences: per kind, in the console and by email; each change saves at once. */
export function NotificationPreferencesForm() {
  const { t } = useTranslation();
  const [prefs, setPrefs] = useState<NotificationPreferencesView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    apiRequest<NotificationPreferencesView>('GET', '/api/me/notification-preferences')
      .then(setPrefs)
      .catch((err: Error) => setError(err.message));
  }, []);

  const save = async (kind: NotificationKind, change: Partial<{ inApp: boolean; email: boolean }>) => {
    if (!prefs) return;
    try {
      setPrefs(
        await apiRequest<NotificationPreferencesView>('PUT', '/api/me/notification-preferences', {
          [kind]: { ...prefOf(prefs, kind), ...change },
        }),
      );
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  if (!prefs) return error ? <p role="alert">{error}</p> : <p>{t('notifications.loadingPreferences')}</p>;
  return (
    <fieldset className="notification-preferences">
      <legend>{t('notifications.notifyMe')}</legend>
      {error && <p role="alert">{error}</p>}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('notifications.about')}</th>
            <th scope="col">{t('notifications.inApp')}</th>
            <th scope="col">{t('notifications.email')}</th>
          </tr>
        </thead>
        <tbody>
          {NOTIFICATION_KINDS.map((kind) => (
            <tr key={kind}>
              <th scope="row">{t(`notifications.kinds.${kind}`)}</th>
              <td>
                <input
                  type="checkbox"
                  aria-label={t('notifications.inAppOf', { kind: t(`notifications.kinds.${kind}`) })}
                  checked={prefOf(prefs, kind).inApp}
                  onChange={(e) => void save(kind, { inApp: e.target.checked })}
                />
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={t('notifications.emailOf', { kind: t(`notifications.kinds.${kind}`) })}
                  checked={prefOf(prefs, kind).email}
                  onChange={(e) => void save(kind, { email: e.target.checked })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </fieldset>
  );
}
