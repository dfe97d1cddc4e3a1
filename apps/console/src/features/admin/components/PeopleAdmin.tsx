import { useState } from 'react';
import { useToast } from '../../../components/Toast';
import { useMe } from '../../auth/hooks/useSession';
import { useAdminTeams, useAdminUsers, usePeopleMutations } from '../hooks/usePeople';
import type { AdminUserView } from '@switchboard/contracts';
import type { NewPerson } from './AddPersonForm';
import { AddPersonForm } from './AddPersonForm';
import { OneTimePassword } from './OneTimePassword';
import { PersonRow } from './PersonRow';
import { TeamsAdmin } from './TeamsAdmin';
import '../people.css';
import { useTranslation } from '../../../i18n';

/** `#/admin/people`: who works here, in which role and teams; and the teams themselves. */
export default function PeopleAdmin() {
  const users = useAdminUsers();
  const teams = useAdminTeams();
  const me = useMe();
  const toast = useToast();
  const { t } = useTranslation();
  const { create, update, disable, resetPassword, createTeam, renameTeam } = usePeopleMutations();
  const [shown, setShown] = useState<{ who: string; password: string } | null>(null);
  const teamList = teams.data ?? [];
  const people = users.data ?? [];

  async function disablePerson(person: AdminUserView, reassignToAgentId: string | null) {
    toast.clear();
    const { reassignedTickets } = await disable.mutateAsync({ id: person.id, reassignToAgentId });
    const agent = people.find((p) => p.id === reassignToAgentId)?.name;
    toast.success(
      reassignedTickets === 0
        ? t('adminScreens.people.disabledNoTickets', { name: person.name })
        : reassignToAgentId
          ? t('adminScreens.people.disabledMovedToAgent', {
              name: person.name,
              count: reassignedTickets,
              agent: agent ?? t('adminScreens.people.anotherAgent'),
            })
          : t('adminScreens.people.disabledMovedToQueue', { name: person.name, count: reassignedTickets }),
    );
  }

  async function add(person: NewPerson) {
    await create.mutateAsync(person);
    setShown({ who: person.name, password: person.password });
  }

  return (
    <>
      <section className="admin-section" aria-labelledby="people-heading">
        <h2 id="people-heading">{t('adminScreens.tabs.people')}</h2>
        {shown && <OneTimePassword who={shown.who} password={shown.password} onDone={() => setShown(null)} />}
        {users.isError && (
          <p className="form-error" role="alert">
            {users.error.message}
          </p>
        )}
        {users.isPending ? (
          <p className="empty-state">{t('adminScreens.loadingPeople')}</p>
        ) : (
          <table className="people-table" aria-labelledby="people-heading">
            <thead>
              <tr>
                <th scope="col">{t('adminScreens.people.name')}</th>
                <th scope="col">{t('adminScreens.people.email')}</th>
                <th scope="col">{t('adminScreens.people.role')}</th>
                <th scope="col">{t('adminScreens.people.teams')}</th>
                <th scope="col">{t('adminScreens.people.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('adminScreens.people.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <PersonRow
                  key={person.id}
                  person={person}
                  teams={teamList}
                  isMe={person.id === me.id}
                  colleagues={people.filter((p) => p.active && p.id !== person.id)}
                  onUpdate={(body) => update.mutateAsync({ id: person.id, body })}
                  onDisable={(reassignToAgentId) => disablePerson(person, reassignToAgentId)}
                  onResetPassword={async () => {
                    const { password } = await resetPassword.mutateAsync(person.id);
                    if (password) setShown({ who: person.name, password });
                  }}
                />
              ))}
            </tbody>
          </table>
        )}
        <AddPersonForm teams={teamList} busy={create.isPending} onAdd={add} />
      </section>
      <TeamsAdmin
        teams={teamList}
        onCreate={(name) => createTeam.mutateAsync(name)}
        onRename={(id, name) => renameTeam.mutateAsync({ id, name })}
      />
      {toast.region}
    </>
  );
}
