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
import { channelKind, channelKinds, type ChannelKind } from '../lib/channel-kinds';
import { ChannelConfigFields } from './ChannelConfigFields';
import { ChannelEmbedSnippet } from './ChannelEmbedSnippet';
import { useTranslation } from '../../../i18n';
import { Input } from '../../../components/Input';
import { Select } from '../../../components/Select';
import { Button } from '../../../components/Button';

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
  const { t } = useTranslation();
  const teams = useTeams().data ?? [];
  const editing = account !== undefined;
  const [kind, setKind] = useState<ChannelKind>(
    () => (account && channelKind(account.kind)) || channelKinds()[0],
  );
  const [stored] = useState<FieldValues>(() =>
    account ? valuesFromConfig(kind, account.config) : initialValues(kind),
  );
  const [name, setName] = useState(account?.name ?? '');
  const [teamId, setTeamId] = useState(account?.teamId ?? '');
  const [values, setValues] = useState<FieldValues>(stored);
  const [error, setError] = useState<string | null>(null);

  function chooseKind(next: string) {
    const found = channelKind(next) ?? channelKinds()[0];
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
      setError(t('adminScreens.channels.needsName'));
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
      setError(cause instanceof Error ? cause.message : t('adminScreens.channels.savingFailed'));
    }
  }

  const heading = editing
    ? t('adminScreens.editNamed', { name: account.name })
    : t('adminScreens.channels.addHeading');
  const headingId = useId();
  return (
    <form className="stack channel-form" onSubmit={submit} noValidate aria-labelledby={headingId}>
      <h3 id={headingId}>{heading}</h3>
      {editing && kind.embedsWidget && <ChannelEmbedSnippet accountId={account.id} />}
      <Select
        label={t('adminScreens.channels.kind')}
        value={kind.kind}
        onChange={(e) => chooseKind(e.target.value)}
        disabled={editing}
        options={channelKinds().map((k) => ({ value: k.kind, label: k.label }))}
      />
      <Input
        label={t('adminScreens.channels.name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={120}
        aria-required
      />
      <Select
        label={t('adminScreens.channels.team')}
        value={teamId}
        onChange={(e) => setTeamId(e.target.value)}
        hint={t('adminScreens.channels.teamHelp')}
        options={[
          { value: '', label: t('adminScreens.channels.noTeam') },
          ...teams.map((team) => ({ value: team.id, label: team.name })),
        ]}
      />
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
        <Button type="submit" variant="primary" disabled={pending}>
          {editing
            ? pending
              ? t('adminScreens.saving')
              : t('adminScreens.saveChanges')
            : pending
              ? t('adminScreens.adding')
              : t('adminScreens.channels.add')}
        </Button>
        {onCancel && <Button onClick={onCancel}>{t('common.cancel')}</Button>}
      </div>
    </form>
  );
}
