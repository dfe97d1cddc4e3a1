import { useState, type FormEvent } from 'react';
import type { SavedViewView } from '@switchboard/contracts';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Dialog } from '../../../components/Dialog';
import { Input } from '../../../components/Input';
import { Menu } from '../../../components/Menu';
import { asSentence } from '../../../components/as-sentence';
import { useTranslation } from '../../../i18n';
import { useDeleteView, useRenameView } from '../hooks/useSavedViews';

const NAME_MAX = 80;
const TRIGGER_CLASSES = 'icon-button saved-view-menu';

/**
 * The ⋯ menu beside a saved view its viewer may change (their own, or a shared one they shared or,
 * as an admin, any): Rename asks for the new name, Delete asks before it removes the view for
 * everyone who sees it.
 */
export function SavedViewActions({ view, onDeleted }: { view: SavedViewView; onDeleted(): void }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<'rename' | 'delete' | null>(null);
  const remove = useDeleteView();
  return (
    <>
      <Menu
        label={t('queues.viewActions', { name: view.name })}
        trigger={<span aria-hidden="true">⋯</span>}
        triggerClassName={TRIGGER_CLASSES}
        items={[
          { id: 'rename', label: t('queues.renameView'), onSelect: () => setDialog('rename') },
          {
            id: 'delete',
            label: t('queues.deleteViewItem'),
            danger: true,
            onSelect: () => setDialog('delete'),
          },
        ]}
      />
      {dialog === 'rename' && <RenameViewDialog view={view} onClose={() => setDialog(null)} />}
      {dialog === 'delete' && (
        <ConfirmDialog
          title={t('queues.deleteViewTitle', { name: view.name })}
          message={<p>{view.shared ? t('queues.deleteSharedViewMessage') : t('queues.deleteViewMessage')}</p>}
          confirmLabel={t('queues.deleteViewItem')}
          danger
          onCancel={() => setDialog(null)}
          onConfirm={async () => {
            await remove.mutateAsync(view.id);
            setDialog(null);
            onDeleted();
          }}
        />
      )}
    </>
  );
}

function RenameViewDialog({ view, onClose }: { view: SavedViewView; onClose(): void }) {
  const { t } = useTranslation();
  const rename = useRenameView();
  const [name, setName] = useState(view.name);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError(t('queues.viewNeedsName'));
      return;
    }
    setError(null);
    try {
      if (trimmed !== view.name) await rename.mutateAsync({ id: view.id, name: trimmed });
      onClose();
    } catch (cause) {
      setError(asSentence(cause instanceof Error ? cause.message : t('common.didNotWork')));
    }
  }

  return (
    <Dialog title={t('queues.renameViewTitle', { name: view.name })} onClose={onClose}>
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
        <Input
          label={t('queues.viewName')}
          value={name}
          maxLength={NAME_MAX}
          onChange={(e) => setName(e.target.value)}
          error={error}
        />
        <div className="actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={rename.isPending}>
            {t('queues.renameView')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
