import { useState } from 'react';
import type { TicketMoveResult } from '@switchboard/contracts';
import { useTranslation } from '../../../i18n';
import { dateTime } from '../../../lib/format';
import type { TimelineEntry } from '../../../lib/timeline';
import { useSplitTicket } from '../hooks/useTicketMerge';
import { Button } from '../../../components/Button';
import { Checkbox } from '../../../components/Choice';

interface Props {
  ticketId: string;
  entries: TimelineEntry[];
  onSplit(result: TicketMoveResult): void;
  onCancel(): void;
}

/** Choose the customer's messages that start a ticket of their own. */
export function SplitDialog({ ticketId, entries, onSplit, onCancel }: Props) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const split = useSplitTicket(ticketId);
  const messages = entries.flatMap((e) =>
    e.type === 'message' && e.message.direction === 'in' && e.message.kind === 'message' ? [e.message] : [],
  );
  const toggle = (id: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="stack split-dialog">
      <p className="muted">{t('merge.splitHelp')}</p>
      <ul className="split-messages" aria-label={t('merge.customerMessages')}>
        {messages.map((m) => (
          <li key={m.id}>
            <Checkbox
              checked={chosen.has(m.id)}
              onChange={() => toggle(m.id)}
              label={
                <span>
                  <time dateTime={m.createdAt}>{dateTime(m.createdAt)}</time> {m.text.slice(0, 140)}
                </span>
              }
            />
          </li>
        ))}
      </ul>
      {split.isError && (
        <p className="form-error" role="alert">
          {split.error.message}
        </p>
      )}
      <div className="actions-row">
        <Button
          variant="primary"
          disabled={chosen.size === 0 || split.isPending}
          onClick={() => split.mutate([...chosen], { onSuccess: onSplit })}
        >
          {t('merge.splitCount', { count: chosen.size })}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </div>
    </div>
  );
}
