import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { KB_LOCALE, type KbSettingsView } from '@switchboard/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Db } from '../common/db.js';
import { articlePath } from '../kb/kb-articles.service.js';
import { readKbSettings } from '../kb/kb-settings.js';
import { searchArticles } from './help-search.js';
import { articleList, breadcrumbs, esc, page, stylesheet } from './help-html.js';
import { helpText } from './help-text.js';

/** What the request's Host may be for an absolute (canonical, sitemap) URL; anything else stays relative. */
const PLAIN_HOST = /^[a-z0-9.-]+(?::\d{1,5})?$/i;
const SETTINGS_TTL_MS = 5_000;
/** How many of the newest articles the home page reads to fill its category boxes. */
const HOME_WINDOW = 300;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

type Req = FastifyRequest<{
  Params: Record<string, string>;
  Querystring: Record<string, string | undefined>;
}>;

interface ArticleRow {
  article_id: string;
  category_id: string | null;
  title: string;
  slug: string;
  body_html: string;
  body_text: string;
  updated_at: Date;
}

/**
 * The public help center: server-rendered pages under /help, no login and no script. Only
 * published translations are ever read (a draft's URL is a 404), article HTML is the sanitized
 * rendering stored with the article, and everything else on the page is escaped here.
 * Registered on Fastify directly because these pages live outside the `/api` prefix.
 */
@Injectable()
export class HelpCenterRoutes implements OnModuleInit {
  private readonly logger = new Logger('HelpCenter');
  private cached: { at: number; settings: Promise<KbSettingsView> } | null = null;

  constructor(
    private readonly adapter: HttpAdapterHost,
    private readonly db: Db,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapter.httpAdapter.getInstance<FastifyInstance>();
    const route = (path: string, handler: (req: Req, reply: FastifyReply) => Promise<unknown>) =>
      fastify.get(path, (req, reply) => this.guard(req as Req, reply, handler));
    // The "Was this helpful?" buttons post a plain HTML form.
    if (!fastify.hasContentTypeParser('application/x-www-form-urlencoded'))
      fastify.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string', bodyLimit: 1024 },
        (_req, body, done) => done(null, body),
      );
    fastify.get('/help/assets/help.css', async (req, reply) => {
      const c = (req.query as Record<string, string | undefined>).c ?? '';
      return reply
        .header('content-type', 'text/css; charset=utf-8')
        .header('cache-control', 'public, max-age=86400')
        .send(stylesheet(`#${c}`));
    });
    route('/help', (req, reply) => this.root(req, reply));
    route('/help/sitemap.xml', (req, reply) => this.sitemap(req, reply));
    route('/help/:locale', (req, reply) => this.home(req, reply));
    route('/help/:locale/search', (req, reply) => this.search(req, reply));
    route('/help/:locale/categories/:slug', (req, reply) => this.category(req, reply));
    route('/help/:locale/articles/:slug', (req, reply) => this.article(req, reply));
    fastify.post('/help/:locale/articles/:slug/feedback', (req, reply) =>
      this.guard(req as Req, reply, (r, rep) => this.feedback(r, rep)),
    );
  }

  private async guard(
    req: Req,
    reply: FastifyReply,
    handler: (req: Req, reply: FastifyReply) => Promise<unknown>,
  ) {
    try {
      return await handler(req, reply);
    } catch (err) {
      this.logger.error(`help center page failed: ${(err as Error).message}`);
      return reply
        .code(500)
        .header('content-type', 'text/plain; charset=utf-8')
        .send('Something went wrong.');
    }
  }

  /** Settings change rarely and every page reads them: kept for a few seconds (any node sees a change within that). */
  private settings(): Promise<KbSettingsView> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > SETTINGS_TTL_MS) {
      const settings = readKbSettings(this.db);
      this.cached = { at: now, settings };
      settings.catch(() => (this.cached = null));
    }
    return this.cached.settings;
  }

  private origin(req: FastifyRequest): string | null {
    return PLAIN_HOST.test(req.host) ? `${req.protocol}://${req.host}` : null;
  }

  private html(reply: FastifyReply, body: string, status = 200) {
    return reply
      .code(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', status === 200 ? 'public, max-age=60' : 'no-store')
      .send(body);
  }

  private async notFound(reply: FastifyReply, settings: KbSettingsView, locale: string) {
    const t = helpText(locale);
    return this.html(
      reply,
      page({
        settings,
        locale,
        title: t.notFound,
        canonical: null,
        body: `<h1>${esc(t.notFound)}</h1><p>${esc(t.notFoundText)}</p><p><a href="/help/${esc(locale)}">${esc(t.home)}</a></p>`,
      }),
      404,
    );
  }

  /** A locale from the URL, or null (then the page is a 404 in the default language). */
  private locale(req: Req): string | null {
    const locale = (req.params.locale ?? '').toLowerCase();
    return KB_LOCALE.test(locale) ? locale : null;
  }

  private async root(req: Req, reply: FastifyReply) {
    const settings = await this.settings();
    const locales = await this.db.query<{ locale: string }>(
      `SELECT DISTINCT locale FROM kb_translations WHERE status = 'published'`,
    );
    const available = new Set(locales.map((l) => l.locale));
    const wanted = String(req.headers['accept-language'] ?? '')
      .split(',')
      .map((part) => part.split(';')[0].trim().toLowerCase())
      .flatMap((tag) => [tag, tag.split('-')[0]]);
    const locale = wanted.find((l) => available.has(l)) ?? settings.defaultLocale;
    return reply.code(302).header('location', `/help/${locale}`).header('vary', 'accept-language').send();
  }

  private async home(req: Req, reply: FastifyReply) {
    const settings = await this.settings();
    const locale = this.locale(req);
    if (!locale) return this.notFound(reply, settings, settings.defaultLocale);
    const t = helpText(locale);
    const [categories, articles] = await Promise.all([
      this.db.query<{ id: string; slug: string; names: Record<string, string> }>(
        `SELECT id, slug, names FROM kb_categories ORDER BY position, slug`,
      ),
      // The newest published translations of the locale: one walk of a partial index, so the
      // home page costs the same with any number of articles. Each category shows its newest few
      // of these; its own page lists all of it.
      this.db.query<{ category_id: string | null; title: string; slug: string }>(
        `SELECT a.category_id, t.title, t.slug
           FROM (SELECT article_id, title, slug FROM kb_translations
                  WHERE locale = $1 AND status = 'published'
                  ORDER BY updated_at DESC LIMIT ${HOME_WINDOW}) t
           JOIN kb_articles a ON a.id = t.article_id`,
        [locale],
      ),
    ]);
    articles.sort((a, b) => a.title.localeCompare(b.title, locale));
    const inCategory = new Map<string | null, Array<{ title: string; slug: string }>>();
    for (const a of articles) inCategory.set(a.category_id, [...(inCategory.get(a.category_id) ?? []), a]);
    for (const [key, list] of inCategory) inCategory.set(key, list.slice(0, key === null ? 20 : 5));
    const shown = categories.filter((c) => inCategory.has(c.id) || c.names[locale]);
    const body = `<h1>${esc(settings.name)}</h1>
${
  shown.length
    ? `<ul class="categories">${shown
        .map((c) => {
          const list = inCategory.get(c.id) ?? [];
          const name = c.names[locale] ?? Object.values(c.names)[0] ?? c.slug;
          return `<li><h2><a href="/help/${locale}/categories/${esc(c.slug)}">${esc(name)}</a></h2>${articleList(
            list.map((a) => ({ title: a.title, href: articlePath(locale, a.slug) })),
            t.noArticles,
          )}</li>`;
        })
        .join('')}</ul>`
    : ''
}
${
  inCategory.has(null) || !shown.length
    ? `<h2>${esc(shown.length ? t.otherArticles : t.articles)}</h2>${articleList(
        (inCategory.get(null) ?? []).map((a) => ({ title: a.title, href: articlePath(locale, a.slug) })),
        t.noArticles,
      )}`
    : ''
}`;
    const origin = this.origin(req);
    return this.html(
      reply,
      page({ settings, locale, title: null, canonical: origin && `${origin}/help/${locale}`, body }),
    );
  }

  private async category(req: Req, reply: FastifyReply) {
    const settings = await this.settings();
    const locale = this.locale(req);
    const slug = req.params.slug ?? '';
    if (!locale || !SLUG.test(slug)) return this.notFound(reply, settings, locale ?? settings.defaultLocale);
    const [category] = await this.db.query<{ id: string; names: Record<string, string> }>(
      `SELECT id, names FROM kb_categories WHERE slug = $1`,
      [slug],
    );
    if (!category) return this.notFound(reply, settings, locale);
    const articles = await this.db.query<{ title: string; slug: string }>(
      `SELECT t.title, t.slug FROM kb_translations t JOIN kb_articles a ON a.id = t.article_id
        WHERE t.status = 'published' AND t.locale = $1 AND a.category_id = $2 ORDER BY t.title LIMIT 1000`,
      [locale, category.id],
    );
    if (!articles.length && !category.names[locale]) return this.notFound(reply, settings, locale);
    const t = helpText(locale);
    const name = category.names[locale] ?? Object.values(category.names)[0] ?? slug;
    const origin = this.origin(req);
    const body = `${breadcrumbs(t, [{ label: t.home, href: `/help/${locale}` }, { label: name }])}
<h1>${esc(name)}</h1>
${articleList(
  articles.map((a) => ({ title: a.title, href: articlePath(locale, a.slug) })),
  t.noArticles,
)}`;
    return this.html(
      reply,
      page({
        settings,
        locale,
        title: name,
        canonical: origin && `${origin}/help/${locale}/categories/${slug}`,
        body,
      }),
    );
  }

  private async findArticle(locale: string, slug: string): Promise<ArticleRow | null> {
    if (!SLUG.test(slug)) return null;
    const [row] = await this.db.query<ArticleRow>(
      `SELECT t.article_id, a.category_id, t.title, t.slug, t.body_html, left(t.body_text, 200) AS body_text, t.updated_at
         FROM kb_translations t JOIN kb_articles a ON a.id = t.article_id
        WHERE t.locale = $1 AND t.slug = $2 AND t.status = 'published'`,
      [locale, slug],
    );
    return row ?? null;
  }

  private async article(req: Req, reply: FastifyReply) {
    const settings = await this.settings();
    const locale = this.locale(req);
    const article = locale && (await this.findArticle(locale, req.params.slug ?? ''));
    if (!locale || !article) return this.notFound(reply, settings, locale ?? settings.defaultLocale);
    const t = helpText(locale);
    const [others, category] = await Promise.all([
      this.db.query<{ locale: string; slug: string }>(
        `SELECT locale, slug FROM kb_translations WHERE article_id = $1 AND status = 'published' ORDER BY locale`,
        [article.article_id],
      ),
      article.category_id
        ? this.db.query<{ slug: string; names: Record<string, string> }>(
            `SELECT slug, names FROM kb_categories WHERE id = $1`,
            [article.category_id],
          )
        : Promise.resolve([]),
    ]);
    const origin = this.origin(req) ?? '';
    const crumbs: Array<{ label: string; href?: string }> = [{ label: t.home, href: `/help/${locale}` }];
    if (category[0]) {
      const c = category[0];
      crumbs.push({
        label: c.names[locale] ?? Object.values(c.names)[0] ?? c.slug,
        href: `/help/${locale}/categories/${c.slug}`,
      });
    }
    crumbs.push({ label: article.title });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(article.updated_at);
    const path = articlePath(locale, article.slug);
    const thanks = req.query.feedback === 'thanks';
    const body = `${breadcrumbs(t, crumbs)}
<article class="article">
<h1>${esc(article.title)}</h1>
<p class="meta"><time datetime="${article.updated_at.toISOString()}">${esc(t.updated.replace('{date}', date))}</time></p>
${article.body_html}
</article>
<section class="feedback" aria-live="polite">
${
  thanks
    ? `<p>${esc(t.thanks)}</p>`
    : `<form method="post" action="${esc(path)}/feedback"><fieldset><legend>${esc(t.helpfulQuestion)}</legend>
<button type="submit" name="helpful" value="yes">${esc(t.yes)}</button><button type="submit" name="helpful" value="no">${esc(t.no)}</button>
</fieldset></form>`
}
</section>`;
    return this.html(
      reply,
      page({
        settings,
        locale,
        title: article.title,
        description: article.body_text,
        canonical: origin ? `${origin}${path}` : null,
        alternates: others.map((o) => ({
          locale: o.locale,
          href: `${origin}${articlePath(o.locale, o.slug)}`,
        })),
        body,
      }),
    );
  }

  /** A form post (no script on the page): counts the vote and shows the article again with thanks. */
  private async feedback(req: Req, reply: FastifyReply) {
    const locale = this.locale(req);
    const article = locale && (await this.findArticle(locale, req.params.slug ?? ''));
    if (!locale || !article) return this.notFound(reply, await this.settings(), locale ?? 'en');
    const raw = req.body;
    const helpful =
      typeof raw === 'string'
        ? new URLSearchParams(raw).get('helpful')
        : ((raw as Record<string, unknown> | undefined)?.helpful as string | undefined);
    if (helpful !== 'yes' && helpful !== 'no')
      return reply
        .code(400)
        .header('content-type', 'text/plain; charset=utf-8')
        .send('helpful: must be yes or no');
    await this.db.query(
      `UPDATE kb_translations SET ${helpful === 'yes' ? 'helpful_yes = helpful_yes + 1' : 'helpful_no = helpful_no + 1'}
        WHERE article_id = $1 AND locale = $2`,
      [article.article_id, locale],
    );
    return reply
      .code(303)
      .header('location', `${articlePath(locale, article.slug)}?feedback=thanks`)
      .send();
  }

  private async search(req: Req, reply: FastifyReply) {
    const settings = await this.settings();
    const locale = this.locale(req);
    if (!locale) return this.notFound(reply, settings, settings.defaultLocale);
    const t = helpText(locale);
    const q = String(req.query.q ?? '')
      .trim()
      .slice(0, 200);
    const hits = q ? await searchArticles(this.db, locale, q, { limit: 20, match: 'any' }) : [];
    const body = `<h1>${esc(q ? t.resultsFor.replace('{q}', q) : t.searchLabel)}</h1>
${
  q
    ? articleList(
        hits.map((h) => ({ title: h.title, href: h.url, snippet: h.snippet })),
        t.noResults,
      )
    : `<p>${esc(t.emptySearch)}</p>`
}`;
    // Result pages are not indexed: the canonical points at the help center's home.
    const origin = this.origin(req);
    return this.html(
      reply,
      page({
        settings,
        locale,
        title: t.searchButton,
        canonical: origin && `${origin}/help/${locale}`,
        query: q,
        body,
      }),
    );
  }

  private async sitemap(req: Req, reply: FastifyReply) {
    const origin = this.origin(req) ?? '';
    const rows = await this.db.query<{ locale: string; slug: string; updated_at: Date }>(
      `SELECT locale, slug, updated_at FROM kb_translations WHERE status = 'published' ORDER BY locale, slug LIMIT 50000`,
    );
    const locales = [...new Set(rows.map((r) => r.locale))];
    const urls = [
      ...locales.map((l) => `<url><loc>${esc(`${origin}/help/${l}`)}</loc></url>`),
      ...rows.map(
        (r) =>
          `<url><loc>${esc(origin + articlePath(r.locale, r.slug))}</loc><lastmod>${r.updated_at.toISOString()}</lastmod></url>`,
      ),
    ];
    return reply
      .header('content-type', 'application/xml; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .send(
        `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`,
      );
  }
}
