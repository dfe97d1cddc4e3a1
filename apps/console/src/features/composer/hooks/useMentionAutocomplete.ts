import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { UserView } from '@switchboard/contracts';
import { useUsers } from '../../tickets/hooks/useDirectory';
import { handleSuggestionKey } from '../lib/suggestion-keys';

const MAX_SUGGESTIONS = 6;

/** The `@word` being typed just before the caret, if any: where it starts and what it says so far. */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|[^\p{L}\p{N}._%+-])@([^\s@]*)$/u.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2].length - 1, query: match[2] };
}

/** Colleagues whose name (any word of it) or email starts with the query. */
export function matchColleagues(users: UserView[], query: string, meId: string): UserView[] {
  const q = query.toLowerCase();
  return users
    .filter((u) => u.id !== meId)
    .filter(
      (u) =>
        !q ||
        u.email.toLowerCase().startsWith(q) ||
        u.name.toLowerCase().startsWith(q) ||
        u.name
          .toLowerCase()
          .split(/\s+/)
          .some((w) => w.startsWith(q)),
    )
    .slice(0, MAX_SUGGESTIONS);
}

export interface MentionAutocomplete {
  open: boolean;
  suggestions: UserView[];
  active: number;
  /** Call after the text or the caret moved. */
  track(): void;
  /** Handles arrows, Enter/Tab and Escape while suggestions show; true when it used the key. */
  onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean;
  pick(user: UserView): void;
}

/**
 * @-autocomplete of colleagues for internal notes: typing "@be" offers Ben; picking inserts
 * "@Ben Colleague " (the API resolves full names, first names and emails).
 */
export function useMentionAutocomplete({
  enabled,
  text,
  textRef,
  meId,
  onChange,
}: {
  enabled: boolean;
  text: string;
  textRef: RefObject<HTMLTextAreaElement | null>;
  meId: string;
  onChange(next: string): void;
}): MentionAutocomplete {
  const users = useUsers();
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const pendingCaret = useRef<number | null>(null);
  // Where the space we added after a picked name ends: a space typed right there is the same space.
  const addedSpaceEnd = useRef<number | null>(null);

  const at = enabled && caret !== null ? mentionQueryAt(text, caret) : null;
  const query = at?.query ?? null;
  const suggestions = useMemo(
    () => (query !== null && users.data ? matchColleagues(users.data, query, meId) : []),
    [query, users.data, meId],
  );
  const open = Boolean(at) && suggestions.length > 0 && dismissedAt !== at?.start;

  function track() {
    const el = textRef.current;
    setCaret(el ? el.selectionStart : null);
    setActive(0);
  }

  function pick(user: UserView) {
    if (!at || caret === null) return;
    const rest = text.slice(caret);
    // The text after the caret may already begin with a space: step over it rather than add one.
    const spaceFollows = /^\s/.test(rest);
    const inserted = `@${user.name}${spaceFollows ? '' : ' '}`;
    const next = text.slice(0, at.start) + inserted + rest;
    const position = at.start + inserted.length + (spaceFollows ? 1 : 0);
    pendingCaret.current = position;
    addedSpaceEnd.current = spaceFollows ? null : position;
    onChange(next);
    setCaret(null);
  }

  // The caret goes after the inserted name as soon as React has written the new text, before
  // the next keystroke: a deferred move would let fast typing land in front of it.
  useLayoutEffect(() => {
    const position = pendingCaret.current;
    const el = textRef.current;
    if (position === null || !el) return;
    pendingCaret.current = null;
    el.focus();
    el.setSelectionRange(position, position);
  }, [text, textRef]);

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
    const spaceEnd = addedSpaceEnd.current;
    addedSpaceEnd.current = null;
    const el = textRef.current;
    if (
      event.key === ' ' &&
      spaceEnd !== null &&
      el &&
      el.selectionStart === spaceEnd &&
      el.selectionEnd === spaceEnd
    ) {
      event.preventDefault();
      return true;
    }
    if (!open) return false;
    return handleSuggestionKey(event, {
      count: suggestions.length,
      setActive,
      pickActive: () => pick(suggestions[Math.min(active, suggestions.length - 1)]),
      dismiss: () => setDismissedAt(at?.start ?? null),
    });
  }

  return { open, suggestions, active, track, onKeyDown, pick };
}
