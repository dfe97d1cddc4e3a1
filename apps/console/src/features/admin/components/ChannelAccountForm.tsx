import { useId, useState, type FormEvent } from 'react';
import type {
  ChannelAccountView,
  CreateChannelAccountBody,
  UpdateChannelAccountBody,
} from '@switchboard/contracts';
import { useTeams } from '../../tickets/hooks/useDirectory';
import {
  buildConfig,
  buildConfigPatch,
  initialValues,
  valuesFromConfig,
  type FieldValues,
} from '../lib/channel-config';
import { CHANNEL_KINDS, channelKind, type ChannelKind } from '../lib/channel-kinds';
import { ChannelConfigFields } from './ChannelConfigFields';
import { ChannelEmbedSnippet } from './ChannelEmbedSnippet';

interface ChannelAccountFormProps {
  /** The stored account being edited; absent when adding one. */
  account?: ChannelAccountView;
  pending: boolean;
  /** Creates or updates; rejects with the API's message (a 400 names the field). */
  onCreate?(body: CreateChannelAccountBody): Promise<void>;
  onUpdate?(body: UpdateChannelAccountBody): Promise<void>;
  onCancel?(): void;
}

/**
 * Pick a kind, fill in what that kind needs, choose the team its tickets go to. Editing starts
 * from the stored values without credentials and sends only what the admin changed.
 */
export function ChannelAccountForm({
  account,
  pending,
  onCreate,
  onUpdate,
  onCancel,
}: ChannelAccountFormProps) {
  const id = useId();
  const teams = useTeams().data ?? [];
  const editing = account !== undefined;
  const [kind, setKind] = useState<ChannelKind>(
    () => (account && channelKind(account.kind)) || CHANNEL_KINDS[0],
  );
  const [stored] = useState<FieldValues>(() =>
    account ? valuesFromConfig(kind, account.config) : initialValues(kind),
  );
  const [name, setName] = useState(account?.name ?? '');
  const [teamId, setTeamId] = useState(account?.teamId ?? '');
  const [values, setValues] = useState<FieldValues>(stored);
  const [error, setError] = useState<string | null>(null);

  function chooseKind(next: string) {
    const found = channelKind(next) ?? CHANNEL_KINDS[0];
    setKind(found);
    setValues(initialValues(found));
    setError(null);
  }

  function updateBody(): UpdateChannelAccountBody {
    const config = buildConfigPatch(kind, stored, values);
    return {
      ...(name.trim() !== account!.name ? { name: name.trim() } : {}),
      ...((teamId || null) !== account!.teamId ? { teamId: teamId || null } : {}),
      ...(Object.keys(config).length ? { config } : {}),
    };
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setError('A channel needs a name, e.g. "Support mailbox".');
      return;
    }
    setError(null);
    try {
      if (editing) await onUpdate!(updateBody());
      else {
        await onCreate!({
          kind: kind.kind,
          name: name.trim(),
          teamId: teamId || null,
          config: buildConfig(kind, values),
        });
        setName('');
        setValues(initialValues(kind));
      }
    } catch (cause) {
      // The API's 400 names the wrong field ("config.imap.port: …"): shown as it is.
      setError(cause instanceof Error ? cause.message : 'Saving the channel failed.');
    }
  }

  const heading = editing ? `Edit ${account.name}` : 'Add a channel';
  return (
    <form className="stack channel-form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{heading}</h3>
      {editing && kind.embedsWidget && <ChannelEmbedSnippet accountId={account.id} />}
      <label htmlFor={`${id}-kind`}>Kind</label>
      <select
        id={`${id}-kind`}
        value={kind.kind}
        onChange={(e) => chooseKind(e.target.value)}
        disabled={editing}
      >
        {CHANNEL_KINDS.map((k) => (
          <option key={k.kind} value={k.kind}>
            {k.label}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-name`}>Name</label>
      <input
        id={`${id}-name`}
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={120}
        aria-required
      />
      <label htmlFor={`${id}-team`}>Team</label>
      <select
        id={`${id}-team`}
        value={teamId}
        onChange={(e) => setTeamId(e.target.value)}
        aria-describedby={`${id}-team-help`}
      >
        <option value="">No team</option>
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
      <p id={`${id}-team-help`} className="muted">
        New tickets from this channel go to this team's queue.
      </p>
      <ChannelConfigFields
        kind={kind}
        values={values}
        editing={editing}
        onChange={(path, value) => setValues((v) => ({ ...v, [path]: value }))}
      />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={pending}>
          {editing ? (pending ? 'Saving…' : 'Save changes') : pending ? 'Adding…' : 'Add channel'}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
