import type { SavedViewView, UserView } from '@switchboard/contracts';
import { queueLabel, STATUS_QUEUES, type QueueId, type TicketFilters } from '../../../lib/ticket-filters';
import { useQueueCounts } from '../hooks/useQueueCounts';
import { useSavedViews } from '../hooks/useSavedViews';
import { SavedViewActions } from './SavedViewActions';
import { SaveViewForm } from './SaveViewForm';
import { useTranslation } from '../../../i18n';
import { Button } from '../../../components/Button';

export function queuesFor(me: Pick<UserView, 'role' | 'teamIds'>): QueueId[] {
  const queues: QueueId[] = [
    'mine',
    'unassigned',
    'mentions',
    ...STATUS_QUEUES,
    ...me.teamIds.map((id) => `team:${id}` as QueueId),
  ];
  if (me.role === 'supervisor' || me.role === 'admin') queues.push('all');
  return queues;
}

interface Props {
  me: Pick<UserView, 'role' | 'teamIds'>;
  active: QueueId;
  onSelect(queue: QueueId): void;
  teamName(id: string): string;
  /** With these, saved views are listed and the current filters can be saved as one. */
  filters?: TicketFilters;
  onSelectView?(view: SavedViewView): void;
}

interface Entry {
  queue: QueueId;
  label: string;
  count?: { count: number; more: boolean };
}

function QueueLink({ entry, active, onSelect }: { entry: Entry; active: boolean; onSelect(): void }) {
  const { queue, label, count } = entry;
  const { t } = useTranslation();
  return (
    <Button
      className="queue-link"
      aria-current={active ? 'page' : undefined}
      onClick={onSelect}
      title={
        count
          ? t(count.more ? 'queues.linkTitleMore' : 'queues.linkTitle', { label, count: count.count })
          : undefined
      }
    >
      <span>{label}</span>
      {count && (
        <span className="count" data-testid={`count-${queue}`}>
          {count.count}
          {count.more ? '+' : ''}
        </span>
      )}
    </Button>
  );
}

/** Queues, status views, my teams and saved views, each with a live count. */
export function QueueSidebar({ me, active, onSelect, teamName, filters, onSelectView }: Props) {
  const queues = queuesFor(me);
  const counts = useQueueCounts(queues);
  const views = useSavedViews();
  const { t } = useTranslation();
  const teamQueues = queues.filter((q) => q.startsWith('team:'));

  const item = (queue: QueueId) => (
    <li key={queue}>
      <QueueLink
        entry={{ queue, label: queueLabel(queue, teamName), count: counts[queue] }}
        active={queue === active}
        onSelect={() => onSelect(queue)}
      />
    </li>
  );

  return (
    <nav className="queues" aria-label={t('queues.queues')}>
      <h2 className="section-title">{t('queues.queues')}</h2>
      <ul>
        {item('mine')}
        {item('unassigned')}
        {item('mentions')}
      </ul>
      <h3 className="section-title">{t('queues.byStatus')}</h3>
      <ul>{STATUS_QUEUES.map(item)}</ul>
      {teamQueues.length > 0 && (
        <>
          <h3 className="section-title">{t('queues.myTeams')}</h3>
          <ul>{teamQueues.map(item)}</ul>
        </>
      )}
      {queues.includes('all') && <ul>{item('all')}</ul>}
      <ul>
        <li>
          <a className="queue-link" href="#/spam">
            <span>{t('spam.nav')}</span>
          </a>
        </li>
      </ul>
      {onSelectView && (
        <>
          <h3 className="section-title">{t('queues.views')}</h3>
          <ul aria-label={t('queues.savedViews')}>
            {(views.data ?? []).map((view) => {
              const queue = `view:${view.id}` as QueueId;
              return (
                <li key={view.id} className="saved-view">
                  <QueueLink
                    entry={{
                      queue,
                      label: view.shared ? t('queues.sharedView', { name: view.name }) : view.name,
                      count: { count: view.count, more: false },
                    }}
                    active={queue === active}
                    onSelect={() => onSelectView(view)}
                  />
                  {view.editable && (
                    <SavedViewActions view={view} onDeleted={() => queue === active && onSelect('mine')} />
                  )}
                </li>
              );
            })}
          </ul>
          {filters && <SaveViewForm me={me} filters={filters} onSaved={onSelectView} />}
        </>
      )}
    </nav>
  );
}
