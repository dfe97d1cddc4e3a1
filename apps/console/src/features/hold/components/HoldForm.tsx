import { en } from '../../../i18n/en';
import { i18n, useTranslation } from '../../../i18n';
import { useState, type FormEvent } from 'react';
import { SummarizeButton } from '../../assist/components/SummarizeButton';
import {
  DEFAULT_HOLD_TEMPLATE,
  HOLD_PART_REQUIRED,
  missingHoldParts,
  renderHoldMessage,
  type HoldBody,
  type HoldNoteParts,
  type TicketView,
} from '@switchboard/contracts';
import { Button } from '../../../components/Button';
import { Input, TextArea } from '../../../components/Input';
import { useHoldTemplate } from '../hooks/useHoldTemplate';
import { useHoldTicket } from '../hooks/useHoldTicket';
import { Checkbox } from '../../../components/Choice';

interface Props {
  ticketId: string;
  /** For the customer message's variables (number, first name). */
  ticket: Pick<TicketView, 'number'> & { contact: { name: string | null } };
  onDone(): void;
  onCancel(): void;
  /** AI assist is on for this ticket: offer "Summarize" to fill in what was done and what is next. */
  assist?: boolean;
}

/** The English sentence, for tests; the form shows the agent's language. */
export const HOLD_NOTE_REQUIRED = en.hold.noteRequired;

/** The form's refusal for the parts left empty: all of them, or the ones named. */
export function holdNoteRefusal(parts: HoldNoteParts): string | null {
  const missing = missingHoldParts(parts);
  if (missing.length === 0) return null;
  if (missing.length === 3) return i18n.t('hold.noteRequired');
  return i18n.t('hold.fillIn', {
    fields: missing
      .map((part) => i18n.t('hold.quoted', { label: i18n.t(`hold.${part}`) }))
      .join(i18n.t('hold.and')),
    // The server's own words for each part.
    reasons: missing.map((part) => HOLD_PART_REQUIRED[part]).join(', '),
  });
}

/** Puts a ticket on hold only with a note that carries the context forward. */
export function HoldForm({ ticketId, ticket, onDone, onCancel, assist = false }: Props) {
  const { t } = useTranslation();
  const [why, setWhy] = useState('');
  const [done, setDone] = useState('');
  const [next, setNext] = useState('');
  const [until, setUntil] = useState('');
  const [notifyCustomer, setNotifyCustomer] = useState(false);
  // The admin's template filled in for this ticket, until the agent edits the text.
  const [editedMessage, setEditedMessage] = useState<string | null>(null);
  const template = useHoldTemplate();
  const [error, setError] = useState<string | null>(null);
  const hold = useHoldTicket(ticketId);

  const untilIso = until && !Number.isNaN(new Date(until).getTime()) ? new Date(until).toISOString() : null;
  const customerMessage =
    editedMessage ??
    renderHoldMessage(template.data?.template ?? DEFAULT_HOLD_TEMPLATE, {
      ticket,
      contact: ticket.contact,
      until: untilIso,
      dateFormat: template.data?.customerDateFormat,
    });

  /** The hold note's three questions, each required, in the order a colleague reads them. */
  const noteParts = [
    { id: 'hold-why', label: t('hold.why'), example: t('hold.whyExample'), value: why, onChange: setWhy },
    {
      id: 'hold-done',
      label: t('hold.done'),
      example: t('hold.doneExample'),
      value: done,
      onChange: setDone,
    },
    {
      id: 'hold-next',
      label: t('hold.next'),
      example: t('hold.nextExample'),
      value: next,
      onChange: setNext,
    },
  ];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const refusal = holdNoteRefusal({ why, done, next });
    if (refusal) {
      setError(refusal);
      return;
    }
    const body: HoldBody = { why: why.trim(), done: done.trim(), next: next.trim(), notifyCustomer };
    if (until) {
      const date = new Date(until);
      if (Number.isNaN(date.getTime())) {
        setError(t('hold.untilInvalid'));
        return;
      }
      if (date.getTime() <= Date.now()) {
        setError(t('hold.untilPast'));
        return;
      }
      body.until = date.toISOString();
    }
    if (notifyCustomer) {
      if (!customerMessage.trim()) {
        setError(t('hold.messageMissing'));
        return;
      }
      body.customerMessage = customerMessage.trim();
    }
    setError(null);
    try {
      await hold.mutateAsync(body);
      onDone();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : t('hold.failed'));
    }
  }

  return (
    <form className="stack" onSubmit={submit} noValidate aria-describedby="hold-help">
      <p id="hold-help" className="muted">
        {t('hold.help')}
      </p>
      {assist && (
        <SummarizeButton
          ticketId={ticketId}
          onSummary={(summary) => {
            // Why it waits is the agent's own call; the conversation tells what was done and what is next.
            setDone(summary.parts?.tried || summary.text);
            setNext(summary.parts?.next ?? '');
          }}
        />
      )}
      {noteParts.map((part) => (
        <TextArea
          key={part.id}
          label={part.label}
          id={part.id}
          required
          rows={2}
          value={part.value}
          onChange={(e) => part.onChange(e.target.value)}
          placeholder={part.example}
        />
      ))}
      <Input
        label={t('hold.until')}
        id="hold-until"
        type="datetime-local"
        value={until}
        onChange={(e) => setUntil(e.target.value)}
      />
      <Checkbox
        label={until ? t('hold.tellCustomerUntil') : t('hold.tellCustomer')}
        checked={notifyCustomer}
        onChange={(e) => setNotifyCustomer(e.target.checked)}
      />
      {notifyCustomer && (
        <>
          <TextArea
            label={t('hold.customerMessage')}
            id="hold-customer-message"
            rows={4}
            value={customerMessage}
            onChange={(e) => setEditedMessage(e.target.value)}
            aria-describedby="hold-customer-help"
          />
          <p id="hold-customer-help" className="muted">
            {t('hold.sentOnChannel')}
            {editedMessage !== null ? ' ' : ''}
            {editedMessage !== null && (
              <Button className="link-button" onClick={() => setEditedMessage(null)}>
                {t('hold.useTemplate')}
              </Button>
            )}
          </p>
        </>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <Button type="submit" variant="primary" disabled={hold.isPending}>
          {hold.isPending ? t('hold.puttingOnHold') : t('hold.putOnHold')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}
