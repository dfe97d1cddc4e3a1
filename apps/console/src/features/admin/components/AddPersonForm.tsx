import { useId, useState, type FormEvent } from 'react';
import type { AdminTeamView, Role } from '@switchboard/contracts';
import { asSentence } from '../../../components/as-sentence';
import { generatePassword } from '../lib/generate-password';
import { RoleSelect } from './RoleSelect';
import { TeamPicker } from './TeamPicker';

export interface NewPerson {
  name: string;
  email: string;
  role: Role;
  teamIds: string[];
  password: string;
}

/** Adds a person with a generated first password, which the caller shows once. */
export function AddPersonForm({
  teams,
  busy,
  onAdd,
}: {
  teams: AdminTeamView[];
  busy: boolean;
  onAdd(person: NewPerson): Promise<void>;
}) {
  const id = useId();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim() || !email.trim()) {
      setError('A person needs a name and an email address.');
      return;
    }
    setError(null);
    try {
      await onAdd({ name: name.trim(), email: email.trim(), role, teamIds, password: generatePassword() });
      setName('');
      setEmail('');
      setRole('agent');
      setTeamIds([]);
    } catch (cause) {
      setError(asSentence(cause instanceof Error ? cause.message : 'Adding failed.'));
    }
  }

  return (
    <form className="stack people-form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Add a person</h3>
      <label htmlFor={`${id}-name`}>Name</label>
      <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
      <label htmlFor={`${id}-email`}>Email</label>
      <input
        id={`${id}-email`}
        type="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        maxLength={320}
      />
      <RoleSelect id={`${id}-role`} value={role} onChange={setRole} />
      <TeamPicker teams={teams} value={teamIds} onChange={setTeamIds} />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <p className="muted">A password is generated and shown once after adding.</p>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          Add person
        </button>
      </div>
    </form>
  );
}
