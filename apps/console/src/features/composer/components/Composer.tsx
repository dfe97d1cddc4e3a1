import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { TicketView } from '@switchboard/contracts';
import type { TimelineEntry } from '../../../lib/timeline';
import { useMe } from '../../auth/hooks/useSession';
import { useLive } from '../../presence/hooks/useLive';
import { channelName } from '../../tickets/components/ChannelIcon';
import { renderCannedReply, type ComposerKind } from '../api/composer-api';
import { useCannedReplies } from '../hooks/useCannedReplies';
import { usePostMessage } from '../hooks/usePostMessage';
import { useReplyAttachments } from '../hooks/useReplyAttachments';
import { AttachmentPicker } from './AttachmentPicker';
import { useSendGuard } from '../hooks/useSendGuard';
import { ReplyRouting, useReplyRouting, type ReplyRoutingTicket } from './ReplyRouting';
import { SendGuardPanel } from './SendGuardPanel';
import { useMentionAutocomplete } from '../hooks/useMentionAutocomplete';
import { MentionSuggestions } from './MentionSuggestions';

/** Drafts survive switching tickets and reloading the tab, but not the browser session. */
const drafts = {
  get: (key: string) => sessionStorage.getItem(`switchboard.draft:${key}`),
  set: (key: string, value: string) => sessionStorage.setItem(`switchboard.draft:${key}`, value),
  delete: (key: string) => sessionStorage.removeItem(`switchboard.draft:${key}`),
};

interface Props {
  ticket: Pick<TicketView, 'id' | 'number' | 'subject' | 'channel'> & {
    contact: { name: string | null } & ReplyRoutingTicket['contact'];
  } & Pick<ReplyRoutingTicket, 'reply'>;
  entries: TimelineEntry[];
  kind: ComposerKind;
  onKindChange(kind: ComposerKind): void;
  /** Changes when a shortcut asks for the composer (r / n), to move focus into it. */
  focusRequest?: number;
}

export function Composer({ ticket, entries, kind, onKindChange, focusRequest }: Props) {
  const me = useMe();
  const live = useLive();
  const id = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const draftKey = (k: ComposerKind) => `${ticket.id}:${k}`;
  const [text, setText] = useState(() => drafts.get(draftKey(kind)) ?? '');
  const [error, setError] = useState<string | null>(null);
  const [held, setHeld] = useState(false);
  const [sentNotice, setSentNotice] = useState<string | null>(null);
  const post = usePostMessage(ticket.id);
  const routing = useReplyRouting(ticket); // which identity, which WhatsApp template
  const canned = useCannedReplies();
  const attachments = useReplyAttachments(ticket.id); // files for email replies
  const byEmail = kind === 'reply' && (routing.identity?.replyAccount?.kind ?? ticket.channel) === 'email';
  const mention = useMentionAutocomplete({
    enabled: kind === 'note',
    text,
    textRef,
    meId: me.id,
    onChange: (next) => change(next),
  }); // offers colleagues while typing @ in a note
  const drafting = kind === 'reply' && text.trim().length > 0;
  const guard = useSendGuard(entries, me.id, drafting);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    setText(drafts.get(draftKey(kind)) ?? '');
    setError(null);
    setHeld(false);
    // A draft is loaded when the agent opens another ticket or switches reply/note, not on every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind, ticket.id]);

  useEffect(() => {
    if (focusRequest) textRef.current?.focus();
  }, [focusRequest]);

  useEffect(
    () => () => {
      if (typingTimer.current) {
        clearTimeout(typingTimer.current);
        live?.typing(ticket.id, kind, false);
      }
    },
    [live, ticket.id, kind],
  );

  function change(value: string) {
    setText(value);
    drafts.set(draftKey(kind), value);
    setError(null);
    setSentNotice(null);
    if (!live) return;
    if (!typingTimer.current) live.typing(ticket.id, kind, true);
    else clearTimeout(typingTimer.current);
    typingTimer.current = setTimeout(() => {
      typingTimer.current = null;
      live.typing(ticket.id, kind, false);
    }, 4_000);
  }

  function clearDraft() {
    setText('');
    drafts.delete(draftKey(kind));
    setHeld(false);
  }

  async function send(afterReview = false) {
    const templated = kind === 'reply' ? routing.body() : null;
    const body = templated ?? text.trim();
    if (templated && routing.problem()) {
      setError(routing.problem());
      return;
    }
    if (!body) {
      setError(kind === 'reply' ? 'Write a reply before sending.' : 'Write a note before saving.');
      textRef.current?.focus();
      return;
    }
    if (byEmail && attachments.uploading) {
      setError('Wait until the files have uploaded.');
      return;
    }
    if (byEmail && attachments.files.some((f) => f.error)) {
      setError('Remove the files that could not be uploaded before sending.');
      return;
    }
    if (kind === 'reply' && guard.arrivals.length > 0 && !afterReview) {
      setHeld(true);
      return;
    }
    setError(null);
    try {
      const attachmentIds = byEmail ? attachments.ids() : [];
      await post.mutateAsync({
        kind,
        body,
        ...(kind === 'reply' ? routing.extras() : {}),
        ...(attachmentIds.length ? { attachmentIds } : {}),
      });
      if (attachmentIds.length) attachments.clear();
      if (templated) routing.reset();
      else clearDraft();
      setSentNotice(kind === 'reply' ? 'Reply queued for sending.' : 'Note saved.');
      if (typingTimer.current) {
        clearTimeout(typingTimer.current);
        typingTimer.current = null;
        live?.typing(ticket.id, kind, false);
      }
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : 'Sending failed.');
    }
  }

  function insertCanned(replyId: string) {
    const reply = canned.data?.find((r) => r.id === replyId);
    if (!reply) return;
    const rendered = renderCannedReply(reply.body, {
      contact: ticket.contact,
      agent: { name: me.name },
      ticket,
    });
    const el = textRef.current;
    const at = el?.selectionStart ?? text.length;
    const next = text.slice(0, at) + rendered + text.slice(el?.selectionEnd ?? at);
    change(next);
    requestAnimationFrame?.(() => textRef.current?.focus());
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (mention.onKeyDown(event)) return;
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    } else if (event.key === 'Escape') {
      textRef.current?.blur();
    }
  }

  const tab = (k: ComposerKind, label: string) => (
    <button
      type="button"
      role="tab"
      id={`${id}-tab-${k}`}
      aria-selected={kind === k}
      aria-controls={`${id}-panel`}
      className={`tab${kind === k ? ' selected' : ''}`}
      onClick={() => onKindChange(k)}
    >
      {label}
    </button>
  );

  return (
    <section className={`composer composer-${kind}`} aria-label="Composer">
      <div role="tablist" aria-label="Write a" className="tabs">
        {tab('reply', 'Reply')}
        {tab('note', 'Internal note')}
      </div>
      <div id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-tab-${kind}`}>
        <p className="composer-hint muted">
          {kind === 'reply'
            ? `Goes to the customer by ${channelName(ticket.channel)}.`
            : 'Only colleagues see notes. Mention someone with @name.'}
        </p>
        {kind === 'reply' && guard.arrivals.length > 0 && !held && (
          <p className="notice" role="status">
            New{' '}
            {guard.arrivals.some((m) => m.direction === 'in') ? 'customer message' : 'reply from a colleague'}{' '}
            since you started this draft.
          </p>
        )}
        {held && (
          <SendGuardPanel
            arrivals={guard.arrivals}
            onSend={() => {
              guard.acknowledge();
              void send(true);
            }}
            onDiscard={() => {
              clearDraft();
              guard.acknowledge();
            }}
            onKeepEditing={() => {
              guard.acknowledge();
              setHeld(false);
              textRef.current?.focus();
            }}
          />
        )}
        {kind === 'reply' && <ReplyRouting routing={routing} />}
        <label htmlFor={`${id}-text`} className="visually-hidden">
          {kind === 'reply' ? 'Reply to the customer' : 'Internal note'}
        </label>
        <textarea
          id={`${id}-text`}
          ref={textRef}
          className="composer-text"
          rows={5}
          hidden={kind === 'reply' && !!routing.template}
          value={text}
          placeholder={
            kind === 'reply'
              ? 'Write a reply…  (Ctrl+Enter sends)'
              : 'Write an internal note…  (Ctrl+Enter saves)'
          }
          onChange={(e) => {
            change(e.target.value);
            mention.track();
          }}
          onKeyDown={onKeyDown}
          onKeyUp={(e) =>
            (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home' || e.key === 'End') &&
            mention.track()
          }
          onClick={mention.track}
          aria-autocomplete={kind === 'note' ? 'list' : undefined}
          aria-controls={mention.open ? `${id}-mentions` : undefined}
          aria-activedescendant={mention.open ? `${id}-mentions-${mention.active}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        <MentionSuggestions id={`${id}-mentions`} mention={mention} />
        {byEmail && <AttachmentPicker attachments={attachments} />}
        {error && (
          <p id={`${id}-error`} className="form-error" role="alert">
            {error}
          </p>
        )}
        {sentNotice && (
          <p className="muted" role="status">
            {sentNotice}
          </p>
        )}
        <div className="composer-actions">
          <label>
            <span className="visually-hidden">Insert canned reply</span>
            <select
              aria-label="Insert canned reply"
              value=""
              onChange={(e) => {
                insertCanned(e.target.value);
                e.target.value = '';
              }}
            >
              <option value="">Canned reply…</option>
              {(canned.data ?? []).map((r) => (
                <option key={r.id} value={r.id}>
                  {r.title}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="primary"
            disabled={post.isPending || held}
            onClick={() => void send()}
          >
            {post.isPending ? 'Sending…' : kind === 'reply' ? 'Send reply' : 'Save note'}
          </button>
        </div>
      </div>
    </section>
  );
}
