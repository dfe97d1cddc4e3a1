import { useId, useState, type FormEvent } from 'react';
import type { AdminTeamView } from '@switchboard/contracts';
import { Button } from '../../../components/Button';
import { Input } from '../../../components/Input';
import { useTranslation } from '../../../i18n';

function TeamRow({ team, onRename }: { team: AdminTeamView; onRename(name: string): Promise<unknown> }) {
  const id = useId();
  const { t } = useTranslation();
  const [name, setName] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      if (name?.trim() && name.trim() !== team.name) await onRename(name.trim());
      setName(null);
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : t('adminScreens.savingFailed'));
    }
  }

  return (
    <li className="team-row">
      {name === null ? (
        <>
          <span>{team.name}</span>{' '}
          <span className="muted">{t('adminScreens.teams.members', { count: team.memberCount })}</span>{' '}
          <Button
            aria-label={t('adminScreens.teams.renameNamed', { name: team.name })}
            onClick={() => setName(team.name)}
          >
            {t('adminScreens.teams.rename')}
          </Button>
        </>
      ) : (
        <form onSubmit={save} className="inline-form">
          <Input
            id={`${id}-name`}
            label={t('adminScreens.teams.newNameFor', { name: team.name })}
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={120}
            autoFocus
          />
          <Button type="submit" variant="primary">
            {t('adminScreens.save')}
          </Button>
          <Button onClick={() => setName(null)}>{t('adminScreens.teams.cancel')}</Button>
        </form>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

/** Teams with their active member counts; who is in a team is set on each person. */
export function TeamsAdmin({
  teams,
  onCreate,
  onRename,
}: {
  teams: AdminTeamView[];
  onCreate(name: string): Promise<unknown>;
  onRename(id: string, name: string): Promise<unknown>;
}) {
  const id = useId();
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function add(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setError(t('adminScreens.teams.needsName'));
      return;
    }
    setError(null);
    try {
      await onCreate(name.trim());
      setName('');
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : t('adminScreens.savingFailed'));
    }
  }

  return (
    <section className="admin-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('adminScreens.teams.heading')}</h2>
      <ul className="team-list">
        {teams.map((team) => (
          <TeamRow key={team.id} team={team} onRename={(next) => onRename(team.id, next)} />
        ))}
      </ul>
      <form onSubmit={add} className="inline-form" noValidate>
        <Input
          id={`${id}-new`}
          label={t('adminScreens.teams.newTeamName')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={120}
        />
        <Button type="submit">{t('adminScreens.teams.add')}</Button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
