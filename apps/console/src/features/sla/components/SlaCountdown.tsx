import type { TicketView } from '@switchboard/contracts';
import { useNow } from '../hooks/useNow';
import '../sla.css'; // the badge states: tiny, in the main bundle
import { i18n, useTranslation } from '../../../i18n';
import { dateTime } from '../../../lib/format';

/** "12:04" under an hour, "3h 05m" under two days, else days. */
export function formatCountdown(ms: number): string {
  const abs = Math.abs(ms);
  const s = Math.floor(abs / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h >= 48) return i18n.t('time.countdownDays', { days: Math.floor(h / 24), hours: h % 24 });
  if (h > 0) return i18n.t('time.countdownHours', { hours: h, minutes: pad(m) });
  return `${m}:${pad(sec)}`;
}

export type SlaState = 'on-track' | 'at-risk' | 'breached' | 'paused';

/** The SLA state of a ticket at `now` from its stored due and at-risk instants. */
export function slaState(
  sla: TicketView['sla'] | undefined,
  now: number,
): { state: SlaState; dueAt: string | null } | null {
  if (!sla) return null;
  const dueAt =
    sla.dueAt ??
    [sla.firstResponseDueAt, sla.nextResponseDueAt, sla.resolutionDueAt]
      .filter((d): d is string => Boolean(d))
      .sort()[0] ??
    null;
  if (!dueAt) return sla.pausedSince ? { state: 'paused', dueAt: null } : null;
  const left = Date.parse(dueAt) - now;
  if (left <= 0) return { state: 'breached', dueAt };
  if (sla.atRiskAt && Date.parse(sla.atRiskAt) <= now) return { state: 'at-risk', dueAt };
  return { state: 'on-track', dueAt };
}

// The badge's words per state are the catalog's sla.badge.<state>.

/** A live SLA badge: counts down to the nearest due time of a running clock, every second. */
export function SlaCountdown({
  sla,
  status,
  compact = false,
}: {
  sla: TicketView['sla'] | undefined;
  status: TicketView['status'];
  compact?: boolean;
}) {
  const now = useNow(1000);
  const { t } = useTranslation();
  if (status === 'solved' || status === 'closed') return null;
  const s = slaState(sla, now);
  if (!s) return null;
  const left = s.dueAt ? Date.parse(s.dueAt) - now : 0;
  const time = s.dueAt ? (left > 0 ? formatCountdown(left) : `+${formatCountdown(left)}`) : '';
  const spoken =
    s.state === 'paused'
      ? t('sla.badge.spokenPaused')
      : s.state === 'breached'
        ? t('sla.badge.spokenBreached', { time: formatCountdown(left) })
        : t('sla.badge.spokenDue', { time: formatCountdown(left) });
  const label = t(`sla.badge.${s.state}`);
  return (
    <span
      className={`badge sla-${s.state}`}
      title={s.dueAt ? dateTime(s.dueAt) : t('sla.badge.waiting')}
      aria-label={spoken}
      data-testid="sla-countdown"
    >
      {compact ? time || label : `${label} ${time}`.trim()}
    </span>
  );
}
