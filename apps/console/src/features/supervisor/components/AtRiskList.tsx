import type { SlaSummaryView } from '@switchboard/contracts';
import { formatCountdown } from '../../sla/components/SlaCountdown';
import { useNow } from '../../sla/hooks/useNow';
import { channelName } from '../../../lib/channel-names';
import { useTranslation } from '../../../i18n';
import { Button } from '../../../components/Button';

/** Tickets at risk or breached, soonest due first, each with a live countdown and which of the two it is. */
export function AtRiskList({
  items,
  onOpen,
}: {
  items: SlaSummaryView['atRisk'];
  onOpen: (ticketId: string) => void;
}) {
  const now = useNow(1000);
  const { t } = useTranslation();
  if (items.length === 0)
    return <p className="empty-state sv-empty">{t('supervisor.nothingNeedsAttention')}</p>;
  return (
    <ol className="at-risk-list" aria-label={t('supervisor.atRiskList')}>
      {items.map((item) => {
        const left = Date.parse(item.dueAt) - now;
        const breached = left <= 0;
        return (
          <li
            key={item.ticketId}
            data-testid="at-risk-row"
            className={breached ? 'at-risk-row is-breached' : 'at-risk-row'}
          >
            <span className={`badge sv-countdown ${breached ? 'sla-breached' : 'sla-at-risk'}`}>
              {breached
                ? t('supervisor.breachedFor', { span: formatCountdown(left) })
                : t('supervisor.dueIn', { span: formatCountdown(left) })}
            </span>
            <Button className="link-button at-risk-subject" onClick={() => onOpen(item.ticketId)}>
              <span className="at-risk-number">#{item.number}</span> {item.subject}
            </Button>
            <span className="meta">
              <span className={`channel channel-${item.channel}`}>{channelName(item.channel)}</span>{' '}
              <span className={`badge priority-${item.priority}`}>{t(`priority.${item.priority}`)}</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
