import { i18n, useTranslation } from '../../../i18n';
import type { RefObject } from 'react';
import { insertLink, listLines, wrapSelection, type TextEdit } from '../lib/markdown-edit';
import { Button } from '../../../components/Button';

export type FormatAction = 'bold' | 'italic' | 'bullets' | 'numbers' | 'link';

/** Applies one formatting action to the textarea's text and selection (markdown syntax). */
export function applyFormat(edit: TextEdit, action: FormatAction): TextEdit {
  switch (action) {
    case 'bold':
      return wrapSelection(edit, '**', i18n.t('composer.format.boldText'));
    case 'italic':
      return wrapSelection(edit, '_', i18n.t('composer.format.italicText'));
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
  const { t } = useTranslation();
  function run(action: FormatAction) {
    const el = textRef.current;
    if (!el) return;
    onEdit(applyFormat({ text: el.value, start: el.selectionStart, end: el.selectionEnd }, action));
  }
  return (
    <div role="toolbar" aria-label={t('composer.format.toolbar')} className="formatting-toolbar">
      {BUTTONS.map(({ label: english, ...b }) => {
        const label = t(`composer.format.${b.action}`, { defaultValue: english });
        return (
          <Button
            key={b.action}
            className={`format-button format-${b.action}`}
            aria-label={label}
            title={b.shortcut ? `${label} (${b.shortcut.replace('Control', 'Ctrl')})` : label}
            aria-keyshortcuts={b.shortcut}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => run(b.action)}
          >
            {b.action === 'numbers' ? (
              // An icon, not the text "1.": a visible word or number must be part of the button's name.
              <svg aria-hidden="true" viewBox="0 0 16 16" width="14" height="14" fill="currentColor">
                <rect x="1" y="2" width="2" height="3" />
                <rect x="1" y="7" width="2" height="3" />
                <rect x="1" y="12" width="2" height="3" />
                <rect x="5" y="3" width="10" height="1.5" />
                <rect x="5" y="8" width="10" height="1.5" />
                <rect x="5" y="13" width="10" height="1.5" />
              </svg>
            ) : (
              <span aria-hidden="true">{b.action === 'link' ? t('composer.format.link') : b.glyph}</span>
            )}
          </Button>
        );
      })}
    </div>
  );
}
