import { convert } from 'html-to-text';
import MarkdownIt from 'markdown-it';
import sanitize from 'sanitize-html';

// Raw HTML in an article is shown as text, never passed through (html: false); the sanitizer
// behind it is the second wall, so a markdown-it change cannot let a script or handler through.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

const SANITIZE: sanitize.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'h2',
    'h3',
    'h4',
    'strong',
    'em',
    's',
    'ul',
    'ol',
    'li',
    'a',
    'code',
    'pre',
    'blockquote',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'rel'],
    img: ['src', 'alt', 'title'],
    ol: ['start'],
    th: ['style'],
    td: ['style'],
  },
  allowedStyles: { '*': { 'text-align': [/^(?:left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  // An article's "# Title" would compete with the page's own h1.
  transformTags: {
    h1: 'h2',
    a: sanitize.simpleTransform('a', { rel: 'noopener noreferrer' }),
  },
};

/** An article's Markdown as the HTML the help center shows: rendered, then sanitized. */
export function renderArticle(source: string): string {
  return sanitize(markdown.render(source), SANITIZE).trim();
}

/** The words of rendered HTML, for the search vector and snippets. */
export function articleText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
    ],
  })
    .replace(/\s+/g, ' ')
    .trim();
}

/** A URL slug from a title: lowercase ASCII words joined by hyphens (ß → ss, é → e). */
export function slugify(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'article';
}
