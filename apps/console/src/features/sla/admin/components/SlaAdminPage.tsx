import type { UserView } from '@switchboard/contracts';
import { CalendarsSection } from './CalendarsSection';
import { PoliciesSection } from './PoliciesSection';
// Shares the dashboard's stylesheet (cards, compact tables, form grid); both live in lazy chunks.
import '../../../supervisor/supervisor.css';

export const SLA_ADMIN_ROUTE = '#/supervisor/sla';

/** `#/supervisor/sla`: business calendars and SLA policies, for admins (linked from the dashboard). */
export default function SlaAdminPage({
  me,
  teams,
}: {
  me: UserView;
  teams: Array<{ id: string; name: string }>;
}) {
  if (me.role !== 'admin')
    return (
      <p className="empty-state" role="alert">
        Business hours and SLA policies are managed by admins.
      </p>
    );
  return (
    <div className="supervisor sla-admin">
      <header className="supervisor-head">
        <h1>Business hours and SLA policies</h1>
        <a className="link-button" href="#/supervisor">
          Back to the dashboard
        </a>
      </header>
      <PoliciesSection teams={teams} />
      <CalendarsSection />
    </div>
  );
}
