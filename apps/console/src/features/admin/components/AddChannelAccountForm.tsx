import { useId, useState, type FormEvent } from 'react';
import { useTeams } from '../../tickets/hooks/useDirectory';
import { useCreateChannelAccount } from '../hooks/useChannelAccounts';
import { buildConfig, initialValues, type FieldValues } from '../lib/channel-config';
import { CHANNEL_KINDS, type ChannelKind } from '../lib/channel-kinds';
import { ChannelConfigFields } from './ChannelConfigFields';
import type { CreatedChannel } from './ChannelCreatedNotice';

/** Pick a kind, fill in what that kind needs, choose the team its tickets go to. */
export function AddChannelAccountForm({ onCreated }: { onCreated(created: CreatedChannel): void }) {
  const id = useId();
  const create = useCreateChannelAccount();
  const teams = useTeams().data ?? [];
  const [kind, setKind] = useState<ChannelKind>(CHANNEL_KINDS[0]);
  const [name, setName] = useState('');
  const [teamId, setTeamId] = useState('');
  const [values, setValues] = useState<FieldValues>(() => initialValues(CHANNEL_KINDS[0]));
  const [error, setError] = useState<string | null>(null);

  function chooseKind(next: string) {
    const found = CHANNEL_KINDS.find((k) => k.kind === next) ?? CHANNEL_KINDS[0];
    setKind(found);
    setValues(initialValues(found));
    setError(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setError('A channel needs a name, e.g. "Support mailbox".');
      return;
    }
    setError(null);
    try {
      const result = await create.mutateAsync({ kind: kind.kind, name: name.trim(), teamId: teamId || null, config: buildConfig(kind, values) });
      onCreated({ name: name.trim(), kind, result });
      setName('');
      setValues(initialValues(kind));
    } catch (cause) {
      // The API's 400 names the wrong field ("config.imap.port: …"): shown as it is.
      setError(cause instanceof Error ? cause.message : 'Adding the channel failed.');
    }
  }

  return (
    <form className="stack channel-form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Add a channel</h3>
      <label htmlFor={`${id}-kind`}>Kind</label>
      <select id={`${id}-kind`} value={kind.kind} onChange={(e) => chooseKind(e.target.value)}>
        {CHANNEL_KINDS.map((k) => (
          <option key={k.kind} value={k.kind}>
            {k.label}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-name`}>Name</label>
      <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} maxLength={120} aria-required />
      <label htmlFor={`${id}-team`}>Team</label>
      <select id={`${id}-team`} value={teamId} onChange={(e) => setTeamId(e.target.value)} aria-describedby={`${id}-team-help`}>
        <option value="">No team</option>
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
      <p id={`${id}-team-help`} className="muted">New tickets from this channel go to this team's queue.</p>
      <ChannelConfigFields kind={kind} values={values} onChange={(path, value) => setValues((v) => ({ ...v, [path]: value }))} />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add channel'}
        </button>
      </div>
    </form>
  );
}
