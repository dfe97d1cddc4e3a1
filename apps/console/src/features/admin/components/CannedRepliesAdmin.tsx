import { useState, type FormEvent } from 'react';
import type { CannedReplyView } from '@switchboard/contracts';
import { asSentence } from '../../../components/as-sentence';
import { useConfirm } from '../../../components/ConfirmDialog';
import { useCannedReplyAdmin } from '../hooks/useCannedReplyAdmin';
import { useTranslation } from '../../../i18n';
import { Input, TextArea } from '../../../components/Input';
import { Button } from '../../../components/Button';

const VARIABLES =
  '{{contact.first_name}}, {{contact.name}}, {{agent.name}}, {{ticket.number}}, {{ticket.subject}}';

function CannedReplyForm({
  initial,
  busy,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial?: Pick<CannedReplyView, 'title' | 'body'>;
  busy: boolean;
  submitLabel: string;
  onSubmit(value: { title: string; body: string }): Promise<void>;
  onCancel?(): void;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(initial?.title ?? '');
  const [body, setBody] = useState(initial?.body ?? '');
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim() || !body.trim()) {
      setError(t('adminScreens.canned.needsTitleAndText'));
      return;
    }
    setError(null);
    try {
      await onSubmit({ title: title.trim(), body });
      if (!initial) {
        setTitle('');
        setBody('');
      }
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : t('adminScreens.savingFailed'));
    }
  }

  return (
    <form className="stack canned-form" onSubmit={submit} noValidate>
      <Input
        label={t('adminScreens.canned.title')}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        maxLength={120}
      />
      <TextArea
        label={t('adminScreens.canned.text')}
        rows={5}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        hint={t('adminScreens.variables', { list: VARIABLES })}
      />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <Button type="submit" variant="primary" disabled={busy}>
          {submitLabel}
        </Button>
        {onCancel && <Button onClick={onCancel}>{t('common.cancel')}</Button>}
      </div>
    </form>
  );
}

/** Admins write the canned replies every agent can insert from the composer. */
export function CannedRepliesAdmin() {
  const { list, create, update, remove } = useCannedReplyAdmin();
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { confirm, dialog } = useConfirm();
  const { t } = useTranslation();

  async function del(reply: CannedReplyView) {
    setError(null);
    const confirmed = await confirm({
      title: t('adminScreens.canned.deleteTitle', { title: reply.title }),
      message: <p>{t('adminScreens.canned.deleteMessage')}</p>,
      confirmLabel: t('adminScreens.delete'),
      danger: true,
    });
    if (!confirmed) return;
    try {
      await remove.mutateAsync(reply.id);
    } catch (cause) {
      setError(asSentence(cause instanceof Error ? cause.message : t('adminScreens.deletingFailed')));
    }
  }

  return (
    <section className="admin-section" aria-labelledby="canned-heading">
      <h2 id="canned-heading">{t('adminScreens.canned.heading')}</h2>
      {list.isError && (
        <p className="form-error" role="alert">
          {list.error.message}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <ul className="canned-list" aria-label={t('adminScreens.canned.heading')}>
        {(list.data ?? []).map((reply) => (
          <li key={reply.id} className="canned-item">
            {editing === reply.id ? (
              <CannedReplyForm
                initial={reply}
                busy={update.isPending}
                submitLabel={t('adminScreens.saveChanges')}
                onCancel={() => setEditing(null)}
                onSubmit={async (value) => {
                  await update.mutateAsync({ id: reply.id, body: value });
                  setEditing(null);
                }}
              />
            ) : (
              <>
                <div className="canned-summary">
                  <strong>{reply.title}</strong>
                  <pre className="canned-body">{reply.body}</pre>
                </div>
                <div className="actions">
                  <Button
                    onClick={() => setEditing(reply.id)}
                    aria-label={t('adminScreens.editNamed', { name: reply.title })}
                  >
                    {t('adminScreens.edit')}
                  </Button>
                  <Button
                    onClick={() => void del(reply)}
                    aria-label={t('adminScreens.deleteNamed', { name: reply.title })}
                    disabled={remove.isPending}
                  >
                    {t('adminScreens.delete')}
                  </Button>
                </div>
              </>
            )}
          </li>
        ))}
        {list.data?.length === 0 && <li className="muted">{t('adminScreens.canned.none')}</li>}
      </ul>
      <h3>{t('adminScreens.canned.newHeading')}</h3>
      <CannedReplyForm
        busy={create.isPending}
        submitLabel={t('adminScreens.canned.add')}
        onSubmit={async (value) => void (await create.mutateAsync(value))}
      />
      {dialog}
    </section>
  );
}
