import type { TicketEventView } from '@switchboard/contracts';

/**
 * The SLA engine's ticket events (#5) as sentences: `sla_clock` carries the ledger entries of one
 * change (and the due time of each running clock), `sla_escalation` one escalation step that ran.
 */
const METRIC = {
  first_response: 'First response',
  next_response: 'Next response',
  resolution: 'Resolution',
} as Record<string, string>;

/** "Mon 09:55" in the viewer's time zone (the weekday matters for business-hours clocks). */
export function shortWhen(iso: unknown, locale?: string): string {
  const date = typeof iso === 'string' ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) return '';
  return date.toLocaleString(locale ?? [], { weekday: 'short', hour: '2-digit', minute: '2-digit' });
}

interface ClockEntry {
  metric?: string;
  action?: string;
  reason?: string;
}

function clockLine(e: ClockEntry, due: Record<string, unknown>): string {
  const metric = METRIC[e.metric ?? ''] ?? 'SLA';
  const dueAt = shortWhen(due[e.metric ?? '']);
  switch (e.action) {
    case 'start':
    case 'resume':
      return dueAt
        ? `${metric} due ${dueAt}`
        : `${metric} clock ${e.action === 'start' ? 'started' : 'resumed'}`;
    case 'pause':
      return `${metric} clock paused${e.reason ? ` (${e.reason})` : ''}`;
    case 'achieve':
      return `${metric} met`;
    case 'stop':
      return `${metric} clock stopped${e.reason ? ` (${e.reason})` : ''}`;
    case 'warn':
      return `${metric} at risk${dueAt ? `, due ${dueAt}` : ''}`;
    case 'breach':
      return `${metric}: Breached`;
    default:
      return `${metric}: ${e.action ?? 'clock changed'}`;
  }
}

const ESCALATION: Record<string, (d: Record<string, unknown>, nameOf: (id: string) => string) => string> = {
  notify_assignee: (d) =>
    d.notified && typeof d.notified === 'object' && 'assigneeId' in d.notified
      ? 'assignee notified'
      : 'team notified (no assignee)',
  notify_supervisors: () => 'supervisors notified',
  raise_priority: (d) =>
    d.from === d.to
      ? `priority already ${String(d.to)}`
      : `priority raised${d.to ? ` to ${String(d.to)}` : ''}`,
  reassign_team: (d, nameOf) => `reassigned to team ${d.toTeamId ? nameOf(String(d.toTeamId)) : ''}`.trim(),
};

/** A sentence for an SLA event, or null when the event is not one of the SLA engine's. */
export function describeSlaEvent(event: TicketEventView, nameOf: (id: string) => string): string | null {
  const d = event.data as Record<string, unknown>;
  if (event.type === 'sla_clock') {
    const entries = Array.isArray(d.entries) ? (d.entries as ClockEntry[]) : [];
    const due = d.due && typeof d.due === 'object' ? (d.due as Record<string, unknown>) : {};
    return entries.length ? entries.map((e) => clockLine(e, due)).join('; ') : 'SLA clocks updated';
  }
  if (event.type === 'sla_escalation') {
    const what = ESCALATION[String(d.action)]?.(d, nameOf) ?? String(d.action ?? '').replace(/_/g, ' ');
    const when = d.on === 'at_risk' ? 'at risk' : 'breach';
    const metric = METRIC[String(d.metric)]?.toLowerCase();
    const after = Number(d.afterMinutes) ? ` + ${Number(d.afterMinutes)} min` : '';
    return `Escalated: ${what} (${metric ? `${metric} ` : ''}${when}${after}${d.policyName ? `, ${String(d.policyName)}` : ''})`;
  }
  return null;
}
