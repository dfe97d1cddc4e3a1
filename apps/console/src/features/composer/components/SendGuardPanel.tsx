import type { MessageView } from '@switchboard/contracts';

interface Props {
  arrivals: MessageView[];
  onSend(): void;
  onDiscard(): void;
  onKeepEditing(): void;
}

/** Holds a reply that was drafted before newer messages arrived, and shows those messages. */
export function SendGuardPanel({ arrivals, onSend, onDiscard, onKeepEditing }: Props) {
  const fromCustomer = arrivals.some((m) => m.direction === 'in');
  return (
    <div className="send-guard" role="alert" aria-labelledby="send-guard-title">
      <h3 id="send-guard-title">
        Reply held: {fromCustomer ? 'the customer wrote again' : 'a colleague replied'} while you were writing
      </h3>
      <p>Read what arrived, then send your reply as it is or discard it.</p>
      <ul className="send-guard-arrivals">
        {arrivals.map((m) => (
          <li key={m.id}>
            <strong>{m.authorName ?? (m.direction === 'in' ? 'Customer' : 'Colleague')}:</strong>{' '}
            {m.text.slice(0, 280)}
          </li>
        ))}
      </ul>
      <div className="actions">
        <button type="button" className="primary" onClick={onSend}>
          Review and send
        </button>
        <button type="button" onClick={onKeepEditing}>
          Keep editing
        </button>
        <button type="button" className="danger" onClick={onDiscard}>
          Discard draft
        </button>
      </div>
    </div>
  );
}
