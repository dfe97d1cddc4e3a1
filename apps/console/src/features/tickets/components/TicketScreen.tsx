import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { isNotFound } from '../../../lib/api-client';
import { pendingHandoff } from '../../../lib/timeline';
import { Dialog } from '../../../components/Dialog';
import { useMe } from '../../auth/hooks/useSession';
import { Composer } from '../../composer/components/Composer';
import type { ComposerKind } from '../../composer/api/composer-api';
import { HoldForm } from '../../hold/components/HoldForm';
import { useResumeTicket } from '../../hold/hooks/useHoldTicket';
import { useLive } from '../../presence/hooks/useLive';
import { useShortcuts } from '../../shortcuts/hooks/useShortcuts';
import { TicketMergeActions } from '../../merge/components/TicketMergeActions';
import { HandoffCard } from '../../transfer/components/HandoffCard';
import { TransferForm } from '../../transfer/components/TransferForm';
import { locallyAcknowledged } from '../../transfer/api/transfer-api';
import { useAcknowledgeHandoff } from '../../transfer/hooks/useTransferTicket';
import { useAssistAvailable } from '../../assist/hooks/useAssist';
import { useNameOf, useTeams, useUsers } from '../hooks/useDirectory';
import { useTicket } from '../hooks/useTicket';
import { useTimeline } from '../hooks/useTimeline';
import { useUpdateTicket } from '../hooks/useUpdateTicket';
import { ContactPanel } from './ContactPanel';
import { TicketHeader } from './TicketHeader';
import { Timeline } from './Timeline';
import { useTranslation } from '../../../i18n';
import { Button } from '../../../components/Button';

type Open = 'hold' | 'transfer' | null;

/** Back and Contact on narrow screens; layout.css hides what a wide screen shows side by side. */
function PaneNav({ children, className = '' }: { children: ReactNode; className?: string }) {
  const { t } = useTranslation();
  return (
    <nav
      className={`pane-nav ${className}`}
      aria-label={className ? t('tickets.contactPanes') : t('tickets.ticketPanes')}
    >
      {children}
    </nav>
  );
}

interface Props {
  ticketId: string;
  /** On a phone or tablet only one of the ticket and its contact shows; the desktop shows both. */
  pane?: 'ticket' | 'contact';
  onBack?(): void;
  onShowContact?(): void;
}

export function TicketScreen({ ticketId, pane = 'ticket', onBack, onShowContact }: Props) {
  const me = useMe();
  const { t } = useTranslation();
  const live = useLive();
  const ticket = useTicket(ticketId);
  const timeline = useTimeline(ticketId);
  const nameOf = useNameOf();
  const users = useUsers();
  const teams = useTeams();
  const update = useUpdateTicket(ticketId);
  const resume = useResumeTicket(ticketId);
  const acknowledge = useAcknowledgeHandoff(ticketId);
  const [dialog, setDialog] = useState<Open>(null);
  const [kind, setKind] = useState<ComposerKind>('reply');
  const [focusRequest, setFocusRequest] = useState(0);
  const [acked, setAcked] = useState(() => locallyAcknowledged());

  useEffect(() => {
    live?.view(ticketId);
    return () => live?.view(null);
  }, [live, ticketId]);

  const entries = useMemo(() => timeline.data ?? [], [timeline.data]);
  const handoff = useMemo(() => pendingHandoff(entries, me, nameOf, acked), [entries, me, nameOf, acked]);
  const loaded = ticket.data;
  const assist = useAssistAvailable(loaded?.teamId);

  useShortcuts(
    {
      r: () => {
        setKind('reply');
        setFocusRequest((n) => n + 1);
      },
      n: () => {
        setKind('note');
        setFocusRequest((n) => n + 1);
      },
      a: () => loaded && loaded.assigneeId !== me.id && update.mutate({ assigneeId: me.id }),
      h: () => loaded?.status !== 'on_hold' && setDialog('hold'),
      t: () => setDialog('transfer'),
    },
    Boolean(loaded),
  );

  if (ticket.isError) {
    return (
      <section className="ticket-screen empty-state" aria-live="polite">
        <h1>{isNotFound(ticket.error) ? t('tickets.notFound') : t('tickets.loadFailed')}</h1>
        <p className="muted">
          {isNotFound(ticket.error) ? t('tickets.notFoundDetail') : ticket.error.message}
        </p>
        <a href="#/">{t('tickets.backToQueue')}</a>
      </section>
    );
  }
  if (!loaded)
    return (
      <section className="ticket-screen empty-state" aria-busy="true">
        {t('tickets.loading')}
      </section>
    );

  return (
    <div className="ticket-layout" data-pane={pane}>
      <section className="ticket-screen" aria-label={t('tickets.ticketNumber', { number: loaded.number })}>
        <PaneNav>
          {onBack && (
            <Button className="pane-back" onClick={onBack}>
              <span aria-hidden="true">‹ </span>
              {t('tickets.backToQueue')}
            </Button>
          )}
          {onShowContact && (
            <Button className="pane-contact" onClick={onShowContact}>
              {t('tickets.contact')}
            </Button>
          )}
        </PaneNav>
        <TicketHeader
          ticket={loaded}
          me={me}
          nameOf={nameOf}
          onHold={() => setDialog('hold')}
          onResume={() => resume.mutate()}
          onTransfer={() => setDialog('transfer')}
        />
        <TicketMergeActions ticket={loaded} entries={entries} />
        {handoff && (
          <HandoffCard
            handoff={handoff}
            busy={acknowledge.isPending}
            onAcknowledge={() =>
              acknowledge.mutate(handoff.eventId, {
                onSuccess: () => setAcked(new Set([...locallyAcknowledged(), handoff.eventId])),
              })
            }
          />
        )}
        <div className="timeline-scroll" role="region" aria-label={t('tickets.conversation')} tabIndex={0}>
          {timeline.isError ? (
            <p className="form-error">{timeline.error.message}</p>
          ) : (
            <Timeline entries={entries} nameOf={nameOf} contactName={loaded.contact?.name ?? null} />
          )}
        </div>
        <Composer
          key={loaded.id}
          ticket={loaded}
          entries={entries}
          kind={kind}
          onKindChange={setKind}
          focusRequest={focusRequest}
          onRequestHold={() => setDialog('hold')}
          assist={assist}
        />
      </section>
      {pane === 'contact' && onBack && (
        <PaneNav className="contact-pane-nav">
          <Button className="pane-back-visible" onClick={onBack}>
            <span aria-hidden="true">‹ </span>
            {t('tickets.backToTicket')}
          </Button>
        </PaneNav>
      )}
      <ContactPanel ticket={loaded} />
      {dialog === 'hold' && (
        <Dialog title={t('tickets.holdTitle', { number: loaded.number })} onClose={() => setDialog(null)}>
          <HoldForm
            ticketId={loaded.id}
            ticket={loaded}
            assist={assist}
            onDone={() => setDialog(null)}
            onCancel={() => setDialog(null)}
          />
        </Dialog>
      )}
      {dialog === 'transfer' && (
        <Dialog title={t('tickets.transferTitle', { number: loaded.number })} onClose={() => setDialog(null)}>
          <TransferForm
            ticketId={loaded.id}
            meId={me.id}
            agents={users.data ?? []}
            teams={teams.data ?? []}
            assist={assist}
            onDone={() => setDialog(null)}
            onCancel={() => setDialog(null)}
          />
        </Dialog>
      )}
    </div>
  );
}
