import type { TicketView } from '@switchboard/contracts';
import { dueIn } from '../../../lib/format';

const AT_RISK_MS = 60 * 60_000;

/** The nearest SLA due time of the ticket, coloured by how close it is. */
export function SlaBadge({ sla, status, now = Date.now() }: { sla: TicketView['sla'] | undefined; status: TicketView['status']; now?: number }) {
  if (!sla || status === 'solved' || status === 'closed') return null;
  if (sla.breachedAt) return <span className="badge sla-breached">SLA breached</span>;
  const due = [sla.firstResponseDueAt, sla.resolutionDueAt].filter((d): d is string => Boolean(d)).sort()[0];
  if (!due) return null;
  const left = Date.parse(due) - now;
  const state = left < 0 ? 'breached' : left < AT_RISK_MS ? 'at-risk' : 'on-track';
  const label = left < 0 ? `SLA overdue ${dueIn(due, now)}` : `SLA due ${dueIn(due, now)}`;
  return (
    <span className={`badge sla-${state}`} title={new Date(due).toLocaleString()}>
      {label}
    </span>
  );
}
