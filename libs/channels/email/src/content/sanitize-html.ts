import sanitize from 'sanitize-html';

/**
 * HTML of inbound mail made safe to show in the agent console (sanitize-html, not regexes).
 *
 * Decisions:
 * - Links: http, https and mailto only; each opens in a new tab with
 *   rel="noopener noreferrer nofollow".
 * - Images: `cid:` images are rewritten by the caller to the stored attachment's URL; inline
 *   `data:` images of raster types (png, jpeg, gif, webp) are kept, as they cannot track the
 *   reader. Remote images are blocked by default, as a helpdesk should: loading them tells
 *   the sender who read the mail, when and from where. `allowRemoteImages` (https only) is for
 *   an agent's explicit "show images".
 * - No script, style sheets, frames, objects, SVG, MathML, forms, `<base>` or `<meta>`; no
 *   event handlers; inline styles limited to a few properties with plain values (no url(),
 *   no expression()).
 */

export interface SanitizeOptions {
  /** Maps a Content-ID (without brackets) to the URL of the stored attachment; undefined drops the image. */
  resolveCid?: (contentId: string) => string | undefined;
  allowRemoteImages?: boolean;
}

export interface SanitizedHtml {
  html: string;
  /** Remote images that were not loaded (the console can offer to show them). */
  blockedRemoteImages: number;
  /** Content-IDs the HTML shows inline, so those attachments can be marked inline. */
  inlineContentIds: string[];
}

const RASTER_DATA_URL = /^data:image\/(?:png|jpe?g|gif|webp);base64,[a-z0-9+/=\s]+$/i;
const LENGTH = /^(?:\d{1,4}(?:\.\d{1,2})?(?:px|em|rem|%|pt)?|auto)$/;
const COLOR =
  /^(?:#[0-9a-f]{3,8}|[a-z]{3,20}|rgba?\(\s*\d{1,3}%?\s*,\s*\d{1,3}%?\s*,\s*\d{1,3}%?\s*(?:,\s*(?:0|1|0?\.\d+)\s*)?\))$/i;

const allowedStyles: sanitize.IOptions['allowedStyles'] = {
  '*': {
    color: [COLOR],
    'background-color': [COLOR],
    'text-align': [/^(?:left|right|center|justify|start|end)$/],
    'font-weight': [/^(?:normal|bold|bolder|lighter|[1-9]00)$/],
    'font-style': [/^(?:normal|italic|oblique)$/],
    'text-decoration': [/^(?:none|underline|line-through|overline)$/],
    'font-size': [LENGTH],
    width: [LENGTH],
    height: [LENGTH],
    'vertical-align': [/^(?:top|middle|bottom|baseline)$/],
    padding: [/^(?:\d{1,3}(?:px|em)?\s*){1,4}$/],
    'white-space': [/^(?:normal|nowrap|pre|pre-wrap|pre-line)$/],
  },
};

const TABLE_CELL = ['colspan', 'rowspan', 'align', 'valign', 'width', 'height', 'bgcolor'];

export function sanitizeEmailHtml(html: string, options: SanitizeOptions = {}): SanitizedHtml {
  let blockedRemoteImages = 0;
  const inlineContentIds: string[] = [];

  const clean = sanitize(html, {
    allowedTags: [...sanitize.defaults.allowedTags, 'img', 'font', 'center', 'del', 'ins', 'big'],
    // Elements whose text content goes with them (sanitize-html keeps the text of other dropped tags).
    nonTextTags: [
      'script',
      'style',
      'textarea',
      'option',
      'noscript',
      'title',
      'head',
      'svg',
      'math',
      'iframe',
      'object',
      'template',
      'xml',
    ],
    disallowedTagsMode: 'discard',
    allowedAttributes: {
      '*': ['dir', 'lang', 'title', 'style', 'align'],
      a: ['href', 'name', 'target', 'rel'],
      img: ['src', 'alt', 'width', 'height'],
      font: ['color', 'size'],
      table: ['border', 'cellpadding', 'cellspacing', 'width', 'bgcolor'],
      td: TABLE_CELL,
      th: TABLE_CELL,
      col: ['span', 'width'],
      colgroup: ['span', 'width'],
      ol: ['start', 'type'],
    },
    allowedStyles,
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['https', 'data'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite', 'action', 'background', 'poster'],
    allowProtocolRelative: false,
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer nofollow' },
      }),
      img: (tagName, attribs) => {
        const { src: rawSrc, ...rest } = attribs;
        const src = (rawSrc ?? '').trim();
        if (/^cid:/i.test(src)) {
          const contentId = decodeURIComponent(src.slice(4)).replace(/^<|>$/g, '');
          const url = options.resolveCid?.(contentId);
          inlineContentIds.push(contentId);
          // The resolved URL is the caller's own attachment route: http(s) or a relative path.
          return {
            tagName,
            attribs: url && /^(?:https?:\/\/|\/)[^\s]*$/i.test(url) ? { ...rest, src: url } : rest,
          };
        }
        if (RASTER_DATA_URL.test(src)) return { tagName, attribs: { ...rest, src } };
        if (/^https?:/i.test(src)) {
          if (options.allowRemoteImages && /^https:/i.test(src))
            return { tagName, attribs: { ...rest, src } };
          blockedRemoteImages++;
        }
        return { tagName, attribs: rest };
      },
    },
  });
  return { html: clean, blockedRemoteImages, inlineContentIds: [...new Set(inlineContentIds)] };
}
