import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { CannedReply } from '../api/composer-api';
import { handleSuggestionKey } from '../lib/suggestion-keys';

const MAX_SUGGESTIONS = 8;

/** The `/word` typed at the start of a word just before the caret: where it starts and what follows the slash. */
export function slashQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)\/([^\s/]*)$/u.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2].length - 1, query: match[2] };
}

/** Canned replies whose title (any word of it) starts with the query, then those whose body mentions it. */
export function matchCannedReplies(replies: CannedReply[], query: string): CannedReply[] {
  const q = query.toLowerCase();
  if (!q) return replies.slice(0, MAX_SUGGESTIONS);
  const byTitle = replies.filter((r) => {
    const title = r.title.toLowerCase();
    return title.startsWith(q) || title.split(/\s+/).some((w) => w.startsWith(q));
  });
  const byBody = replies.filter((r) => !byTitle.includes(r) && r.body.toLowerCase().includes(q));
  return [...byTitle, ...byBody].slice(0, MAX_SUGGESTIONS);
}

export interface SlashCanned {
  open: boolean;
  suggestions: CannedReply[];
  active: number;
  track(): void;
  onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean;
  pick(reply: CannedReply): void;
}

/**
 * Typing "/" at the start of a word searches the canned replies; picking one replaces the
 * "/query" with the reply, its variables filled by `render`.
 */
export function useSlashCannedReplies({
  enabled,
  replies,
  text,
  textRef,
  render,
  onChange,
}: {
  enabled: boolean;
  replies: CannedReply[] | undefined;
  text: string;
  textRef: RefObject<HTMLTextAreaElement | null>;
  render(body: string): string;
  onChange(next: string): void;
}): SlashCanned {
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const pendingCaret = useRef<number | null>(null);

  const at = enabled && caret !== null ? slashQueryAt(text, caret) : null;
  const query = at?.query ?? null;
  const suggestions = useMemo(
    () => (query !== null && replies ? matchCannedReplies(replies, query) : []),
    [query, replies],
  );
  const open = Boolean(at) && suggestions.length > 0 && dismissedAt !== at?.start;

  function track() {
    const el = textRef.current;
    setCaret(el ? el.selectionStart : null);
    setActive(0);
  }

  function pick(reply: CannedReply) {
    if (!at || caret === null) return;
    const inserted = render(reply.body);
    pendingCaret.current = at.start + inserted.length;
    onChange(text.slice(0, at.start) + inserted + text.slice(caret));
    setCaret(null);
  }

  // The caret goes after the inserted reply before the next keystroke can land in front of it.
  useLayoutEffect(() => {
    const position = pendingCaret.current;
    const el = textRef.current;
    if (position === null || !el) return;
    pendingCaret.current = null;
    el.focus();
    el.setSelectionRange(position, position);
  }, [text, textRef]);

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
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
