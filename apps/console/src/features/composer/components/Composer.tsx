import { useTranslation } from '../../../i18n';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { MessageView, TicketView } from '@switchboard/contracts';
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
import '../reply-workflow.css';
import { useSlashCannedReplies } from '../hooks/useSlashCannedReplies';
import { CannedSuggestions } from './CannedSuggestions';
import { SuggestReplyButton } from '../../assist/components/SuggestReplyButton';
import { ReplyDeliveryStatus } from './ReplyDeliveryStatus';
import { FormattingToolbar, applyFormat } from './FormattingToolbar';
import { ArticleLinkPicker } from '../../kb/components/ArticleLinkPicker';
import { Button } from '../../../components/Button';
import { Select } from '../../../components/Select';
import { SendMenuButton, type StatusAfterSend } from './SendMenuButton';
import { useStatusAfterSend } from '../hooks/useStatusAfterSend';
import { SolvedByDialog } from './SolvedByDialog';
import type { TextEdit } from '../lib/markdown-edit';
import { MacroPicker } from '../../macros/components/MacroPicker';

/** Drafts survive switching tickets and reloading the tab, but not the browser session. */
const drafts = {
  get: (key: string) => sessionStorage.getItem(`switchboard.draft:${key}`),
  set: (key: string, value: string) => sessionStorage.setItem(`switchboard.draft:${key}`, value),
  delete: (key: string) => sessionStorage.removeItem(`switchboard.draft:${key}`),
};

interface Props {
  ticket: Pick<TicketView, 'id' | 'number' | 'subject' | 'channel'> &
    Partial<Pick<TicketView, 'assigneeId' | 'status'>> & {
      contact: { name: string | null } & ReplyRoutingTicket['contact'];
    } & Pick<ReplyRoutingTicket, 'reply'>;
  entries: TimelineEntry[];
  kind: ComposerKind;
  onKindChange(kind: ComposerKind): void;
  /** Changes when a shortcut asks for the composer (r / n), to move focus into it. */
  focusRequest?: number;
  /** Opens the hold form, after a reply sent with "Send and put on hold". */
  onRequestHold?(): void;
  /** AI assist is on for this ticket: offer "Suggest reply". */
  assist?: boolean;
}

export function Composer({
  ticket,
  entries,
  kind,
  onKindChange,
  focusRequest,
  onRequestHold,
  assist = false,
}: Props) {
  const me = useMe();
  const live = useLive();
  const id = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const draftKey = (k: ComposerKind) => `${ticket.id}:${k}`;
  const [text, setText] = useState(() => drafts.get(draftKey(kind)) ?? '');
  const [error, setError] = useState<string | null>(null);
  const [held, setHeld] = useState(false);
  const [sentNotice, setSentNotice] = useState<string | null>(null);
  const [sentReply, setSentReply] = useState<MessageView | null>(null);
  // What to do with the ticket once the reply is stored; kept while the send guard asks for review.
  const afterSend = useRef<StatusAfterSend | null>(null);
  const statusAfter = useStatusAfterSend(ticket, onRequestHold);
  const post = usePostMessage(ticket.id);
  const { t } = useTranslation();
  const routing = useReplyRouting(ticket); // which identity, which WhatsApp template
  const canned = useCannedReplies();
  const attachments = useReplyAttachments({ ticketId: ticket.id }); // files for email replies
  const byEmail = kind === 'reply' && (routing.identity?.replyAccount?.kind ?? ticket.channel) === 'email';
  const mention = useMentionAutocomplete({
    enabled: kind === 'note',
    text,
    textRef,
    meId: me.id,
    onChange: (next) => change(next),
  }); // offers colleagues while typing @ in a note
  const slash = useSlashCannedReplies({
    enabled: kind === 'reply',
    replies: canned.data,
    text,
    textRef,
    render: (body) => renderCannedReply(body, { contact: ticket.contact, agent: { name: me.name }, ticket }),
    onChange: (next) => change(next),
  }); // "/" at the start of a word searches the canned replies
  const drafting = kind === 'reply' && text.trim().length > 0;
  const guard = useSendGuard(entries, me.id, drafting);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    setText(drafts.get(draftKey(kind)) ?? '');
    setError(null);
    setHeld(false);
    setSentNotice(null);
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

  function applyEdit(edit: TextEdit) {
    change(edit.text);
    requestAnimationFrame?.(() => {
      textRef.current?.focus();
      textRef.current?.setSelectionRange(edit.start, edit.end);
    });
  }

  async function send(afterReview = false) {
    const templated = kind === 'reply' ? routing.body() : null;
    const body = templated ?? text.trim();
    if (templated && routing.problem()) {
      setError(routing.problem());
      return;
    }
    if (!body) {
      setError(kind === 'reply' ? t('composer.writeReplyFirst') : t('composer.writeNoteFirst'));
      textRef.current?.focus();
      return;
    }
    if (byEmail && attachments.uploading) {
      setError(t('composer.waitForUploads'));
      return;
    }
    if (byEmail && attachments.files.some((f) => f.error)) {
      setError(t('composer.removeFailedUploads'));
      return;
    }
    if (kind === 'reply' && guard.arrivals.length > 0 && !afterReview) {
      setHeld(true);
      return;
    }
    setError(null);
    try {
      const attachmentIds = byEmail ? attachments.ids() : [];
      const stored = await post.mutateAsync({
        kind,
        body,
        // Markdown from the toolbar: HTML by email, plain text on every other channel.
        ...(kind === 'reply' && !templated ? { format: 'markdown' as const } : {}),
        ...(kind === 'reply' ? routing.extras() : {}),
        ...(attachmentIds.length ? { attachmentIds } : {}),
      });
      if (attachmentIds.length) attachments.clear();
      if (templated) routing.reset();
      else clearDraft();
      if (kind === 'reply') {
        setSentReply(stored);
        setSentNotice(null);
      } else setSentNotice(t('composer.noteSaved'));
      const status = afterSend.current;
      afterSend.current = null;
      if (kind === 'reply' && status) statusAfter.apply(status);
      if (typingTimer.current) {
        clearTimeout(typingTimer.current);
        typingTimer.current = null;
        live?.typing(ticket.id, kind, false);
      }
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : t('composer.sendingFailed'));
    }
  }

  function insertCanned(replyId: string) {
    const reply = canned.data?.find((r) => r.id === replyId);
    if (!reply) return;
    insertAtCursor(
      renderCannedReply(reply.body, {
        contact: ticket.contact,
        agent: { name: me.name },
        ticket,
      }),
    );
  }

  /** Puts text where the cursor is (replacing a selection); the agent edits it before sending. */
  function insertAtCursor(rendered: string) {
    const el = textRef.current;
    const at = el?.selectionStart ?? text.length;
    const next = text.slice(0, at) + rendered + text.slice(el?.selectionEnd ?? at);
    change(next);
    requestAnimationFrame?.(() => textRef.current?.focus());
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (mention.onKeyDown(event)) return;
    if (slash.onKeyDown(event)) return;
    if (kind === 'reply' && (event.ctrlKey || event.metaKey) && (event.key === 'b' || event.key === 'i')) {
      event.preventDefault();
      const el = event.currentTarget;
      applyEdit(
        applyFormat(
          { text: el.value, start: el.selectionStart, end: el.selectionEnd },
          event.key === 'b' ? 'bold' : 'italic',
        ),
      );
      return;
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      afterSend.current = null;
      void send();
    } else if (event.key === 'Escape') {
      textRef.current?.blur();
    }
  }

  const tab = (k: ComposerKind, label: string) => (
    <Button
      role="tab"
      id={`${id}-tab-${k}`}
      aria-selected={kind === k}
      aria-controls={`${id}-panel`}
      className={`tab${kind === k ? ' selected' : ''}`}
      onClick={() => onKindChange(k)}
    >
      {label}
    </Button>
  );

  return (
    <section className={`composer composer-${kind}`} aria-label={t('composer.composer')}>
      <div role="tablist" aria-label={t('composer.writeA')} className="tabs">
        {tab('reply', t('composer.replyTab'))}
        {tab('note', t('composer.noteTab'))}
      </div>
      <div id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-tab-${kind}`}>
        <p className="composer-hint muted">
          {kind === 'reply'
            ? t('composer.replyHint', { channel: channelName(ticket.channel) })
            : t('composer.noteHint')}
        </p>
        {kind === 'reply' && guard.arrivals.length > 0 && !held && (
          <p className="notice" role="status">
            {guard.arrivals.some((m) => m.direction === 'in')
              ? t('composer.newCustomerMessage')
              : t('composer.newColleagueReply')}
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
        {kind === 'reply' && !routing.template && <FormattingToolbar textRef={textRef} onEdit={applyEdit} />}
        {kind === 'reply' && !routing.template && <ArticleLinkPicker textRef={textRef} onEdit={applyEdit} />}
        <label htmlFor={`${id}-text`} className="visually-hidden">
          {kind === 'reply' ? t('composer.replyLabel') : t('composer.noteTab')}
        </label>
        <textarea
          id={`${id}-text`}
          ref={textRef}
          className="composer-text"
          rows={5}
          hidden={kind === 'reply' && !!routing.template}
          value={text}
          placeholder={kind === 'reply' ? t('composer.replyPlaceholder') : t('composer.notePlaceholder')}
          onChange={(e) => {
            change(e.target.value);
            mention.track();
            slash.track();
          }}
          onKeyDown={onKeyDown}
          onKeyUp={(e) =>
            (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home' || e.key === 'End') &&
            (mention.track(), slash.track())
          }
          onClick={() => {
            mention.track();
            slash.track();
          }}
          aria-autocomplete="list"
          aria-controls={mention.open ? `${id}-mentions` : slash.open ? `${id}-canned` : undefined}
          aria-activedescendant={
            mention.open
              ? `${id}-mentions-${mention.active}`
              : slash.open
                ? `${id}-canned-${slash.active}`
                : undefined
          }
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        <MentionSuggestions id={`${id}-mentions`} mention={mention} />
        <CannedSuggestions id={`${id}-canned`} canned={slash} />
        {byEmail && <AttachmentPicker attachments={attachments} />}
        {error && (
          <p id={`${id}-error`} className="form-error" role="alert">
            {error}
          </p>
        )}
        {kind === 'reply' && sentReply && <ReplyDeliveryStatus sent={sentReply} entries={entries} />}
        {statusAfter.error && (
          <p className="form-error" role="alert">
            {statusAfter.error}
          </p>
        )}
        {sentNotice && (
          <p className="muted" role="status">
            {sentNotice}
          </p>
        )}
        <div className="composer-actions">
          <MacroPicker ticketId={ticket.id} ticketNumber={ticket.number} />
          <Select
            label={t('composer.insertCanned')}
            hideLabel
            value=""
            onChange={(e) => {
              insertCanned(e.target.value);
              e.target.value = '';
            }}
          >
            <option value="">{t('composer.cannedPrompt')}</option>
            {(canned.data ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
              </option>
            ))}
          </Select>
          {assist && kind === 'reply' && (
            <SuggestReplyButton ticketId={ticket.id} onSuggestion={insertAtCursor} />
          )}
          {kind === 'reply' ? (
            <SendMenuButton
              label={t('composer.sendReply')}
              busy={post.isPending || statusAfter.busy}
              disabled={held}
              onSend={(status) => {
                afterSend.current = status;
                void send();
              }}
            />
          ) : (
            <Button variant="primary" disabled={post.isPending || held} onClick={() => void send()}>
              {post.isPending ? t('composer.sending') : t('composer.saveNote')}
            </Button>
          )}
        </div>
        {statusAfter.askSolvedBy && (
          <SolvedByDialog
            ticketNumber={ticket.number}
            agents={statusAfter.agents}
            meId={me.id}
            busy={statusAfter.busy}
            error={statusAfter.error}
            onConfirm={statusAfter.solveBy}
            onCancel={statusAfter.cancel}
          />
        )}
      </div>
    </section>
  );
}
