import { useEffect, useRef, useState } from 'react';
import type { MacroView } from '@switchboard/contracts';
import { Button } from '../../../components/Button';
import { useConfirm } from '../../../components/ConfirmDialog';
import { useTranslation } from '../../../i18n';
import { useMe } from '../../auth/hooks/useSession';
import { useUsers } from '../../tickets/hooks/useDirectory';
import { useMacroMutations, useMacros } from '../hooks/useMacros';
import { MacroEditor } from './MacroEditor';
import { MacroList } from './MacroList';
import '../../rules/rules.css';

type Editing = { kind: 'new' } | { kind: 'edit'; macro: MacroView } | null;

/**
 * Any agent's own macros, to make, change and delete: only personal ones (sharing stays with
 * supervisors and admins in Admin → Macros), so the editor never offers to share.
 */
export function MyMacros({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const me = useMe();
  const macros = useMacros();
  const agents = (useUsers().data ?? []).map((a) => ({ id: a.id, name: a.name }));
  const { create, update, remove } = useMacroMutations();
  const { confirm, dialog } = useConfirm();
  const [editing, setEditing] = useState<Editing>(null);
  const root = useRef<HTMLDivElement>(null);
  // The button that opened this view is gone; keep focus (and Escape) inside the dialog.
  useEffect(() => root.current?.querySelector('button')?.focus(), []);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const problem = error ?? (macros.isError ? macros.error.message : null);
  const mine = (macros.data ?? []).filter((m) => !m.shared && m.ownerId === me.id);

  async function deleteMacro(macro: MacroView) {
    const yes = await confirm({
      title: t('macros.deleteTitle', { name: macro.name }),
      message: <p>{t('macros.deleteMessage')}</p>,
      confirmLabel: t('rules.delete'),
      danger: true,
    });
    if (!yes) return;
    setNotice(null);
    setError(null);
    try {
      await remove.mutateAsync(macro.id);
      setNotice(t('macros.deleted', { name: macro.name }));
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : t('common.didNotWork'));
    }
  }

  return (
    <div ref={root} className="stack my-macros">
      <p className="muted">{t('myMacros.intro')}</p>
      <p role="status" className="muted">
        {notice}
      </p>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      {editing ? (
        <MacroEditor
          key={editing.kind === 'edit' ? editing.macro.id : 'new'}
          macro={editing.kind === 'edit' ? editing.macro : undefined}
          canShare={false}
          agents={agents}
          busy={create.isPending || update.isPending}
          onCancel={() => setEditing(null)}
          onSave={async (body) => {
            setNotice(null);
            const personal = { ...body, shared: false };
            if (editing.kind === 'edit') await update.mutateAsync({ id: editing.macro.id, body: personal });
            else await create.mutateAsync(personal);
            setNotice(t('myMacros.saved', { name: body.name }));
            setEditing(null);
          }}
        />
      ) : (
        <div className="actions">
          <Button variant="primary" onClick={() => setEditing({ kind: 'new' })}>
            {t('macros.new')}
          </Button>
          <Button onClick={onDone}>{t('myMacros.back')}</Button>
        </div>
      )}
      {macros.isPending ? (
        <p className="muted">{t('common.loading')}</p>
      ) : mine.length === 0 ? (
        <p className="muted">{t('myMacros.empty')}</p>
      ) : (
        <MacroList
          macros={mine}
          label={t('myMacros.listLabel')}
          showScope={false}
          onEdit={(macro) => setEditing({ kind: 'edit', macro })}
          onDelete={(macro) => void deleteMacro(macro)}
        />
      )}
      {dialog}
    </div>
  );
}
