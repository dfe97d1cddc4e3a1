import { useState } from 'react';
import type { TicketView } from '@switchboard/contracts';
import { useTranslation } from '../../../i18n';
import { useUpdateTicket } from '../../tickets/hooks/useUpdateTicket';
import { Button } from '../../../components/Button';
import { Input } from '../../../components/Input';

/** The ticket's subject, edited in place: click or Edit, Enter saves, Escape leaves it as it was. */
export function SubjectEditor({ ticket }: { ticket: Pick<TicketView, 'id' | 'subject'> }) {
  const { t } = useTranslation();
  const update = useUpdateTicket(ticket.id);
  const [draft, setDraft] = useState<string | null>(null);
  const save = () => {
    const subject = draft?.trim();
    if (!subject || subject === ticket.subject) return setDraft(null);
    update.mutate({ subject }, { onSuccess: () => setDraft(null) });
  };
  if (draft === null)
    return (
      <>
        <span className="subject">{ticket.subject || t('tickets.noSubject')}</span>{' '}
        <Button
          className="icon-button"
          aria-label={t('customFields.editSubject')}
          onClick={() => setDraft(ticket.subject)}
        >
          {t('customFields.editIcon')}
        </Button>
      </>
    );
  return (
    <>
      <Input
        className="subject-input"
        label={t('customFields.subject')}
        hideLabel
        value={draft}
        autoFocus
        disabled={update.isPending}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={save}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            save();
          }
          if (e.key === 'Escape') setDraft(null);
        }}
      />
      {update.isError && (
        <span className="form-error" role="alert">
          {update.error.message}
        </span>
      )}
    </>
  );
}
