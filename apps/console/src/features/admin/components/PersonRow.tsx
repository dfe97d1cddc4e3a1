import { useId, useState } from 'react';
import type { AdminTeamView, AdminUserView, PatchUserBody, Role } from '@switchboard/contracts';
import { asSentence } from '../../../components/as-sentence';
import { Button } from '../../../components/Button';
import { useConfirm } from '../../../components/ConfirmDialog';
import { PeopleDisableDialog } from './PeopleDisableDialog';
import { ROLE_LABELS, RoleSelect } from './RoleSelect';
import { TeamPicker } from './TeamPicker';

interface Props {
  person: AdminUserView;
  teams: AdminTeamView[];
  /** The signed-in admin's own row: no Disable (the server refuses it too). */
  isMe: boolean;
  /** Active people who can take over this person's open tickets. */
  colleagues: AdminUserView[];
  onUpdate(body: PatchUserBody): Promise<unknown>;
  onDisable(reassignToAgentId: string | null): Promise<unknown>;
  onResetPassword(): Promise<void>;
}

/** One person: what they are, and what an admin may change (role and teams, status, password). */
export function PersonRow({ person, teams, isMe, colleagues, onUpdate, onDisable, onResetPassword }: Props) {
  const id = useId();
  const { confirm, dialog } = useConfirm();
  const [editing, setEditing] = useState(false);
  const [disabling, setDisabling] = useState(false);
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
      setError(asSentence(cause instanceof Error ? cause.message : 'Saving failed.'));
      return false;
    }
  }

  function startEdit() {
    setError(null);
    setRole(person.role);
    setTeamIds(person.teamIds);
    setEditing(true);
  }

  function stopEdit() {
    setError(null);
    setEditing(false);
  }

  async function save() {
    const body: PatchUserBody = {};
    if (role !== person.role) body.role = role;
    if ([...teamIds].sort().join() !== [...person.teamIds].sort().join()) body.teamIds = teamIds;
    if (Object.keys(body).length === 0 || (await run(() => onUpdate(body)))) setEditing(false);
  }

  async function toggleActive() {
    setError(null);
    if (person.active) {
      setDisabling(true);
      return;
    }
    const yes = await confirm({
      title: `Enable ${person.name}?`,
      message: <p>They can sign in again with their current password.</p>,
      confirmLabel: 'Enable',
    });
    if (yes) await run(() => onUpdate({ active: true }));
  }

  async function reset() {
    setError(null);
    const yes = await confirm({
      title: `Reset the password of ${person.name}?`,
      message: <p>Their current password and sessions stop working; a new password is shown once.</p>,
      confirmLabel: 'Reset password',
      danger: true,
    });
    if (yes) await run(onResetPassword);
  }

  return (
    <>
      <tr className={person.active ? undefined : 'person-disabled'}>
        <td>
          {person.name}
          {isMe && <span className="muted"> (you)</span>}
        </td>
        <td>{person.email}</td>
        <td>{ROLE_LABELS[person.role]}</td>
        <td>{teamNames.join(', ') || <span className="muted">none</span>}</td>
        <td>{person.active ? 'Active' : 'Disabled'}</td>
        <td className="actions">
          <Button
            aria-label={`Edit ${person.name}`}
            aria-expanded={editing}
            onClick={editing ? stopEdit : startEdit}
          >
            Edit
          </Button>
          {!isMe && (
            <Button
              aria-label={`${person.active ? 'Disable' : 'Enable'} ${person.name}`}
              onClick={() => void toggleActive()}
            >
              {person.active ? 'Disable' : 'Enable'}
            </Button>
          )}
          <Button aria-label={`Reset password of ${person.name}`} onClick={() => void reset()}>
            Reset password
          </Button>
          {dialog}
          {disabling && (
            <PeopleDisableDialog
              person={person}
              colleagues={colleagues}
              onCancel={() => setDisabling(false)}
              onDisable={async (reassignToAgentId) => {
                await onDisable(reassignToAgentId);
                setDisabling(false);
              }}
            />
          )}
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
                  <Button variant="primary" onClick={() => void save()}>
                    Save
                  </Button>
                  <Button onClick={stopEdit}>Cancel</Button>
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
