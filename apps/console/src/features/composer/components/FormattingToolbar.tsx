import type { ReactNode, RefObject } from 'react';
import { insertLink, listLines, wrapSelection, type TextEdit } from '../lib/markdown-edit';

export type FormatAction = 'bold' | 'italic' | 'bullets' | 'numbers' | 'link';

/** Applies one formatting action to the textarea's text and selection (markdown syntax). */
export function applyFormat(edit: TextEdit, action: FormatAction): TextEdit {
  switch (action) {
    case 'bold':
      return wrapSelection(edit, '**', 'bold text');
    case 'italic':
      return wrapSelection(edit, '_', 'italic text');
    case 'bullets':
      return listLines(edit, false);
    case 'numbers':
      return listLines(edit, true);
    case 'link':
      return insertLink(edit);
  }
}

/**
 * A numbered list drawn, not written: a visible "1." that is not in the button's name fails
 * WCAG's label-in-name rule, and "1. Numbered list" would be read aloud as a number.
 */
const NUMBERED_LIST_ICON = (
  <svg viewBox="0 0 20 20" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="1.5">
    <path d="M3 2.5v4M2 9h2.5v1.5H2V12h2.5M2 14h2.5v4H2m0-2h2.5M8 4.5h10M8 10.5h10M8 16h10" />
  </svg>
);

const BUTTONS: Array<{ action: FormatAction; label: string; glyph: ReactNode; shortcut?: string }> = [
  { action: 'bold', label: 'Bold', glyph: 'B', shortcut: 'Control+B' },
  { action: 'italic', label: 'Italic', glyph: 'I', shortcut: 'Control+I' },
  { action: 'bullets', label: 'Bulleted list', glyph: '•' },
  { action: 'numbers', label: 'Numbered list', glyph: NUMBERED_LIST_ICON },
  { action: 'link', label: 'Link', glyph: 'Link' },
];

/**
 * Bold, italics, lists and links as markdown in the reply text: email receives it as HTML,
 * the other channels as plain text.
 */
export function FormattingToolbar({
  textRef,
  onEdit,
}: {
  textRef: RefObject<HTMLTextAreaElement | null>;
  onEdit(edit: TextEdit): void;
}) {
  function run(action: FormatAction) {
    const el = textRef.current;
    if (!el) return;
    onEdit(applyFormat({ text: el.value, start: el.selectionStart, end: el.selectionEnd }, action));
  }
  return (
    <div role="toolbar" aria-label="Formatting" className="formatting-toolbar">
      {BUTTONS.map((b) => (
        <button
          key={b.action}
          type="button"
          className={`format-button format-${b.action}`}
          aria-label={b.label}
          title={b.shortcut ? `${b.label} (${b.shortcut.replace('Control', 'Ctrl')})` : b.label}
          aria-keyshortcuts={b.shortcut}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => run(b.action)}
        >
          <span aria-hidden="true">{b.glyph}</span>
        </button>
      ))}
    </div>
  );
}
