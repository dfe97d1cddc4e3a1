import { useState, type FormEvent } from 'react';
import {
  DEFAULT_HOLD_TEMPLATE,
  HOLD_PART_REQUIRED,
  missingHoldParts,
  renderHoldMessage,
  type HoldBody,
  type HoldNoteParts,
  type TicketView,
} from '@switchboard/contracts';
import { useHoldTemplate } from '../hooks/useHoldTemplate';
import { useHoldTicket } from '../hooks/useHoldTicket';

interface Props {
  ticketId: string;
  /** For the customer message's variables (number, first name). */
  ticket: Pick<TicketView, 'number'> & { contact: { name: string | null } };
  onDone(): void;
  onCancel(): void;
}

export const HOLD_NOTE_REQUIRED =
  'A hold note is required: say why the ticket waits, what was done and what comes next, so nobody has to ask the customer again.';

const PART_LABELS: Record<keyof HoldNoteParts, string> = {
  why: '"Why is it on hold?"',
  done: '"What was done so far?"',
  next: '"What is next?"',
};

/** The form's refusal for the parts left empty: all of them, or the ones named. */
export function holdNoteRefusal(parts: HoldNoteParts): string | null {
  const missing = missingHoldParts(parts);
  if (missing.length === 0) return null;
  if (missing.length === 3) return HOLD_NOTE_REQUIRED;
  return `Fill in ${missing.map((part) => PART_LABELS[part]).join(' and ')}: ${missing.map((part) => HOLD_PART_REQUIRED[part]).join(', ')}.`;
}

/** Puts a ticket on hold only with a note that carries the context forward. */
export function HoldForm({ ticketId, ticket, onDone, onCancel }: Props) {
  const [why, setWhy] = useState('');
  const [done, setDone] = useState('');
  const [next, setNext] = useState('');
  const [until, setUntil] = useState('');
  const [notifyCustomer, setNotifyCustomer] = useState(false);
  // The admin's template filled in for this ticket, until the agent edits the text (#3).
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
        setError('"Until" is not a valid date and time.');
        return;
      }
      if (date.getTime() <= Date.now()) {
        setError('"Until" must be in the future.');
        return;
      }
      body.until = date.toISOString();
    }
    if (notifyCustomer) {
      if (!customerMessage.trim()) {
        setError('Write the message to the customer, or untick "Tell the customer".');
        return;
      }
      body.customerMessage = customerMessage.trim();
    }
    setError(null);
    try {
      await hold.mutateAsync(body);
      onDone();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : 'The hold failed.');
    }
  }

  return (
    <form className="stack" onSubmit={submit} noValidate aria-describedby="hold-help">
      <p id="hold-help" className="muted">
        The next person to open this ticket reads this first. All three questions need an answer.
      </p>
      <label htmlFor="hold-why">Why is it on hold?</label>
      <textarea
        id="hold-why"
        required
        rows={2}
        value={why}
        onChange={(e) => setWhy(e.target.value)}
        placeholder="Waiting for the warehouse to confirm stock"
      />
      <label htmlFor="hold-done">What was done so far?</label>
      <textarea
        id="hold-done"
        required
        rows={2}
        value={done}
        onChange={(e) => setDone(e.target.value)}
        placeholder="Checked the order; emailed the warehouse"
      />
      <label htmlFor="hold-next">What is next?</label>
      <textarea
        id="hold-next"
        required
        rows={2}
        value={next}
        onChange={(e) => setNext(e.target.value)}
        placeholder="Tell the customer the delivery date"
      />
      <label htmlFor="hold-until">Until (optional)</label>
      <input id="hold-until" type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={notifyCustomer}
          onChange={(e) => setNotifyCustomer(e.target.checked)}
        />
        Tell the customer their request is on hold{until ? ' and until when' : ''}
      </label>
      {notifyCustomer && (
        <>
          <label htmlFor="hold-customer-message">Message to the customer</label>
          <textarea
            id="hold-customer-message"
            rows={4}
            value={customerMessage}
            onChange={(e) => setEditedMessage(e.target.value)}
            aria-describedby="hold-customer-help"
          />
          <p id="hold-customer-help" className="muted">
            Sent on the customer's channel.{editedMessage !== null ? ' ' : ''}
            {editedMessage !== null && (
              <button type="button" className="link-button" onClick={() => setEditedMessage(null)}>
                Use the template again
              </button>
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
        <button type="submit" className="primary" disabled={hold.isPending}>
          {hold.isPending ? 'Putting on hold…' : 'Put on hold'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
