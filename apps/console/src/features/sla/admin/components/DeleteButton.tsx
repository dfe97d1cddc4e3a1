import { useState } from 'react';

/**
 * "Delete" that asks once, in place (no browser dialog): a second button confirms, Cancel or
 * Escape backs out. The server's refusal (a policy still in use) shows beside it.
 */
export function DeleteButton({
  what,
  pending,
  error,
  onConfirm,
}: {
  what: string;
  pending: boolean;
  error: string | null;
  onConfirm(): void;
}) {
  const [asking, setAsking] = useState(false);
  return (
    <span className="sla-admin-delete" onKeyDown={(e) => e.key === 'Escape' && setAsking(false)}>
      {asking ? (
        <span role="group" aria-label={`Delete ${what}?`}>
          <span className="meta">Delete {what}?</span>{' '}
          <button type="button" className="danger" disabled={pending} onClick={onConfirm}>
            Yes, delete
          </button>{' '}
          <button type="button" onClick={() => setAsking(false)}>
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" aria-label={`Delete ${what}`} onClick={() => setAsking(true)}>
          Delete
        </button>
      )}
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
