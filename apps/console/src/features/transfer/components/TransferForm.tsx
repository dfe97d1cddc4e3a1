import { en } from '../../../i18n/en';
import { useTranslation } from '../../../i18n';
import { useState, type FormEvent } from 'react';
import type { TransferBody, UserView } from '@switchboard/contracts';
import { composeHandoffNote } from '../api/transfer-api';
import { SummarizeButton } from '../../assist/components/SummarizeButton';
import { useTransferTicket } from '../hooks/useTransferTicket';
import { Button } from '../../../components/Button';
import { TextArea } from '../../../components/Input';
import { Select } from '../../../components/Select';
import { Radio } from '../../../components/Choice';

interface Props {
  ticketId: string;
  meId: string;
  agents: Pick<UserView, 'id' | 'name'>[];
  teams: { id: string; name: string }[];
  onDone(): void;
  onCancel(): void;
  /** AI assist is on for this ticket: offer "Summarize" to fill in the handoff note. */
  assist?: boolean;
}

/** The English sentence, for tests; the form shows the agent's language. */
export const HANDOFF_NOTE_REQUIRED = en.transfer.noteRequired;

/** Hands a ticket to an agent or a team, only with a note the receiver reads first. */
export function TransferForm({ ticketId, meId, agents, teams, onDone, onCancel, assist = false }: Props) {
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
  // One picker serves both targets; each keeps its own choice while the agent switches between them.
  const picker =
    target === 'agent'
      ? {
          label: t('transfer.agent'),
          placeholder: t('transfer.chooseAgent'),
          options: colleagues,
          value: agentId,
          choose: setAgentId,
        }
      : {
          label: t('transfer.team'),
          placeholder: t('transfer.chooseTeam'),
          options: teams,
          value: teamId,
          choose: setTeamId,
        };
  /** The handoff note's three questions, in the order the receiver reads them. */
  const noteParts = [
    { id: 'handoff-wants', label: t('transfer.wants'), value: wants, onChange: setWants },
    { id: 'handoff-tried', label: t('transfer.tried'), value: tried, onChange: setTried },
    { id: 'handoff-next', label: t('transfer.next'), value: next, onChange: setNext },
  ];

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
        {(['agent', 'team'] as const).map((kind) => (
          <Radio
            key={kind}
            name="transfer-target"
            label={kind === 'agent' ? t('transfer.anAgent') : t('transfer.aTeam')}
            checked={target === kind}
            onChange={() => setTarget(kind)}
          />
        ))}
      </fieldset>
      <Select
        label={picker.label}
        id={`transfer-${target}`}
        value={picker.value}
        onChange={(e) => picker.choose(e.target.value)}
      >
        <option value="">{picker.placeholder}</option>
        {picker.options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.name}
          </option>
        ))}
      </Select>
      {assist && (
        <SummarizeButton
          ticketId={ticketId}
          onSummary={(summary) => {
            setWants(summary.parts?.customerWants || summary.text);
            setTried(summary.parts?.tried ?? '');
            setNext(summary.parts?.next ?? '');
          }}
        />
      )}
      {noteParts.map((part) => (
        <TextArea
          key={part.id}
          label={part.label}
          id={part.id}
          rows={2}
          value={part.value}
          onChange={(e) => part.onChange(e.target.value)}
        />
      ))}
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
