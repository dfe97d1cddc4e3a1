import { useId, useState } from 'react';
import type { AdminTeamView, AdminUserView, PatchUserBody, Role } from '@switchboard/contracts';
import { ROLE_LABELS, RoleSelect } from './RoleSelect';
import { TeamPicker } from './TeamPicker';

interface Props {
  person: AdminUserView;
  teams: AdminTeamView[];
  onUpdate(body: PatchUserBody): Promise<unknown>;
  onResetPassword(): Promise<void>;
}

const confirmed = (question: string) => typeof window.confirm !== 'function' || window.confirm(question);

/** One person: what they are, and what an admin may change (role and teams, status, password). */
export function PersonRow({ person, teams, onUpdate, onResetPassword }: Props) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [role, setRole] = useState<Role>(person.role);
  const [teamIds, setTeamIds] = useState<string[]>(person.teamIds);
  const [error, setError] = useState<string | null>(null);
  const teamNames = teams.filter((t) => person.teamIds.includes(t.id)).map((t) => t.name);

  async function run(work: () => Promise<unknown>) {
    setError(null);
    try {
      await work();
      return true;
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : 'Saving failed.');
      return false;
    }
  }

  function startEdit() {
    setRole(person.role);
    setTeamIds(person.teamIds);
    setEditing(true);
  }

  async function save() {
    const body: PatchUserBody = {};
    if (role !== person.role) body.role = role;
    if ([...teamIds].sort().join() !== [...person.teamIds].sort().join()) body.teamIds = teamIds;
    if (Object.keys(body).length === 0 || (await run(() => onUpdate(body)))) setEditing(false);
  }

  async function toggleActive() {
    const question = person.active
      ? `Disable ${person.name}? They are signed out at once and cannot sign in.`
      : `Enable ${person.name} again?`;
    if (confirmed(question)) await run(() => onUpdate({ active: !person.active }));
  }

  async function reset() {
    if (confirmed(`Reset the password of ${person.name}? Their current password and sessions stop working.`))
      await run(onResetPassword);
  }

  return (
    <>
      <tr className={person.active ? undefined : 'person-disabled'}>
        <td>{person.name}</td>
        <td>{person.email}</td>
        <td>{ROLE_LABELS[person.role]}</td>
        <td>{teamNames.join(', ') || <span className="muted">none</span>}</td>
        <td>{person.active ? 'Active' : 'Disabled'}</td>
        <td className="actions">
          <button
            type="button"
            aria-label={`Edit ${person.name}`}
            aria-expanded={editing}
            onClick={editing ? () => setEditing(false) : startEdit}
          >
            Edit
          </button>
          <button
            type="button"
            aria-label={`${person.active ? 'Disable' : 'Enable'} ${person.name}`}
            onClick={() => void toggleActive()}
          >
            {person.active ? 'Disable' : 'Enable'}
          </button>
          <button type="button" aria-label={`Reset password of ${person.name}`} onClick={() => void reset()}>
            Reset password
          </button>
        </td>
      </tr>
      {(editing || error) && (
        <tr>
          <td colSpan={6}>
            {editing && (
              <div
                className="stack person-editor"
                role="group"
                aria-label={`Role and teams of ${person.name}`}
              >
                <RoleSelect id={`${id}-role`} value={role} onChange={setRole} />
                <TeamPicker teams={teams} value={teamIds} onChange={setTeamIds} />
                <div className="actions">
                  <button type="button" className="primary" onClick={() => void save()}>
                    Save
                  </button>
                  <button type="button" onClick={() => setEditing(false)}>
                    Cancel
                  </button>
                </div>
              </div>
            )}
            {error && (
              <p className="form-error" role="alert">
                {error}
              </p>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
