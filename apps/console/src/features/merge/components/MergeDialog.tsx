import { useState } from 'react';
import type { TicketMoveResult } from '@switchboard/contracts';
import { useTranslation } from '../../../i18n';
import { useMergePreview, useMergeSearch, useMergeTicket } from '../hooks/useTicketMerge';
import { Button } from '../../../components/Button';
import { Input } from '../../../components/Input';
import { Radio } from '../../../components/Choice';

interface Props {
  ticketId: string;
  number: number;
  onMerged(result: TicketMoveResult): void;
  onCancel(): void;
}

/** Find the ticket to merge into, see what would move, then merge. */
export function MergeDialog({ ticketId, number, onMerged, onCancel }: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const search = useMergeSearch(query);
  const preview = useMergePreview(ticketId, chosen);
  const merge = useMergeTicket(ticketId);
  const candidates = (search.data ?? []).filter((c) => c.id !== ticketId);
  const p = preview.data;

  return (
    <div className="stack merge-dialog">
      <Input
        label={t('merge.searchLabel')}
        id="merge-search"
        type="search"
        value={query}
        placeholder={t('merge.searchPlaceholder')}
        onChange={(e) => {
          setQuery(e.target.value);
          setChosen(null);
        }}
      />
      {query.trim() && search.isSuccess && candidates.length === 0 && (
        <p className="muted">{t('merge.noMatches')}</p>
      )}
      {candidates.length > 0 && (
        <ul className="merge-candidates" aria-label={t('merge.candidates')}>
          {candidates.map((c) => (
            <li key={c.id}>
              <Radio
                name="merge-target"
                checked={chosen === c.id}
                onChange={() => setChosen(c.id)}
                label={
                  <span>
                    <span className="ticket-number">#{c.number}</span> {c.subject}
                    {c.contact?.name ? ` — ${c.contact.name}` : ''}
                  </span>
                }
              />
            </li>
          ))}
        </ul>
      )}
      {chosen && preview.isError && <p className="form-error">{preview.error.message}</p>}
      {p && (
        <section className="merge-preview" aria-label={t('merge.previewTitle')} data-testid="merge-preview">
          <h3>{t('merge.previewHeading', { source: p.source.number, target: p.target.number })}</h3>
          <ul>
            <li>{t('merge.countMessages', { count: p.messages })}</li>
            <li>{t('merge.countNotes', { count: p.notes })}</li>
            <li>{t('merge.countAttachments', { count: p.attachments })}</li>
          </ul>
          <p>
            {t('merge.contacts')}{' '}
            {p.contacts
              .map((c) =>
                c.becomesParticipant
                  ? t('merge.becomesParticipant', { name: c.name ?? t('merge.unnamed') })
                  : (c.name ?? t('merge.unnamed')),
              )
              .join(', ')}
          </p>
          <p className="muted">{t('merge.closesSource', { number })}</p>
        </section>
      )}
      {merge.isError && (
        <p className="form-error" role="alert">
          {merge.error.message}
        </p>
      )}
      <div className="actions-row">
        <Button
          variant="primary"
          disabled={!p || merge.isPending}
          onClick={() => chosen && merge.mutate(chosen, { onSuccess: onMerged })}
        >
          {p ? t('merge.mergeInto', { number: p.target.number }) : t('merge.merge')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </div>
    </div>
  );
}
