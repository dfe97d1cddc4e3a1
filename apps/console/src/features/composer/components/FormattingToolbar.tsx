import type { RefObject } from 'react';
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

const BUTTONS: Array<{ action: FormatAction; label: string; glyph: string; shortcut?: string }> = [
  { action: 'bold', label: 'Bold', glyph: 'B', shortcut: 'Control+B' },
  { action: 'italic', label: 'Italic', glyph: 'I', shortcut: 'Control+I' },
  { action: 'bullets', label: 'Bulleted list', glyph: '•' },
  { action: 'numbers', label: 'Numbered list', glyph: '1.' },
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
