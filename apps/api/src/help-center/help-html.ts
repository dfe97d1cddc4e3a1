import type { KbSettingsView } from '@switchboard/contracts';
import { helpText, languageName, type HelpText } from './help-text.js';
import { MATCH_END, MATCH_START } from './help-search.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text into HTML, for content and attribute values alike. */
export function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** An escaped search snippet with its matched words in <mark>. */
export function markedSnippet(snippet: string): string {
  return esc(snippet).split(MATCH_START).join('<mark>').split(MATCH_END).join('</mark>');
}

export interface PageFrame {
  settings: KbSettingsView;
  locale: string;
  /** The page's own title, before the help center's name. */
  title: string | null;
  description?: string;
  /** Absolute URL of this page, when the request's host is known. */
  canonical: string | null;
  /** Other translations of this page, for hreflang links and the language menu. */
  alternates?: Array<{ locale: string; href: string }>;
  query?: string;
  body: string;
}

/** The contact link: the admin's URL (the site with the widget), else a mail address, else none. */
export function contactHref(settings: KbSettingsView): string | null {
  if (settings.contactUrl) return settings.contactUrl;
  if (settings.contactEmail) return `mailto:${settings.contactEmail}`;
  return null;
}

/** The whole page: no script, one small stylesheet (with the workspace colour), landmarks and a skip link. */
export function page(f: PageFrame): string {
  const t = helpText(f.locale);
  const home = `/help/${f.locale}`;
  const contact = contactHref(f.settings);
  const fullTitle = f.title ? `${f.title} – ${f.settings.name}` : f.settings.name;
  const alternates = (f.alternates ?? []).filter((a) => a.locale !== f.locale);
  return `<!doctype html>
<html lang="${esc(f.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(fullTitle)}</title>
${f.description ? `<meta name="description" content="${esc(f.description)}">` : ''}
${f.canonical ? `<link rel="canonical" href="${esc(f.canonical)}">` : ''}
${alternates.map((a) => `<link rel="alternate" hreflang="${esc(a.locale)}" href="${esc(a.href)}">`).join('\n')}
<link rel="stylesheet" href="/help/assets/help.css?c=${encodeURIComponent(f.settings.primaryColor.slice(1))}">
</head>
<body>
<a class="skip" href="#main">${esc(t.skip)}</a>
<header class="top">
<div class="bar">
<a class="brand" href="${home}">${esc(f.settings.name)}</a>
${contact ? `<a class="contact" href="${esc(contact)}">${esc(t.contact)}</a>` : ''}
</div>
<form class="search" role="search" action="${home}/search" method="get">
<label for="q">${esc(t.searchLabel)}</label>
<div class="row"><input id="q" name="q" type="search" value="${esc(f.query ?? '')}" placeholder="${esc(t.searchPlaceholder)}" maxlength="200"><button type="submit">${esc(t.searchButton)}</button></div>
</form>
</header>
<main id="main">
${f.body}
${
  alternates.length
    ? `<nav class="langs" aria-label="${esc(t.otherLanguages)}">${esc(t.otherLanguages)}: ${alternates
        .map(
          (a) =>
            `<a href="${esc(a.href)}" hreflang="${esc(a.locale)}" lang="${esc(a.locale)}">${esc(languageName(a.locale))}</a>`,
        )
        .join(' · ')}</nav>`
    : ''
}
</main>
<footer>
${contact ? `<p>${esc(t.stillNeedHelp)} <a href="${esc(contact)}">${esc(t.contact)}</a></p>` : ''}
<p>${esc(f.settings.name)}</p>
</footer>
</body>
</html>
`;
}

export function breadcrumbs(t: HelpText, items: Array<{ label: string; href?: string }>): string {
  return `<nav class="crumbs" aria-label="${esc(t.breadcrumb)}"><ol>${items
    .map((i) =>
      i.href
        ? `<li><a href="${esc(i.href)}">${esc(i.label)}</a></li>`
        : `<li aria-current="page">${esc(i.label)}</li>`,
    )
    .join('')}</ol></nav>`;
}

export function articleList(
  items: Array<{ title: string; href: string; snippet?: string }>,
  emptyText: string,
): string {
  if (!items.length) return `<p class="empty">${esc(emptyText)}</p>`;
  return `<ul class="articles">${items
    .map(
      (i) =>
        `<li><a href="${esc(i.href)}">${esc(i.title)}</a>${i.snippet ? `<p>${markedSnippet(i.snippet)}</p>` : ''}</li>`,
    )
    .join('')}</ul>`;
}

/** The stylesheet; the only variable is the workspace colour, checked as hex where it is stored. */
export function stylesheet(color: string): string {
  const primary = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(color) ? color : '#2f6fed';
  return `:root{--primary:${primary};--text:#1d2330;--muted:#5b6475;--line:#dfe3ea;--bg:#f7f8fa}
*{box-sizing:border-box}
body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--text);background:#fff}
a{color:var(--primary)}
a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid var(--primary);outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:1}
.top{background:var(--primary);color:#fff;padding:16px}
.bar{max-width:820px;margin:0 auto;display:flex;justify-content:space-between;align-items:center;gap:12px}
.brand,.contact{color:#fff;font-weight:600;text-decoration:none}.brand{font-size:1.25rem}
.contact{border:1px solid #fff;border-radius:6px;padding:4px 12px}
.search{max-width:820px;margin:16px auto 0}.search label{display:block;font-weight:600;margin-bottom:4px}
.row{display:flex;gap:8px}.row input{flex:1;min-width:0;font:inherit;padding:10px;border:0;border-radius:6px}
.row button{font:inherit;padding:10px 16px;border:1px solid #fff;border-radius:6px;background:transparent;color:#fff;cursor:pointer}
main{max-width:820px;margin:0 auto;padding:16px;overflow-wrap:anywhere}
h1{font-size:1.75rem;line-height:1.25;margin:16px 0}
.crumbs ol{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:6px;color:var(--muted);font-size:.9rem}
.crumbs li+li::before{content:"/";margin-right:6px}
.articles{list-style:none;padding:0}.articles li{padding:10px 0;border-bottom:1px solid var(--line)}
.articles p{margin:4px 0 0;color:var(--muted);font-size:.95rem}
.categories{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:16px;padding:0;list-style:none}
.categories li{border:1px solid var(--line);border-radius:8px;padding:12px 16px;background:var(--bg)}
.meta{color:var(--muted);font-size:.9rem}
.article img{max-width:100%}.article pre{overflow:auto;background:var(--bg);padding:12px;border-radius:6px}
.article table{border-collapse:collapse}.article td,.article th{border:1px solid var(--line);padding:4px 8px}
mark{background:#fff3b0}
.feedback{margin:32px 0;padding:16px;border:1px solid var(--line);border-radius:8px;background:var(--bg)}
.feedback fieldset{border:0;padding:0;margin:0}.feedback legend{font-weight:600}
.feedback button{font:inherit;margin:8px 8px 0 0;padding:6px 16px;border:1px solid var(--primary);border-radius:6px;background:#fff;color:var(--primary);cursor:pointer}
.langs{margin-top:24px;color:var(--muted)}
footer{max-width:820px;margin:32px auto;padding:16px;border-top:1px solid var(--line);color:var(--muted)}
`;
}
