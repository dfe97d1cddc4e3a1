import { useId, useState } from 'react';
import type { UserView } from '@switchboard/contracts';
import { Dialog } from '../../../components/Dialog';

/**
 * A ticket is solved by someone: when it has no assignee, the agent says who (themselves by
 * default), so reports credit the right person.
 */
export function SolvedByDialog({
  ticketNumber,
  agents,
  meId,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  ticketNumber: number;
  agents: UserView[];
  meId: string;
  busy: boolean;
  error: string | null;
  onConfirm(assigneeId: string): void;
  onCancel(): void;
}) {
  const id = useId();
  const [chosen, setChosen] = useState(meId);
  const people = [...agents].sort((a, b) =>
    a.id === meId ? -1 : b.id === meId ? 1 : a.name.localeCompare(b.name),
  );
  return (
    <Dialog title={`Who solved #${ticketNumber}?`} onClose={onCancel} describedBy={`${id}-why`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm(chosen);
        }}
      >
        <p id={`${id}-why`} className="muted">
          Nobody is assigned to this ticket. The person who solved it is recorded as its assignee.
        </p>
        <fieldset className="solved-by">
          <legend>Solved by</legend>
          {people.map((agent) => (
            <label key={agent.id} className="radio-row">
              <input
                type="radio"
                name={`${id}-agent`}
                value={agent.id}
                checked={chosen === agent.id}
                onChange={() => setChosen(agent.id)}
              />
              {agent.id === meId ? `${agent.name} (me)` : agent.name}
            </label>
          ))}
        </fieldset>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Mark solved'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
