import { useTeams } from '../../tickets/hooks/useDirectory';
import { CalendarsSection } from '../../sla/admin/components/CalendarsSection';
import { PoliciesSection } from '../../sla/admin/components/PoliciesSection';
// The SLA forms share the dashboard's stylesheet (cards, compact tables, form grid); both load on demand.
import '../../supervisor/supervisor.css';

export const SLA_ADMIN_HASH = '#/admin/sla';

/** Admin → SLA: the policies (targets, conditions, escalations) and the business calendars they count in. */
export default function SlaAdmin() {
  const teams = useTeams().data ?? [];
  return (
    <div className="sla-admin">
      <p className="muted">
        SLA policies set response and resolution targets; business calendars say which hours count. Edit or
        delete either here; a policy still timing open tickets must be deactivated before it is deleted.
      </p>
      <PoliciesSection teams={teams} />
      <CalendarsSection />
    </div>
  );
}
