import { en } from '../../../i18n/en';
import { useTranslation } from '../../../i18n';
import { useState, type FormEvent } from 'react';
import type { TransferBody, UserView } from '@switchboard/contracts';
import { composeHandoffNote } from '../api/transfer-api';
import { useTransferTicket } from '../hooks/useTransferTicket';
import { Button } from '../../../components/Button';
import { TextArea } from '../../../components/Input';
import { Select } from '../../../components/Select';

interface Props {
  ticketId: string;
  meId: string;
  agents: Pick<UserView, 'id' | 'name'>[];
  teams: { id: string; name: string }[];
  onDone(): void;
  onCancel(): void;
}

/** The English sentence, for tests; the form shows the agent's language. */
export const HANDOFF_NOTE_REQUIRED = en.transfer.noteRequired;

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
  const { t } = useTranslation();
  const colleagues = agents.filter((a) => a.id !== meId);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const to = target === 'agent' ? agentId : teamId;
    if (!to) {
      setError(target === 'agent' ? t('transfer.chooseAgentError') : t('transfer.chooseTeamError'));
      return;
    }
    const note = composeHandoffNote({ wants, tried, next });
    if (!note) {
      setError(t('transfer.noteRequired'));
      return;
    }
    const body: TransferBody = target === 'agent' ? { toAgentId: to, note } : { toTeamId: to, note };
    setError(null);
    try {
      await transfer.mutateAsync(body);
      onDone();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : t('transfer.failed'));
    }
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <fieldset className="radio-row">
        <legend>{t('transfer.transferTo')}</legend>
        <label className="checkbox">
          <input
            type="radio"
            name="transfer-target"
            checked={target === 'agent'}
            onChange={() => setTarget('agent')}
          />{' '}
          {t('transfer.anAgent')}
        </label>
        <label className="checkbox">
          <input
            type="radio"
            name="transfer-target"
            checked={target === 'team'}
            onChange={() => setTarget('team')}
          />{' '}
          {t('transfer.aTeam')}
        </label>
      </fieldset>
      {target === 'agent' ? (
        <>
          <Select
            label={t('transfer.agent')}
            id="transfer-agent"
            value={agentId}
            onChange={(e) => setAgentId(e.target.value)}
          >
            <option value="">{t('transfer.chooseAgent')}</option>
            {colleagues.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </Select>
        </>
      ) : (
        <>
          <Select
            label={t('transfer.team')}
            id="transfer-team"
            value={teamId}
            onChange={(e) => setTeamId(e.target.value)}
          >
            <option value="">{t('transfer.chooseTeam')}</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </Select>
        </>
      )}
      <TextArea
        label={t('transfer.wants')}
        id="handoff-wants"
        rows={2}
        value={wants}
        onChange={(e) => setWants(e.target.value)}
      />
      <TextArea
        label={t('transfer.tried')}
        id="handoff-tried"
        rows={2}
        value={tried}
        onChange={(e) => setTried(e.target.value)}
      />
      <TextArea
        label={t('transfer.next')}
        id="handoff-next"
        rows={2}
        value={next}
        onChange={(e) => setNext(e.target.value)}
      />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <Button type="submit" variant="primary" disabled={transfer.isPending}>
          {transfer.isPending ? t('transfer.transferring') : t('transfer.transfer')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}
