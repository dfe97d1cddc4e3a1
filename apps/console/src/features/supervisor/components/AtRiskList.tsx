import type { SlaSummaryView } from '@switchboard/contracts';
import { formatCountdown } from '../../sla/components/SlaCountdown';
import { useNow } from '../../sla/hooks/useNow';
import { channelName } from '../../../lib/channel-names';

/** Tickets at risk or breached, soonest due first, each with a live countdown and which of the two it is. */
export function AtRiskList({
  items,
  onOpen,
}: {
  items: SlaSummaryView['atRisk'];
  onOpen: (ticketId: string) => void;
}) {
  const now = useNow(1000);
  if (items.length === 0)
    return <p className="empty-state sv-empty">Nothing needs attention: no ticket is at risk or breached.</p>;
  return (
    <ol className="at-risk-list" aria-label="Tickets at risk or breached">
      {items.map((t) => {
        const left = Date.parse(t.dueAt) - now;
        const breached = left <= 0;
        return (
          <li
            key={t.ticketId}
            data-testid="at-risk-row"
            className={breached ? 'at-risk-row is-breached' : 'at-risk-row'}
          >
            <span className={`badge sv-countdown ${breached ? 'sla-breached' : 'sla-at-risk'}`}>
              {breached ? `breached +${formatCountdown(left)}` : `due in ${formatCountdown(left)}`}
            </span>
            <button type="button" className="link-button at-risk-subject" onClick={() => onOpen(t.ticketId)}>
              <span className="at-risk-number">#{t.number}</span> {t.subject}
            </button>
            <span className="meta">
              <span className={`channel channel-${t.channel}`}>{channelName(t.channel)}</span>{' '}
              <span className={`badge priority-${t.priority}`}>{t.priority}</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
