import type { UserView } from '@switchboard/contracts';
import { queueLabel, type QueueId } from '../../../lib/ticket-filters';
import { useQueueCounts } from '../hooks/useQueueCounts';

export function queuesFor(me: Pick<UserView, 'role' | 'teamIds'>): QueueId[] {
  const queues: QueueId[] = ['mine', 'unassigned', ...me.teamIds.map((id) => `team:${id}` as QueueId)];
  if (me.role === 'supervisor' || me.role === 'admin') queues.push('all');
  return queues;
}

interface Props {
  me: Pick<UserView, 'role' | 'teamIds'>;
  active: QueueId;
  onSelect(queue: QueueId): void;
  teamName(id: string): string;
}

export function QueueSidebar({ me, active, onSelect, teamName }: Props) {
  const queues = queuesFor(me);
  const counts = useQueueCounts(queues);
  const teamQueues = queues.filter((q) => q.startsWith('team:'));

  const item = (queue: QueueId) => {
    const count = counts[queue];
    const label = queueLabel(queue, teamName);
    return (
      <li key={queue}>
        <button
          type="button"
          className="queue-link"
          aria-current={queue === active ? 'page' : undefined}
          onClick={() => onSelect(queue)}
          title={count ? `${label}: ${count.count}${count.more ? ' or more' : ''} open tickets` : undefined}
        >
          <span>{label}</span>
          {count && (
            <span className="count" data-testid={`count-${queue}`}>
              {count.count}
              {count.more ? '+' : ''}
            </span>
          )}
        </button>
      </li>
    );
  };

  return (
    <nav className="queues" aria-label="Queues">
      <h2 className="section-title">Queues</h2>
      <ul>
        {item('mine')}
        {item('unassigned')}
      </ul>
      {teamQueues.length > 0 && (
        <>
          <h3 className="section-title">My teams</h3>
          <ul>{teamQueues.map(item)}</ul>
        </>
      )}
      {queues.includes('all') && <ul>{item('all')}</ul>}
    </nav>
  );
}
