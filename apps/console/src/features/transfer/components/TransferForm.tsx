import { useState, type FormEvent } from 'react';
import type { TransferBody, UserView } from '@switchboard/contracts';
import { composeHandoffNote } from '../api/transfer-api';
import { useTransferTicket } from '../hooks/useTransferTicket';

interface Props {
  ticketId: string;
  meId: string;
  agents: Pick<UserView, 'id' | 'name'>[];
  teams: { id: string; name: string }[];
  onDone(): void;
  onCancel(): void;
}

export const HANDOFF_NOTE_REQUIRED =
  'A handoff note is required: say what the customer wants, what was tried and what comes next, so they never repeat themselves.';

/** Hands a ticket to an agent or a team, only with a note the receiver reads first. */
export function TransferForm({ ticketId, meId, agents, teams, onDone, onCancel }: Props) {
  const [target, setTarget] = useState<'agent' | 'team'>('agent');
  const [agentId, setAgentId] = useState('');
  const [teamId, setTeamId] = useState('');
  const [wants, setWants] = useState('');
  const [tried, setTried] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<string | null>(null);
  const transfer = useTransferTicket(ticketId);
  const colleagues = agents.filter((a) => a.id !== meId);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const to = target === 'agent' ? agentId : teamId;
    if (!to) {
      setError(target === 'agent' ? 'Choose the agent who takes over.' : 'Choose the team that takes over.');
      return;
    }
    const note = composeHandoffNote({ wants, tried, next });
    if (!note) {
      setError(HANDOFF_NOTE_REQUIRED);
      return;
    }
    const body: TransferBody = target === 'agent' ? { toAgentId: to, note } : { toTeamId: to, note };
    setError(null);
    try {
      await transfer.mutateAsync(body);
      onDone();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : 'The transfer failed.');
    }
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <fieldset className="radio-row">
        <legend>Transfer to</legend>
        <label className="checkbox">
          <input
            type="radio"
            name="transfer-target"
            checked={target === 'agent'}
            onChange={() => setTarget('agent')}
          />{' '}
          An agent
        </label>
        <label className="checkbox">
          <input
            type="radio"
            name="transfer-target"
            checked={target === 'team'}
            onChange={() => setTarget('team')}
          />{' '}
          A team
        </label>
      </fieldset>
      {target === 'agent' ? (
        <>
          <label htmlFor="transfer-agent">Agent</label>
          <select id="transfer-agent" value={agentId} onChange={(e) => setAgentId(e.target.value)}>
            <option value="">Choose an agent…</option>
            {colleagues.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </>
      ) : (
        <>
          <label htmlFor="transfer-team">Team</label>
          <select id="transfer-team" value={teamId} onChange={(e) => setTeamId(e.target.value)}>
            <option value="">Choose a team…</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </>
      )}
      <label htmlFor="handoff-wants">What does the customer want?</label>
      <textarea id="handoff-wants" rows={2} value={wants} onChange={(e) => setWants(e.target.value)} />
      <label htmlFor="handoff-tried">What was tried?</label>
      <textarea id="handoff-tried" rows={2} value={tried} onChange={(e) => setTried(e.target.value)} />
      <label htmlFor="handoff-next">What comes next?</label>
      <textarea id="handoff-next" rows={2} value={next} onChange={(e) => setNext(e.target.value)} />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={transfer.isPending}>
          {transfer.isPending ? 'Transferring…' : 'Transfer'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
