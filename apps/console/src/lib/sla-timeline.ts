import type { TicketEventView } from '@switchboard/contracts';
import { i18n } from '../i18n';
import { formatDate } from './format';

/**
 * The SLA engine's ticket events as sentences: `sla_clock` carries the ledger entries of one
 * change (and the due time of each running clock), `sla_escalation` one escalation step that ran.
 */
// Metric names, clock changes and escalations are the catalog's sla.* words.
const metricName = (metric: string | undefined) =>
  metric && ['first_response', 'next_response', 'resolution'].includes(metric)
    ? i18n.t(`sla.metric.${metric}`)
    : null;

/** "Mon 09:55" in the viewer's time zone (the weekday matters for business-hours clocks). */
export function shortWhen(iso: unknown, locale?: string): string {
  const date = typeof iso === 'string' ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) return '';
  const options: Intl.DateTimeFormatOptions = { weekday: 'short', hour: '2-digit', minute: '2-digit' };
  return locale ? date.toLocaleString(locale, options) : formatDate(date, options);
}

interface ClockEntry {
  metric?: string;
  action?: string;
  reason?: string;
}

function clockLine(e: ClockEntry, due: Record<string, unknown>): string {
  const metric = metricName(e.metric) ?? i18n.t('sla.sla');
  const dueAt = shortWhen(due[e.metric ?? '']);
  const reason = e.reason ?? '';
  switch (e.action) {
    case 'start':
    case 'resume':
      return dueAt
        ? i18n.t('sla.clock.due', { metric, due: dueAt })
        : i18n.t(e.action === 'start' ? 'sla.clock.started' : 'sla.clock.resumed', { metric });
    case 'pause':
      return i18n.t(reason ? 'sla.clock.pausedWhy' : 'sla.clock.paused', { metric, reason });
    case 'achieve':
      return i18n.t('sla.clock.met', { metric });
    case 'stop':
      return i18n.t(reason ? 'sla.clock.stoppedWhy' : 'sla.clock.stopped', { metric, reason });
    case 'warn':
      return i18n.t(dueAt ? 'sla.clock.atRiskDue' : 'sla.clock.atRisk', { metric, due: dueAt });
    case 'breach':
      return i18n.t('sla.clock.breached', { metric });
    default:
      return i18n.t('sla.clock.other', { metric, action: e.action ?? i18n.t('sla.clock.changed') });
  }
}

const ESCALATION: Record<string, (d: Record<string, unknown>, nameOf: (id: string) => string) => string> = {
  notify_assignee: (d) =>
    d.notified && typeof d.notified === 'object' && 'assigneeId' in d.notified
      ? i18n.t('sla.escalation.assigneeNotified')
      : i18n.t('sla.escalation.teamNotified'),
  notify_supervisors: () => i18n.t('sla.escalation.supervisorsNotified'),
  raise_priority: (d) =>
    d.from === d.to
      ? i18n.t('sla.escalation.priorityAlready', { priority: priorityWord(d.to) })
      : d.to
        ? i18n.t('sla.escalation.priorityRaisedTo', { priority: priorityWord(d.to) })
        : i18n.t('sla.escalation.priorityRaised'),
  reassign_team: (d, nameOf) =>
    i18n.t('sla.escalation.reassigned', { team: d.toTeamId ? nameOf(String(d.toTeamId)) : '' }).trim(),
};

const priorityWord = (value: unknown) => i18n.t(`priority.${String(value)}`, { defaultValue: String(value) });

/** A sentence for an SLA event, or null when the event is not one of the SLA engine's. */
export function describeSlaEvent(event: TicketEventView, nameOf: (id: string) => string): string | null {
  const d = event.data as Record<string, unknown>;
  if (event.type === 'sla_clock') {
    const entries = Array.isArray(d.entries) ? (d.entries as ClockEntry[]) : [];
    const due = d.due && typeof d.due === 'object' ? (d.due as Record<string, unknown>) : {};
    return entries.length ? entries.map((e) => clockLine(e, due)).join('; ') : i18n.t('sla.clocksUpdated');
  }
  if (event.type === 'sla_escalation') {
    const what = ESCALATION[String(d.action)]?.(d, nameOf) ?? String(d.action ?? '').replace(/_/g, ' ');
    const on = i18n.t(d.on === 'at_risk' ? 'sla.escalation.onAtRisk' : 'sla.escalation.onBreach');
    const metric = metricName(String(d.metric))?.toLowerCase();
    const after = Number(d.afterMinutes)
      ? i18n.t('sla.escalation.after', { minutes: Number(d.afterMinutes) })
      : '';
    const policy = d.policyName ? `, ${String(d.policyName)}` : '';
    return i18n.t('sla.escalation.line', {
      what,
      trigger: `${metric ? `${metric} ` : ''}${on}${after}${policy}`,
    });
  }
  return null;
}
