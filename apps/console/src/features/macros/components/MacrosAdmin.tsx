import { useState } from 'react';
import type { MacroView } from '@switchboard/contracts';
import { Button } from '../../../components/Button';
import { useConfirm } from '../../../components/ConfirmDialog';
import { useToast } from '../../../components/Toast';
import { useTranslation } from '../../../i18n';
import { useMe } from '../../auth/hooks/useSession';
import { useUsers } from '../../tickets/hooks/useDirectory';
import { useMacroMutations, useMacros } from '../hooks/useMacros';
import { MacroEditor } from './MacroEditor';
import { MacroList } from './MacroList';
import '../../rules/rules.css';

type Editing = { kind: 'new' } | { kind: 'edit'; macro: MacroView } | null;

/** `#/admin/macros`: personal and shared macros, to make, change and delete. */
export default function MacrosAdmin() {
  const { t } = useTranslation();
  const me = useMe();
  const macros = useMacros();
  const agents = (useUsers().data ?? []).map((a) => ({ id: a.id, name: a.name }));
  const { create, update, remove } = useMacroMutations();
  const { confirm, dialog } = useConfirm();
  const toast = useToast();
  const [editing, setEditing] = useState<Editing>(null);
  const canShare = me.role !== 'agent';
  const list = macros.data ?? [];

  async function deleteMacro(macro: MacroView) {
    const yes = await confirm({
      title: t('macros.deleteTitle', { name: macro.name }),
      message: <p>{t(macro.shared ? 'macros.deleteSharedMessage' : 'macros.deleteMessage')}</p>,
      confirmLabel: t('rules.delete'),
      danger: true,
    });
    if (!yes) return;
    toast.clear();
    try {
      await remove.mutateAsync(macro.id);
      toast.success(t('macros.deleted', { name: macro.name }));
    } catch (cause) {
      toast.error(cause instanceof Error ? cause.message : t('common.didNotWork'));
    }
  }

  return (
    <section className="admin-section rules-admin" aria-labelledby="macros-heading">
      <h2 id="macros-heading">{t('macros.heading')}</h2>
      <p className="muted">{t('macros.intro')}</p>
      {macros.isError && (
        <p className="form-error" role="alert">
          {macros.error.message}
        </p>
      )}
      {editing ? (
        <MacroEditor
          key={editing.kind === 'edit' ? editing.macro.id : 'new'}
          macro={editing.kind === 'edit' ? editing.macro : undefined}
          canShare={canShare}
          agents={agents}
          busy={create.isPending || update.isPending}
          onCancel={() => setEditing(null)}
          onSave={async (body) => {
            toast.clear();
            if (editing.kind === 'edit') await update.mutateAsync({ id: editing.macro.id, body });
            else await create.mutateAsync(body);
            toast.success(t('macros.saved', { name: body.name }));
            setEditing(null);
          }}
        />
      ) : (
        <Button variant="primary" onClick={() => setEditing({ kind: 'new' })}>
          {t('macros.new')}
        </Button>
      )}
      {macros.isPending ? (
        <p className="empty-state">{t('common.loading')}</p>
      ) : list.length === 0 ? (
        <p className="empty-state">{t('macros.empty')}</p>
      ) : (
        <MacroList
          macros={list}
          label={t('macros.listLabel')}
          showScope
          onEdit={(macro) => setEditing({ kind: 'edit', macro })}
          onDelete={(macro) => void deleteMacro(macro)}
        />
      )}
      {dialog}
      {toast.region}
    </section>
  );
}
