import { useId, useState, type FormEvent } from 'react';
import type { AdminTeamView, Role } from '@switchboard/contracts';
import { asSentence } from '../../../components/as-sentence';
import { generatePassword } from '../lib/generate-password';
import { RoleSelect } from './RoleSelect';
import { TeamPicker } from './TeamPicker';
import { useTranslation } from '../../../i18n';
import { Input } from '../../../components/Input';
import { Button } from '../../../components/Button';

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
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim() || !email.trim()) {
      setError(t('adminScreens.people.needsNameAndEmail'));
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
      setError(asSentence(cause instanceof Error ? cause.message : t('adminScreens.people.addingFailed')));
    }
  }

  return (
    <form className="stack people-form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('adminScreens.people.addHeading')}</h3>
      <Input
        label={t('adminScreens.people.name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={200}
      />
      <Input
        label={t('adminScreens.people.email')}
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
      <p className="muted">{t('adminScreens.people.passwordGenerated')}</p>
      <div className="actions">
        <Button type="submit" variant="primary" disabled={busy}>
          {t('adminScreens.people.add')}
        </Button>
      </div>
    </form>
  );
}
