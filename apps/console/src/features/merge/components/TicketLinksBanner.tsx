import type { TicketLinksView } from '@switchboard/contracts';
import { useTranslation } from '../../../i18n';
import { Button } from '../../../components/Button';

interface Props {
  links: TicketLinksView;
  undoing: boolean;
  onUndo(ticketId: string): void;
}

/** Where this ticket went or what joined it, with Undo while a merge may still be taken back. */
export function TicketLinksBanner({ links, undoing, onUndo }: Props) {
  const { t } = useTranslation();
  const { mergedInto, mergedFrom, splitFrom, splitInto } = links;
  if (!mergedInto && !mergedFrom.length && !splitFrom && !splitInto.length) return null;
  return (
    <section className="ticket-links" aria-label={t('merge.links')} data-testid="ticket-links">
      {mergedInto && (
        <p>
          {t('merge.mergedInto')} <a href={`#/tickets/${mergedInto.id}`}>#{mergedInto.number}</a>
          {mergedInto.undoableUntil && (
            <Button disabled={undoing} onClick={() => onUndo(mergedInto.id)}>
              {t('merge.undo')}
            </Button>
          )}
        </p>
      )}
      {mergedFrom.map((from) => (
        <p key={from.mergeId}>
          <a href={`#/tickets/${from.id}`}>#{from.number}</a> {t('merge.mergedHere')}
          {from.undoableUntil && (
            <Button disabled={undoing} onClick={() => onUndo(from.id)}>
              {t('merge.undo')}
            </Button>
          )}
        </p>
      ))}
      {splitFrom && (
        <p>
          {t('merge.splitFrom')} <a href={`#/tickets/${splitFrom.id}`}>#{splitFrom.number}</a>
        </p>
      )}
      {splitInto.length > 0 && (
        <p>
          {t('merge.splitInto')}{' '}
          {splitInto.map((s, i) => (
            <span key={s.id}>
              {i > 0 && ', '}
              <a href={`#/tickets/${s.id}`}>#{s.number}</a>
            </span>
          ))}
        </p>
      )}
    </section>
  );
}
