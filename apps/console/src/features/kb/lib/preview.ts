import MarkdownIt from 'markdown-it';
import { sanitizeMailHtml } from '../../../lib/mail-html';

// The same settings as the server's renderer: raw HTML stays text. The server's sanitized HTML
// is what the help center shows; this is the editor's live preview of it.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

export function previewHtml(source: string): string {
  return sanitizeMailHtml(markdown.render(source));
}
