import { useId, useState } from 'react';
import type { AdminTeamView, AdminUserView, PatchUserBody, Role } from '@switchboard/contracts';
import { asSentence } from '../../../components/as-sentence';
import { Button } from '../../../components/Button';
import { useConfirm } from '../../../components/ConfirmDialog';
import { PeopleDisableDialog } from './PeopleDisableDialog';
import { RoleSelect } from './RoleSelect';
import { TeamPicker } from './TeamPicker';
import { useTranslation } from '../../../i18n';

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
  const { t } = useTranslation();
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
      setError(asSentence(cause instanceof Error ? cause.message : t('adminScreens.savingFailed')));
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
      title: t('adminScreens.people.enableTitle', { name: person.name }),
      message: <p>{t('adminScreens.people.enableMessage')}</p>,
      confirmLabel: t('adminScreens.people.enable'),
    });
    if (yes) await run(() => onUpdate({ active: true }));
  }

  async function reset() {
    setError(null);
    const yes = await confirm({
      title: t('adminScreens.people.resetTitle', { name: person.name }),
      message: <p>{t('adminScreens.people.resetMessage')}</p>,
      confirmLabel: t('adminScreens.people.resetPassword'),
      danger: true,
    });
    if (yes) await run(onResetPassword);
  }

  return (
    <>
      <tr className={person.active ? undefined : 'person-disabled'}>
        <td>
          {person.name}
          {isMe && <span className="muted"> {t('adminScreens.people.you')}</span>}
        </td>
        <td>{person.email}</td>
        <td>{t(`adminScreens.roles.${person.role}`)}</td>
        <td>{teamNames.join(', ') || <span className="muted">{t('adminScreens.people.none')}</span>}</td>
        <td>{person.active ? t('adminScreens.people.active') : t('adminScreens.people.disabled')}</td>
        <td className="actions">
          <Button
            aria-label={t('adminScreens.editNamed', { name: person.name })}
            aria-expanded={editing}
            onClick={editing ? stopEdit : startEdit}
          >
            {t('adminScreens.edit')}
          </Button>
          {!isMe && (
            <Button
              aria-label={
                person.active
                  ? t('adminScreens.people.disableNamed', { name: person.name })
                  : t('adminScreens.people.enableNamed', { name: person.name })
              }
              onClick={() => void toggleActive()}
            >
              {person.active ? t('adminScreens.people.disable') : t('adminScreens.people.enable')}
            </Button>
          )}
          <Button
            aria-label={t('adminScreens.people.resetNamed', { name: person.name })}
            onClick={() => void reset()}
          >
            {t('adminScreens.people.resetPassword')}
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
                aria-label={t('adminScreens.people.roleAndTeamsOf', { name: person.name })}
              >
                <RoleSelect id={`${id}-role`} value={role} onChange={setRole} />
                <TeamPicker teams={teams} value={teamIds} onChange={setTeamIds} />
                <div className="actions">
                  <Button variant="primary" onClick={() => void save()}>
                    {t('adminScreens.save')}
                  </Button>
                  <Button onClick={stopEdit}>{t('common.cancel')}</Button>
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
