import type { AssignmentSettings, CapacityView } from '@switchboard/contracts';
import { useToast } from '../../../components/Toast';
import { useTranslation } from '../../../i18n';
import { useAdminTeams, useAdminUsers, usePeopleMutations } from '../../admin/hooks/usePeople';
import { useTeamAssignment } from '../hooks/useTeamAssignment';
import { AgentCapacityRow } from './AgentCapacityRow';
import { TeamAssignmentRow } from './TeamAssignmentRow';
import '../routing.css';

/**
 * `#/admin/routing`: how each team's new tickets find an agent, and how many open tickets each
 * agent carries at once. Saving either can free room, and waiting tickets are picked up at once.
 */
export default function RoutingAdmin() {
  const { t } = useTranslation();
  const teams = useAdminTeams();
  const users = useAdminUsers();
  const { update } = usePeopleMutations();
  const toast = useToast();
  const teamUpdate = useTeamAssignment();

  async function attempt(work: () => Promise<unknown>, done: string) {
    toast.clear();
    try {
      await work();
      toast.success(done);
    } catch (cause) {
      toast.error(cause instanceof Error ? cause.message : t('common.didNotWork'));
    }
  }

  return (
    <div className="routing-admin">
      <section className="admin-section" aria-labelledby="assignment-heading">
        <h2 id="assignment-heading">{t('routing.assignmentHeading')}</h2>
        <p className="muted">{t('routing.assignmentIntro')}</p>
        {teams.isError && (
          <p className="form-error" role="alert">
            {teams.error.message}
          </p>
        )}
        <ul className="routing-list">
          {(teams.data ?? []).map((team) => (
            <TeamAssignmentRow
              key={`${team.id}:${JSON.stringify(team.assignment ?? null)}`}
              team={team}
              onSave={(assignment: AssignmentSettings) =>
                attempt(
                  () => teamUpdate.mutateAsync({ id: team.id, assignment }),
                  t('routing.teamSaved', { name: team.name }),
                )
              }
            />
          ))}
        </ul>
      </section>
      <section className="admin-section" aria-labelledby="capacity-heading">
        <h2 id="capacity-heading">{t('routing.capacityHeading')}</h2>
        <p className="muted">{t('routing.capacityIntro')}</p>
        {users.isError && (
          <p className="form-error" role="alert">
            {users.error.message}
          </p>
        )}
        <ul className="routing-list">
          {(users.data ?? [])
            .filter((p) => p.active)
            .map((person) => (
              <AgentCapacityRow
                key={`${person.id}:${JSON.stringify(person.capacity ?? null)}`}
                person={person}
                onSave={(capacity: CapacityView) =>
                  attempt(
                    () => update.mutateAsync({ id: person.id, body: { capacity } }),
                    t('routing.capacitySaved', { name: person.name }),
                  )
                }
              />
            ))}
        </ul>
      </section>
      {toast.region}
    </div>
  );
}
