import { useId, useState, type FormEvent } from 'react';
import type { CannedReplyView } from '@switchboard/contracts';
import { asSentence } from '../../../components/as-sentence';
import { useConfirm } from '../../../components/ConfirmDialog';
import { useCannedReplyAdmin } from '../hooks/useCannedReplyAdmin';

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
  const id = useId();
  const [title, setTitle] = useState(initial?.title ?? '');
  const [body, setBody] = useState(initial?.body ?? '');
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim() || !body.trim()) {
      setError('A canned reply needs a title and a text.');
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
      setError(cause instanceof Error ? cause.message : 'Saving failed.');
    }
  }

  return (
    <form className="stack canned-form" onSubmit={submit} noValidate>
      <label htmlFor={`${id}-title`}>Title</label>
      <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={120} />
      <label htmlFor={`${id}-body`}>Text</label>
      <textarea
        id={`${id}-body`}
        rows={5}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        aria-describedby={`${id}-vars`}
      />
      <p id={`${id}-vars`} className="muted">
        Variables: {VARIABLES}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
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

  async function del(reply: CannedReplyView) {
    setError(null);
    const confirmed = await confirm({
      title: `Delete the canned reply "${reply.title}"?`,
      message: <p>Agents can no longer insert it. This cannot be undone.</p>,
      confirmLabel: 'Delete',
      danger: true,
    });
    if (!confirmed) return;
    try {
      await remove.mutateAsync(reply.id);
    } catch (cause) {
      setError(asSentence(cause instanceof Error ? cause.message : 'Deleting failed.'));
    }
  }

  return (
    <section className="admin-section" aria-labelledby="canned-heading">
      <h2 id="canned-heading">Canned replies</h2>
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
      <ul className="canned-list" aria-label="Canned replies">
        {(list.data ?? []).map((reply) => (
          <li key={reply.id} className="canned-item">
            {editing === reply.id ? (
              <CannedReplyForm
                initial={reply}
                busy={update.isPending}
                submitLabel="Save changes"
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
                  <button
                    type="button"
                    onClick={() => setEditing(reply.id)}
                    aria-label={`Edit ${reply.title}`}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    onClick={() => void del(reply)}
                    aria-label={`Delete ${reply.title}`}
                    disabled={remove.isPending}
                  >
                    Delete
                  </button>
                </div>
              </>
            )}
          </li>
        ))}
        {list.data?.length === 0 && <li className="muted">No canned replies yet.</li>}
      </ul>
      <h3>New canned reply</h3>
      <CannedReplyForm
        busy={create.isPending}
        submitLabel="Add canned reply"
        onSubmit={async (value) => void (await create.mutateAsync(value))}
      />
      {dialog}
    </section>
  );
}
