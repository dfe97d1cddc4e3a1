import { useId, useState } from 'react';
import type { SavedViewView, UserView } from '@switchboard/contracts';
import type { TicketFilters } from '../../../lib/ticket-filters';
import { viewFiltersOf } from '../api/saved-views-api';
import { useSaveView } from '../hooks/useSavedViews';

interface Props {
  me: Pick<UserView, 'role'>;
  filters: TicketFilters;
  onSaved(view: SavedViewView): void;
}

/** Saves the current queue, filters and sort under a name; supervisors and admins may share it. */
export function SaveViewForm({ me, filters, onSaved }: Props) {
  const id = useId();
  const save = useSaveView();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const mayShare = me.role === 'supervisor' || me.role === 'admin';

  if (!open)
    return (
      <button type="button" className="link-button save-view-open" onClick={() => setOpen(true)}>
        Save as view…
      </button>
    );
  return (
    <form
      className="save-view"
      aria-label="Save as view"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          { name, shared, ...viewFiltersOf(filters) },
          {
            onSuccess: (view) => {
              setOpen(false);
              setName('');
              onSaved(view);
            },
          },
        );
      }}
    >
      <label htmlFor={`${id}-name`}>View name</label>
      <input
        id={`${id}-name`}
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={80}
        required
      />
      {mayShare && (
        <label>
          <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} /> Share with
          everyone
        </label>
      )}
      {save.isError && (
        <p className="form-error" role="alert">
          {save.error.message}
        </p>
      )}
      <div className="save-view-actions">
        <button type="submit" className="primary" disabled={save.isPending || !name.trim()}>
          Save view
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
