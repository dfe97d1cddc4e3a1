import { useTeams } from '../../tickets/hooks/useDirectory';
import { CalendarsSection } from '../../sla/admin/components/CalendarsSection';
import { PoliciesSection } from '../../sla/admin/components/PoliciesSection';
// The SLA forms share the dashboard's stylesheet (cards, compact tables, form grid); both load on demand.
import '../../supervisor/supervisor.css';
import { useTranslation } from '../../../i18n';

export const SLA_ADMIN_HASH = '#/admin/sla';

/** Admin → SLA: the policies (targets, conditions, escalations) and the business calendars they count in. */
export default function SlaAdmin() {
  const teams = useTeams().data ?? [];
  const { t } = useTranslation();
  return (
    <div className="sla-admin">
      <p className="muted">{t('slaAdmin.intro')}</p>
      <PoliciesSection teams={teams} />
      <CalendarsSection />
    </div>
  );
}
