import type { TicketView } from '@switchboard/contracts';
import { useTranslation } from '../../../i18n';
import { useUpdateTicket } from '../../tickets/hooks/useUpdateTicket';
import { useFieldDefinitions } from '../hooks/useCustomFields';
import { CustomFieldInput } from './CustomFieldInput';

/** The ticket's custom fields in the side panel; each edit is a PATCH the timeline records. */
export function TicketFields({ ticket }: { ticket: Pick<TicketView, 'id' | 'customFields'> }) {
  const { t } = useTranslation();
  const fields = useFieldDefinitions('ticket');
  const update = useUpdateTicket(ticket.id);
  if (!fields.data?.length) return null;
  const values = ticket.customFields ?? {};
  return (
    <section className="ticket-fields" aria-label={t('customFields.ticketFields')}>
      <h3 className="section-title">{t('customFields.ticketFields')}</h3>
      {fields.data.map((field) => (
        <CustomFieldInput
          key={field.id}
          field={field}
          value={values[field.key]}
          disabled={update.isPending}
          onCommit={(value) => update.mutate({ customFields: { [field.key]: value } })}
        />
      ))}
      {update.isError && (
        <p className="form-error" role="alert">
          {update.error.message}
        </p>
      )}
    </section>
  );
}
