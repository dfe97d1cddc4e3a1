import { useId, useState, type FormEvent } from 'react';
import type { AdminTeamView } from '@switchboard/contracts';

const message = (cause: unknown) => (cause instanceof Error ? cause.message : 'Saving failed.');

function TeamRow({ team, onRename }: { team: AdminTeamView; onRename(name: string): Promise<unknown> }) {
  const id = useId();
  const [name, setName] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      if (name?.trim() && name.trim() !== team.name) await onRename(name.trim());
      setName(null);
    } catch (cause) {
      setError(message(cause));
    }
  }

  return (
    <li className="team-row">
      {name === null ? (
        <>
          <span>{team.name}</span>{' '}
          <span className="muted">{team.memberCount === 1 ? '1 member' : `${team.memberCount} members`}</span>{' '}
          <button type="button" aria-label={`Rename ${team.name}`} onClick={() => setName(team.name)}>
            Rename
          </button>
        </>
      ) : (
        <form onSubmit={save} className="inline-form">
          <label htmlFor={`${id}-name`}>New name for {team.name}</label>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={120}
            autoFocus
          />
          <button type="submit" className="primary">
            Save
          </button>
          <button type="button" onClick={() => setName(null)}>
            Cancel
          </button>
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
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function add(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setError('A team needs a name.');
      return;
    }
    setError(null);
    try {
      await onCreate(name.trim());
      setName('');
    } catch (cause) {
      setError(message(cause));
    }
  }

  return (
    <section className="admin-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Teams</h2>
      <ul className="team-list">
        {teams.map((team) => (
          <TeamRow key={team.id} team={team} onRename={(next) => onRename(team.id, next)} />
        ))}
      </ul>
      <form onSubmit={add} className="inline-form" noValidate>
        <label htmlFor={`${id}-new`}>New team name</label>
        <input id={`${id}-new`} value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />
        <button type="submit">Add team</button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
