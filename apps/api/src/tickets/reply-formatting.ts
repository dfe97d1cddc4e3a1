import { convert } from 'html-to-text';
import MarkdownIt from 'markdown-it';
import sanitize from 'sanitize-html';

/** A reply written with light formatting, in the two forms channels take. */
export interface FormattedReply {
  /** What SMS, WhatsApp, chat and the other channels send, and the email's plain-text part. */
  text: string;
  /** The email's HTML part, sanitized; null for channels that send text only. */
  html: string | null;
}

// Raw HTML in the agent's text is shown as text, never passed through; single line breaks are
// kept, as agents write them; bare addresses become links.
const markdown = new MarkdownIt({ html: false, breaks: true, linkify: true, typographer: false });

/** Only what the composer's toolbar makes, plus what markdown writes for it. */
const SANITIZE: sanitize.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'code', 'pre', 'blockquote'],
  allowedAttributes: { a: ['href', 'rel', 'target'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  transformTags: {
    a: sanitize.simpleTransform('a', { rel: 'noopener noreferrer', target: '_blank' }),
  },
};

/** Markdown (bold, italics, lists, links) as sanitized HTML. */
export function markdownToHtml(source: string): string {
  return sanitize(markdown.render(source), SANITIZE).trim();
}

/** The same reply as readable plain text: marks dropped, list items kept as "- " lines, a link's address beside its words. */
export function htmlToPlainText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true, linkBrackets: ['(', ')'] } },
      { selector: 'ul', options: { itemPrefix: '- ' } },
    ],
  }).trim();
}

/**
 * A reply's body as stored and sent. `markdown` is rendered once, here, when the reply is
 * written: email gets HTML with a plain-text alternative, every other channel plain text.
 * `text` (the default) is sent as written.
 */
export function formatReply(
  body: string,
  format: 'text' | 'markdown' | undefined,
  channel: string,
): FormattedReply {
  if (format !== 'markdown') return { text: body, html: null };
  const html = markdownToHtml(body);
  return { text: htmlToPlainText(html) || body.trim(), html: channel === 'email' ? html : null };
}
