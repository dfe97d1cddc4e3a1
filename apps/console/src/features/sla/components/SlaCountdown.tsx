import type { TicketView } from '@switchboard/contracts';
import { useNow } from '../hooks/useNow';
import '../sla.css'; // the badge states: tiny, in the main bundle

/** "12:04" under an hour, "3h 05m" under two days, else days. */
export function formatCountdown(ms: number): string {
  const abs = Math.abs(ms);
  const s = Math.floor(abs / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h >= 48) return `${Math.floor(h / 24)}d ${h % 24}h`;
  if (h > 0) return `${h}h ${pad(m)}m`;
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

const LABEL: Record<SlaState, string> = {
  'on-track': 'SLA',
  'at-risk': 'SLA at risk',
  breached: 'SLA breached',
  paused: 'SLA paused',
};

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
  if (status === 'solved' || status === 'closed') return null;
  const s = slaState(sla, now);
  if (!s) return null;
  const left = s.dueAt ? Date.parse(s.dueAt) - now : 0;
  const time = s.dueAt ? (left > 0 ? formatCountdown(left) : `+${formatCountdown(left)}`) : '';
  const spoken =
    s.state === 'paused'
      ? 'SLA clock paused'
      : s.state === 'breached'
        ? `SLA breached ${formatCountdown(left)} ago`
        : `SLA due in ${formatCountdown(left)}`;
  return (
    <span
      className={`badge sla-${s.state}`}
      title={s.dueAt ? new Date(s.dueAt).toLocaleString() : 'waiting on the customer'}
      aria-label={spoken}
      data-testid="sla-countdown"
    >
      {compact ? time || LABEL[s.state] : `${LABEL[s.state]} ${time}`.trim()}
    </span>
  );
}
