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

/** `#/admin/people`: who works here, in which role and teams; and the teams themselves. */
export default function PeopleAdmin() {
  const users = useAdminUsers();
  const teams = useAdminTeams();
  const me = useMe();
  const toast = useToast();
  const { create, update, disable, resetPassword, createTeam, renameTeam } = usePeopleMutations();
  const [shown, setShown] = useState<{ who: string; password: string } | null>(null);
  const teamList = teams.data ?? [];
  const people = users.data ?? [];

  async function disablePerson(person: AdminUserView, reassignToAgentId: string | null) {
    toast.clear();
    const { reassignedTickets } = await disable.mutateAsync({ id: person.id, reassignToAgentId });
    const to = reassignToAgentId
      ? (people.find((p) => p.id === reassignToAgentId)?.name ?? 'another agent')
      : 'their team queue';
    toast.success(
      reassignedTickets === 0
        ? `${person.name} is disabled; they had no open tickets.`
        : `${person.name} is disabled; ${ticketCount(reassignedTickets)} moved to ${to}.`,
    );
  }

  async function add(person: NewPerson) {
    await create.mutateAsync(person);
    setShown({ who: person.name, password: person.password });
  }

  return (
    <>
      <section className="admin-section" aria-labelledby="people-heading">
        <h2 id="people-heading">People</h2>
        {shown && <OneTimePassword who={shown.who} password={shown.password} onDone={() => setShown(null)} />}
        {users.isError && (
          <p className="form-error" role="alert">
            {users.error.message}
          </p>
        )}
        {users.isPending ? (
          <p className="empty-state">Loading people…</p>
        ) : (
          <table className="people-table" aria-labelledby="people-heading">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Teams</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
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

function ticketCount(n: number): string {
  return n === 1 ? '1 open ticket' : `${n} open tickets`;
}
