import type { TicketFilters } from '../../../lib/ticket-filters';
import { useTranslation } from '../../../i18n';
import { Select } from '../../../components/Select';

/** The queue's sort order: last activity (default) or time to breach. */
export function QueueSort({
  filters,
  onChange,
}: {
  filters: TicketFilters;
  onChange(filters: TicketFilters): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="queue-sort">
      <span aria-hidden="true">{t('queues.sortPrefix')}</span>
      <Select
        label={t('queues.sort')}
        hideLabel
        value={filters.sort ?? 'updated'}
        onChange={(e) => onChange({ ...filters, sort: e.target.value === 'due' ? 'due' : undefined })}
      >
        <option value="updated">{t('queues.sortUpdated')}</option>
        <option value="due">{t('queues.sortDue')}</option>
      </Select>
    </div>
  );
}
