import { useId, useState } from 'react';
import type { AdminUserView } from '@switchboard/contracts';
import { ConfirmDialog } from '../../../components/ConfirmDialog';

/**
 * Disabling asks where the person's open tickets go, so none is left with someone who cannot
 * sign in: back to their team's queue (the default), or to another active agent.
 */
export function PeopleDisableDialog({
  person,
  colleagues,
  onDisable,
  onCancel,
}: {
  person: AdminUserView;
  /** Active people who can take the tickets over (the person themself excluded). */
  colleagues: AdminUserView[];
  onDisable(reassignToAgentId: string | null): Promise<unknown>;
  onCancel(): void;
}) {
  const id = useId();
  const [target, setTarget] = useState<'queue' | 'agent'>('queue');
  const [agentId, setAgentId] = useState(colleagues[0]?.id ?? '');

  return (
    <ConfirmDialog
      title={`Disable ${person.name}?`}
      message={<p>They are signed out at once and cannot sign in until an admin enables them again.</p>}
      confirmLabel="Disable"
      danger
      onCancel={onCancel}
      onConfirm={() => onDisable(target === 'agent' && agentId ? agentId : null)}
    >
      <fieldset className="stack">
        <legend>Their open tickets</legend>
        <label className="checkbox">
          <input
            type="radio"
            name={`${id}-target`}
            checked={target === 'queue'}
            onChange={() => setTarget('queue')}
          />
          Back to their team&apos;s queue
        </label>
        <label className="checkbox">
          <input
            type="radio"
            name={`${id}-target`}
            checked={target === 'agent'}
            disabled={colleagues.length === 0}
            onChange={() => setTarget('agent')}
          />
          To another agent
        </label>
        {target === 'agent' && (
          <>
            <label htmlFor={`${id}-agent`}>Agent</label>
            <select id={`${id}-agent`} value={agentId} onChange={(e) => setAgentId(e.target.value)}>
              {colleagues.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </>
        )}
      </fieldset>
    </ConfirmDialog>
  );
}
