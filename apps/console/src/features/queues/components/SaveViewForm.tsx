import { useId, useState } from 'react';
import type { SavedViewView, UserView } from '@switchboard/contracts';
import type { TicketFilters } from '../../../lib/ticket-filters';
import { viewFiltersOf } from '../api/saved-views-api';
import { useSaveView } from '../hooks/useSavedViews';
import { useTranslation } from '../../../i18n';
import { Button } from '../../../components/Button';
import { Input } from '../../../components/Input';
import { Checkbox } from '../../../components/Choice';

interface Props {
  me: Pick<UserView, 'role'>;
  filters: TicketFilters;
  onSaved(view: SavedViewView): void;
}

/** Saves the current queue, filters and sort under a name; supervisors and admins may share it. */
export function SaveViewForm({ me, filters, onSaved }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const save = useSaveView();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const mayShare = me.role === 'supervisor' || me.role === 'admin';

  if (!open)
    return (
      <Button className="link-button save-view-open" onClick={() => setOpen(true)}>
        {t('queues.saveAsViewOpen')}
      </Button>
    );
  return (
    <form
      className="save-view"
      aria-label={t('queues.saveAsView')}
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
      <Input
        label={t('queues.viewName')}
        id={`${id}-name`}
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={80}
        required
      />
      {mayShare && (
        <Checkbox
          label={t('queues.shareWithEveryone')}
          checked={shared}
          onChange={(e) => setShared(e.target.checked)}
        />
      )}
      {save.isError && (
        <p className="form-error" role="alert">
          {save.error.message}
        </p>
      )}
      <div className="save-view-actions">
        <Button type="submit" variant="primary" disabled={save.isPending || !name.trim()}>
          {t('queues.saveView')}
        </Button>
        <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}
