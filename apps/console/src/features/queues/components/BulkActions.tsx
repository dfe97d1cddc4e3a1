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
          <PickToApply
            label={t('bulk.setPriorityOfSelected')}
            prompt={t('bulk.setPriorityPrompt')}
            choices={PRIORITIES}
            nameOf={(priority) => t(`priority.${priority}`)}
            disabled={bulk.isPending}
            onPick={(priority: Priority) =>
              void run(t('bulk.priorityLabel', { priority: t(`priority.${priority}`) }), () => ({ priority }))
            }
          />
          <PickToApply
            label={t('bulk.setStatusOfSelected')}
            prompt={t('bulk.setStatusPrompt')}
            choices={STATUSES.filter((s) => s !== 'on_hold')}
            nameOf={(status) => t(`status.${status}`)}
            disabled={bulk.isPending}
            onPick={(status: TicketStatus) =>
              void run(t('bulk.statusLabel', { status: t(`status.${status}`) }), () => ({ status }))
            }
          />
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

/**
 * A select that acts as soon as something is picked and then shows its prompt again, so the same
 * choice can be applied to the next selection.
 */
function PickToApply<T extends string>({
  label,
  prompt,
  choices,
  nameOf,
  disabled,
  onPick,
}: {
  label: string;
  prompt: string;
  choices: readonly T[];
  nameOf(choice: T): string;
  disabled: boolean;
  onPick(choice: T): void;
}) {
  return (
    <Select
      label={label}
      hideLabel
      value=""
      disabled={disabled}
      onChange={(e) => {
        const choice = e.target.value as T;
        if (choice) onPick(choice);
      }}
    >
      <option value="">{prompt}</option>
      {choices.map((choice) => (
        <option key={choice} value={choice}>
          {nameOf(choice)}
        </option>
      ))}
    </Select>
  );
}
