import { useCallback, useEffect, useRef, useState } from 'react';
import type { AgentView, AvailabilityView, UserView } from '@switchboard/contracts';
import { useTranslation } from '../../../i18n';
import { apiRequest } from '../../../lib/api-client';
import { Select } from '../../../components/Select';

type Availability = AgentView['availability'];

const STATUSES: Availability[] = ['online', 'away', 'offline'];
/** Minutes without keyboard or pointer input before an online agent shows as away. */
export const IDLE_MINUTES = 10;
const ACTIVITY = ['pointerdown', 'keydown', 'mousemove', 'wheel', 'touchstart'] as const;

/**
 * The agent's own availability in the header: who gets auto-assigned tickets depends on it.
 * After `idleMinutes` without input an online agent is set away, and back online on their
 * next input; a status the agent chose by hand is left alone.
 */
export function AvailabilitySelector({
  me,
  idleMinutes = IDLE_MINUTES,
}: {
  me: UserView;
  idleMinutes?: number;
}) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Availability | null>(null);
  const [error, setError] = useState<string | null>(null);
  const autoAway = useRef(false);

  const save = useCallback(async (next: Availability) => {
    try {
      const saved = await apiRequest<AvailabilityView>('PUT', '/api/me/availability', { status: next });
      setStatus(saved.status);
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  }, []);

  useEffect(() => {
    let cancelled = false;
    apiRequest<{ items: AgentView[] }>('GET', '/api/agents')
      .then((res) => {
        if (!cancelled) setStatus(res.items.find((a) => a.id === me.id)?.availability ?? 'offline');
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [me.id]);

  useEffect(() => {
    if (status !== 'online' && !(status === 'away' && autoAway.current)) return;
    let timer = window.setTimeout(goAway, idleMinutes * 60_000);
    function goAway() {
      if (status !== 'online') return;
      autoAway.current = true;
      void save('away');
    }
    const active = () => {
      window.clearTimeout(timer);
      if (autoAway.current) {
        autoAway.current = false;
        void save('online');
        return;
      }
      timer = window.setTimeout(goAway, idleMinutes * 60_000);
    };
    for (const name of ACTIVITY) window.addEventListener(name, active, { passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const name of ACTIVITY) window.removeEventListener(name, active);
    };
  }, [status, idleMinutes, save]);

  return (
    <span className="availability">
      <span className={`availability-dot availability-${status ?? 'offline'}`} aria-hidden="true" />
      <Select
        label={t('availability.yourStatus')}
        hideLabel
        value={status ?? ''}
        disabled={status === null}
        onChange={(e) => {
          autoAway.current = false;
          void save(e.target.value as Availability);
        }}
      >
        {status === null && <option value="">{t('availability.pending')}</option>}
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`availability.statuses.${s}`)}
          </option>
        ))}
      </Select>
      {error && (
        <span role="alert" className="availability-error">
          {error}
        </span>
      )}
    </span>
  );
}
