import { useState } from 'react';
import type { Priority, TicketStatus, TicketView, UserView } from '@switchboard/contracts';
import { PRIORITIES, STATUSES } from '../../../lib/ticket-filters';
import { useTeams, useUsers } from '../../tickets/hooks/useDirectory';
import { useBulkUpdate } from '../hooks/useBulkUpdate';
import { useTranslation } from '../../../i18n';
import { BulkMacroPicker } from '../../macros/components/BulkMacroPicker';
import { Button } from '../../../components/Button';
import { Input } from '../../../components/Input';
import { Select } from '../../../components/Select';

interface Props {
  selected: TicketView[];
  me: Pick<UserView, 'id'>;
  onClear(): void;
}

/**
 * Assign (to me, an agent or a team), set priority or status, or add a tag on every selected
 * ticket; says which ones failed and why. The selection stays for the next action: tickets an
 * action moved out of this list drop out of it on their own.
 */
export function BulkActions({ selected, me, onClear }: Props) {
  const bulk = useBulkUpdate();
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  const agents = useUsers().data ?? [];
  const teams = useTeams().data ?? [];
  const [tag, setTag] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const ids = selected.map((t) => t.id);
  const tagsOf = new Map(selected.map((t) => [t.id, t.tags]));

  async function run(label: string, bodyFor: Parameters<typeof bulk.mutateAsync>[0]['bodyFor']) {
    setOutcome(null);
    const result = await bulk.mutateAsync({ ticketIds: ids, bodyFor });
    setFailed(result.failed.length > 0);
    if (result.failed.length === 0) {
      setOutcome(t('bulk.outcome', { label, updated: result.updated.length }));
    } else {
      const reasons = [...new Set(result.failed.map((f) => f.message))].join('; ');
      setOutcome(
        t('bulk.outcomeFailed', {
          label,
          updated: result.updated.length,
          failed: result.failed.length,
          reasons,
        }),
      );
    }
  }

  return (
    <div className="bulk-actions" role="toolbar" aria-label={t('bulk.toolbar')}>
      {ids.length > 0 && <strong>{t('bulk.selected', { count: ids.length })}</strong>}
      {ids.length > 0 && (
        <>
          <Button
            disabled={bulk.isPending}
            onClick={() => void run(t('bulk.assignToMe'), () => ({ assigneeId: me.id }))}
          >
            {t('bulk.assignToMe')}
          </Button>
          <Select
            label={t('bulk.assignSelectedTo')}
            hideLabel
            value=""
            disabled={bulk.isPending}
            onChange={(e) => {
              const [kind, id] = e.target.value.split(':');
              if (kind === 'agent') {
                const name = agents.find((a) => a.id === id)?.name ?? t('bulk.agent');
                void run(t('bulk.assignTo', { name }), () => ({ assigneeId: id }));
              } else if (kind === 'team') {
                const name = teams.find((t) => t.id === id)?.name ?? t('bulk.team');
                void run(t('bulk.moveTo', { name }), () => ({ teamId: id }));
              }
            }}
          >
            <option value="">{t('bulk.assignToPrompt')}</option>
            <optgroup label={t('bulk.agents')}>
              {agents.map((a) => (
                <option key={a.id} value={`agent:${a.id}`}>
                  {a.name}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('bulk.teams')}>
              {teams.map((t) => (
                <option key={t.id} value={`team:${t.id}`}>
                  {t.name}
                </option>
              ))}
            </optgroup>
          </Select>
          <Select
            label={t('bulk.setPriorityOfSelected')}
            hideLabel
            value=""
            disabled={bulk.isPending}
            onChange={(e) => {
              const priority = e.target.value as Priority;
              if (priority)
                void run(t('bulk.priorityLabel', { priority: t(`priority.${priority}`) }), () => ({
                  priority,
                }));
            }}
          >
            <option value="">{t('bulk.setPriorityPrompt')}</option>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </Select>
          <Select
            label={t('bulk.setStatusOfSelected')}
            hideLabel
            value=""
            disabled={bulk.isPending}
            onChange={(e) => {
              const status = e.target.value as TicketStatus;
              if (status)
                void run(t('bulk.statusLabel', { status: t(`status.${status}`) }), () => ({ status }));
            }}
          >
            <option value="">{t('bulk.setStatusPrompt')}</option>
            {STATUSES.filter((s) => s !== 'on_hold').map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </Select>
          <Input
            label={t('bulk.tagForSelected')}
            hideLabel
            placeholder={t('bulk.tag')}
            value={tag}
            onChange={(e) => setTag(e.target.value)}
          />
          <Button
            disabled={bulk.isPending || !tag.trim()}
            onClick={() => {
              const value = tag.trim();
              void run(t('bulk.tagLabel', { tag: value }), (id) => ({
                tags: [...new Set([...(tagsOf.get(id) ?? []), value])],
              })).then(() => setTag(''));
            }}
          >
            {t('bulk.addTag')}
          </Button>
          <BulkMacroPicker ticketIds={ids} />
          <Button className="link-button" onClick={onClear}>
            {t('bulk.clearSelection')}
          </Button>
        </>
      )}
      {outcome && (
        <span role="status" className={failed ? 'form-error' : 'muted'}>
          {outcome}
        </span>
      )}
    </div>
  );
}
