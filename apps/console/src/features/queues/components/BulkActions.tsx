import { useState } from 'react';
import type { TicketStatus, TicketView, UserView } from '@switchboard/contracts';
import { STATUSES } from '../../../lib/ticket-filters';
import { useBulkUpdate } from '../hooks/useBulkUpdate';

interface Props {
  selected: TicketView[];
  me: Pick<UserView, 'id'>;
  onClear(): void;
}

/** Assign, set status or add a tag on every selected ticket; says which ones failed and why. */
export function BulkActions({ selected, me, onClear }: Props) {
  const bulk = useBulkUpdate();
  const [tag, setTag] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const ids = selected.map((t) => t.id);
  const tagsOf = new Map(selected.map((t) => [t.id, t.tags]));

  async function run(label: string, bodyFor: Parameters<typeof bulk.mutateAsync>[0]['bodyFor']) {
    setOutcome(null);
    const result = await bulk.mutateAsync({ ticketIds: ids, bodyFor });
    if (result.failed.length === 0) {
      setOutcome(`${label}: ${result.updated.length} updated.`);
      onClear();
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
