import { useState } from 'react';
import type { TicketMoveResult } from '@switchboard/contracts';
import { Dialog } from '../../../components/Dialog';
import { useToast } from '../../../components/Toast';
import { useTranslation } from '../../../i18n';
import type { TimelineEntry } from '../../../lib/timeline';
import { useTicketLinks, useUndoMerge } from '../hooks/useTicketMerge';
import { MergeDialog } from './MergeDialog';
import { SplitDialog } from './SplitDialog';
import '../merge.css';
import { TicketLinksBanner } from './TicketLinksBanner';
import { Button } from '../../../components/Button';

interface Props {
  ticket: { id: string; number: number; status: string };
  entries: TimelineEntry[];
}

/** "Merge into…" and "Split…" on a ticket, the link banner, and the Undo toast after a merge. */
export function TicketMergeActions({ ticket, entries }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'merge' | 'split' | null>(null);
  const links = useTicketLinks(ticket.id);
  const undo = useUndoMerge();
  const toast = useToast();
  const movable = ticket.status !== 'closed' && !links.data?.mergedInto;

  const undoMerge = (id: string) =>
    undo.mutate(id, {
      onSuccess: () => toast.success(t('merge.undone')),
      onError: (error) => toast.error(error.message),
    });
  const merged = (result: TicketMoveResult) => {
    setOpen(null);
    toast.success(t('merge.merged', { source: result.source.number, target: result.target.number }), {
      label: t('merge.undo'),
      onClick: () => undoMerge(result.source.id),
    });
  };
  const split = (result: TicketMoveResult) => {
    setOpen(null);
    toast.success(t('merge.splitDone', { number: result.target.number }));
  };

  return (
    <>
      {links.data && <TicketLinksBanner links={links.data} undoing={undo.isPending} onUndo={undoMerge} />}
      {movable && (
        <div className="actions-row merge-actions">
          <Button onClick={() => setOpen('merge')}>{t('merge.mergeIntoEllipsis')}</Button>
          <Button onClick={() => setOpen('split')}>{t('merge.splitEllipsis')}</Button>
        </div>
      )}
      {open === 'merge' && (
        <Dialog title={t('merge.title', { number: ticket.number })} onClose={() => setOpen(null)}>
          <MergeDialog
            ticketId={ticket.id}
            number={ticket.number}
            onMerged={merged}
            onCancel={() => setOpen(null)}
          />
        </Dialog>
      )}
      {open === 'split' && (
        <Dialog title={t('merge.splitTitle', { number: ticket.number })} onClose={() => setOpen(null)}>
          <SplitDialog
            ticketId={ticket.id}
            entries={entries}
            onSplit={split}
            onCancel={() => setOpen(null)}
          />
        </Dialog>
      )}
      {toast.region}
    </>
  );
}
