import { useState } from 'react';
import type { Priority, TicketStatus, TicketView, UserView } from '@switchboard/contracts';
import { PRIORITIES, STATUSES } from '../../../lib/ticket-filters';
import { useTeams, useUsers } from '../../tickets/hooks/useDirectory';
import { useBulkUpdate } from '../hooks/useBulkUpdate';

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
  const agents = useUsers().data ?? [];
  const teams = useTeams().data ?? [];
  const [tag, setTag] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const ids = selected.map((t) => t.id);
  const tagsOf = new Map(selected.map((t) => [t.id, t.tags]));

  async function run(label: string, bodyFor: Parameters<typeof bulk.mutateAsync>[0]['bodyFor']) {
    setOutcome(null);
    const result = await bulk.mutateAsync({ ticketIds: ids, bodyFor });
    if (result.failed.length === 0) {
      setOutcome(`${label}: ${result.updated.length} updated.`);
    } else {
      const reasons = [...new Set(result.failed.map((f) => f.message))].join('; ');
      setOutcome(`${label}: ${result.updated.length} updated, ${result.failed.length} failed — ${reasons}`);
    }
  }

  return (
    <div className="bulk-actions" role="toolbar" aria-label="Bulk actions">
      {ids.length > 0 && <strong>{ids.length} selected</strong>}
      {ids.length > 0 && (
        <>
          <button
            type="button"
            disabled={bulk.isPending}
            onClick={() => void run('Assign to me', () => ({ assigneeId: me.id }))}
          >
            Assign to me
          </button>
          <select
            aria-label="Assign selected to"
            value=""
            disabled={bulk.isPending}
            onChange={(e) => {
              const [kind, id] = e.target.value.split(':');
              if (kind === 'agent') {
                const name = agents.find((a) => a.id === id)?.name ?? 'agent';
                void run(`Assign to ${name}`, () => ({ assigneeId: id }));
              } else if (kind === 'team') {
                const name = teams.find((t) => t.id === id)?.name ?? 'team';
                void run(`Move to ${name}`, () => ({ teamId: id }));
              }
            }}
          >
            <option value="">Assign to…</option>
            <optgroup label="Agents">
              {agents.map((a) => (
                <option key={a.id} value={`agent:${a.id}`}>
                  {a.name}
                </option>
              ))}
            </optgroup>
            <optgroup label="Teams">
              {teams.map((t) => (
                <option key={t.id} value={`team:${t.id}`}>
                  {t.name}
                </option>
              ))}
            </optgroup>
          </select>
          <select
            aria-label="Set priority of selected"
            value=""
            disabled={bulk.isPending}
            onChange={(e) => {
              const priority = e.target.value as Priority;
              if (priority) void run(`Priority ${priority}`, () => ({ priority }));
            }}
          >
            <option value="">Set priority…</option>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
          <select
            aria-label="Set status of selected"
            value=""
            disabled={bulk.isPending}
            onChange={(e) => {
              const status = e.target.value as TicketStatus;
              if (status) void run(`Status ${status.replace('_', ' ')}`, () => ({ status }));
            }}
          >
            <option value="">Set status…</option>
            {STATUSES.filter((s) => s !== 'on_hold').map((s) => (
              <option key={s} value={s}>
                {s.replace('_', ' ')}
              </option>
            ))}
          </select>
          <input
            aria-label="Tag for selected"
            placeholder="Tag"
            value={tag}
            onChange={(e) => setTag(e.target.value)}
          />
          <button
            type="button"
            disabled={bulk.isPending || !tag.trim()}
            onClick={() => {
              const value = tag.trim();
              void run(`Tag "${value}"`, (id) => ({
                tags: [...new Set([...(tagsOf.get(id) ?? []), value])],
              })).then(() => setTag(''));
            }}
          >
            Add tag
          </button>
          <button type="button" className="link-button" onClick={onClear}>
            Clear selection
          </button>
        </>
      )}
      {outcome && (
        <span role="status" className={outcome.includes('failed') ? 'form-error' : 'muted'}>
          {outcome}
        </span>
      )}
    </div>
  );
}
