import { useReplySettings, useSaveReplySettings } from '../hooks/useReplySettings';

/** Workspace-wide reply behaviour; the switch saves at once, so there is no Save button to forget. */
export function ReplySettingsAdmin() {
  const settings = useReplySettings();
  const save = useSaveReplySettings();
  const assignOnReply = save.isPending
    ? Boolean(save.variables?.assignOnReply)
    : Boolean(settings.data?.assignOnReply);

  return (
    <section className="admin-section" aria-labelledby="reply-settings-heading">
      <h2 id="reply-settings-heading">Replying</h2>
      <label className="checkbox-row">
        <input
          type="checkbox"
          checked={assignOnReply}
          disabled={!settings.data || save.isPending}
          onChange={(e) => save.mutate({ assignOnReply: e.target.checked })}
          aria-describedby="reply-settings-help"
        />
        Assign a ticket nobody has to the agent who replies
      </label>
      <p id="reply-settings-help" className="muted">
        The timeline says why the ticket was assigned; a ticket someone already has keeps its assignee.
      </p>
      {save.isError && (
        <p role="alert" className="error">
          {save.error.message}
        </p>
      )}
      {save.isSuccess && (
        <p role="status" className="muted">
          {save.data.assignOnReply
            ? 'Replies now assign unassigned tickets.'
            : 'Replies no longer assign tickets.'}
        </p>
      )}
    </section>
  );
}
