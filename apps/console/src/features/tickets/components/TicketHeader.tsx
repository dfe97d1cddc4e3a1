import { useState } from 'react';
import type { Priority, TicketStatus, UserView } from '@switchboard/contracts';
import type { TicketDetail } from '../../../lib/ticket-cache';
import { PRIORITIES, STATUSES } from '../../../lib/ticket-filters';
import type { NameOf } from '../../../lib/timeline';
import { dateTime } from '../../../lib/format';
import { PresenceBar } from '../../presence/components/PresenceBar';
import { useSolveTicket } from '../../composer/hooks/useSolveTicket';
import { useShortcuts } from '../../shortcuts/hooks/useShortcuts';
import { useUpdateTicket } from '../hooks/useUpdateTicket';
import { useTranslation } from '../../../i18n';
import { ChannelIcon } from './ChannelIcon';
import { FollowButton } from '../../conversations/components/FollowButton';
import { FlagForReviewButton } from '../../reviews/components/FlagForReviewButton';
import { SpamButton } from '../../spam/components/SpamButton';
import { SlaCountdown } from '../../sla/components/SlaCountdown'; // SLA: live countdown
import { SubjectEditor } from '../../custom-fields/components/SubjectEditor';
import { Button } from '../../../components/Button';
import { Input } from '../../../components/Input';
import { Select } from '../../../components/Select';
import { TicketSatisfaction } from '../../surveys/components/TicketSatisfaction';

interface Props {
  ticket: TicketDetail;
  me: UserView;
  nameOf: NameOf;
  onHold(): void;
  onResume(): void;
  onTransfer(): void;
}

export function TicketHeader({ ticket, me, nameOf, onHold, onResume, onTransfer }: Props) {
  const update = useUpdateTicket(ticket.id);
  const { t } = useTranslation();
  const [tagDraft, setTagDraft] = useState('');
  const solving = useSolveTicket(ticket); // a ticket nobody is assigned to asks who solved it
  useShortcuts({ e: solving.solve });
  const addTag = () => {
    const tag = tagDraft.trim();
    if (!tag || ticket.tags.includes(tag)) return;
    update.mutate({ tags: [...ticket.tags, tag] });
    setTagDraft('');
  };

  return (
    <header className="ticket-header">
      {solving.dialog}
      <div className="title-row">
        <ChannelIcon channel={ticket.channel} />
        <h1>
          <span className="ticket-number">#{ticket.number}</span> <SubjectEditor ticket={ticket} />
        </h1>
      </div>
      <div className="meta-row">
        <span className={`badge status-${ticket.status}`}>{t(`status.${ticket.status}`)}</span>
        <span className={`badge priority-${ticket.priority}`}>{t(`priority.${ticket.priority}`)}</span>
        <SlaCountdown sla={ticket.sla} status={ticket.status} />
        <span>
          {t('tickets.assignee')}{' '}
          <strong>{ticket.assigneeId ? nameOf(ticket.assigneeId) : t('tickets.unassigned')}</strong>
        </span>
        <span>
          {t('tickets.team')} <strong>{ticket.teamId ? nameOf(ticket.teamId) : t('tickets.none')}</strong>
        </span>
        {ticket.status === 'on_hold' && ticket.holdUntil && (
          <span>{t('tickets.onHoldUntil', { when: dateTime(ticket.holdUntil) })}</span>
        )}
        <TicketSatisfaction ticketId={ticket.id} />
        <PresenceBar ticketId={ticket.id} meId={me.id} />
      </div>
      <div className="actions-row">
        {ticket.assigneeId !== me.id && (
          <Button onClick={() => update.mutate({ assigneeId: me.id })} aria-keyshortcuts="a">
            {t('bulk.assignToMe')}
          </Button>
        )}
        <Select
          label={t('filters.status')}
          hideLabel
          value={ticket.status}
          onChange={(e) =>
            e.target.value === 'solved'
              ? solving.solve()
              : update.mutate({ status: e.target.value as TicketStatus })
          }
        >
          {STATUSES.map((s) => (
            <option key={s} value={s} disabled={s === 'on_hold' && ticket.status !== 'on_hold'}>
              {t(`status.${s}`)}
            </option>
          ))}
        </Select>
        <Select
          label={t('filters.priority')}
          hideLabel
          value={ticket.priority}
          onChange={(e) => update.mutate({ priority: e.target.value as Priority })}
        >
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`priority.${p}`)}
            </option>
          ))}
        </Select>
        {ticket.status === 'on_hold' ? (
          <Button onClick={onResume}>{t('tickets.resume')}</Button>
        ) : (
          <Button onClick={onHold} aria-keyshortcuts="h">
            {t('tickets.hold')}
          </Button>
        )}
        <Button onClick={onTransfer} aria-keyshortcuts="t">
          {t('tickets.transfer')}
        </Button>
        <FollowButton ticketId={ticket.id} />
        <FlagForReviewButton ticketId={ticket.id} />
        <SpamButton ticketId={ticket.id} />
        {ticket.status !== 'solved' && ticket.status !== 'closed' && (
          <Button onClick={solving.solve} aria-keyshortcuts="e">
            {t('tickets.solve')}
          </Button>
        )}
      </div>
      <div className="tags-row">
        <ul className="tags" aria-label={t('tickets.tags')}>
          {ticket.tags.map((tag) => (
            <li key={tag} className="tag">
              {tag}
              <Button
                className="icon-button"
                aria-label={t('tickets.removeTag', { tag })}
                onClick={() => update.mutate({ tags: ticket.tags.filter((other) => other !== tag) })}
              >
                ×
              </Button>
            </li>
          ))}
        </ul>
        <Input
          label={t('tickets.addTag')}
          hideLabel
          placeholder={t('tickets.addTag')}
          value={tagDraft}
          onChange={(e) => setTagDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              addTag();
            }
          }}
        />
      </div>
      {update.isError && (
        <p className="form-error" role="alert">
          {update.error.message}
        </p>
      )}
    </header>
  );
}
