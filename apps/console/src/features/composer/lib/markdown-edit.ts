import { i18n } from '../../../i18n';
/** A textarea's text with its selection, before or after an edit. */
export interface TextEdit {
  text: string;
  start: number;
  end: number;
}

/** Wraps the selection in markdown marks (`**bold**`); an empty selection gets a placeholder, selected. */
export function wrapSelection(edit: TextEdit, mark: string, placeholder: string): TextEdit {
  const chosen = edit.text.slice(edit.start, edit.end) || placeholder;
  const text = edit.text.slice(0, edit.start) + mark + chosen + mark + edit.text.slice(edit.end);
  const start = edit.start + mark.length;
  return { text, start, end: start + chosen.length };
}

/** Turns the selected lines (or the caret's line) into a bulleted or numbered list. */
export function listLines(edit: TextEdit, numbered: boolean): TextEdit {
  const lineStart = edit.text.lastIndexOf('\n', edit.start - 1) + 1;
  const nextBreak = edit.text.indexOf('\n', edit.end);
  const lineEnd = nextBreak === -1 ? edit.text.length : nextBreak;
  const lines = edit.text.slice(lineStart, lineEnd).split('\n');
  const listed = lines.map((line, i) => `${numbered ? `${i + 1}.` : '-'} ${line}`).join('\n');
  const text = edit.text.slice(0, lineStart) + listed + edit.text.slice(lineEnd);
  return { text, start: lineStart, end: lineStart + listed.length };
}

/** `[selection](https://)` with the address selected, ready to be typed over. */
export function insertLink(edit: TextEdit): TextEdit {
  const label = edit.text.slice(edit.start, edit.end) || i18n.t('composer.format.linkText');
  const url = 'https://';
  const before = `${edit.text.slice(0, edit.start)}[${label}](`;
  const text = `${before}${url})${edit.text.slice(edit.end)}`;
  return { text, start: before.length, end: before.length + url.length };
}
