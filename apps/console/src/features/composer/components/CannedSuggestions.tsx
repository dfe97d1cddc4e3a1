import { i18n } from '../../../i18n';
import type { SlashCanned } from '../hooks/useSlashCannedReplies';

/** Canned replies matching the "/query" being typed; the textarea keeps focus and drives the list. */
export function CannedSuggestions({ id, canned }: { id: string; canned: SlashCanned }) {
  if (!canned.open) return null;
  return (
    <ul
      id={id}
      role="listbox"
      aria-label={i18n.t('composer.cannedReplies')}
      className="mention-suggestions canned-suggestions"
    >
      {canned.suggestions.map((reply, i) => (
        <li
          key={reply.id}
          id={`${id}-${i}`}
          role="option"
          aria-selected={i === canned.active}
          // mousedown, not click: the textarea must not lose its caret first.
          onMouseDown={(event) => {
            event.preventDefault();
            canned.pick(reply);
          }}
        >
          {reply.title} <span className="muted">{reply.body.slice(0, 60)}</span>
        </li>
      ))}
    </ul>
  );
}
