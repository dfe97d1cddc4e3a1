import { i18n } from '../../../i18n';
import type { MentionAutocomplete } from '../hooks/useMentionAutocomplete';

/** The list of colleagues under the note box; the textarea keeps focus and drives it by keyboard. */
export function MentionSuggestions({ id, mention }: { id: string; mention: MentionAutocomplete }) {
  if (!mention.open) return null;
  return (
    <ul
      id={id}
      role="listbox"
      aria-label={i18n.t('composer.mentionColleague')}
      className="mention-suggestions"
    >
      {mention.suggestions.map((user, i) => (
        <li
          key={user.id}
          id={`${id}-${i}`}
          role="option"
          aria-selected={i === mention.active}
          // mousedown, not click: the textarea must not lose its caret first.
          onMouseDown={(event) => {
            event.preventDefault();
            mention.pick(user);
          }}
        >
          {user.name} <span className="muted">{user.email}</span>
        </li>
      ))}
    </ul>
  );
}
