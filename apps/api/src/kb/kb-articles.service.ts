import { Injectable } from '@nestjs/common';
import type {
  CreateKbArticleBody,
  KbArticleSummary,
  KbArticleView,
  KbRevisionView,
  KbStatus,
  KbTranslationView,
  PatchKbArticleBody,
  PutKbTranslationBody,
} from '@switchboard/contracts';
import { conflict, invalid, notFound } from '@switchboard/domain';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { Db, type Sql } from '../common/db.js';
import { isUuid } from '../common/validation.js';
import { searchConfigFor } from './kb-locales.js';
import { articleText, renderArticle, slugify } from './kb-markdown.js';

interface TranslationRow {
  article_id: string;
  category_id: string | null;
  locale: string;
  title: string;
  slug: string;
  body: string;
  body_html: string;
  status: KbStatus;
  published_at: Date | null;
  updated_at: Date;
  updated_by: string | null;
  updated_by_name: string | null;
  helpful_yes: number;
  helpful_no: number;
}

/** Where a translation lives in the help center. */
export const articlePath = (locale: string, slug: string) => `/help/${locale}/articles/${slug}`;

const who = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

const toTranslation = (r: TranslationRow): KbTranslationView => ({
  locale: r.locale,
  title: r.title,
  slug: r.slug,
  body: r.body,
  html: r.body_html,
  status: r.status,
  url: articlePath(r.locale, r.slug),
  publishedAt: r.published_at?.toISOString() ?? null,
  updatedAt: r.updated_at.toISOString(),
  updatedBy: who(r.updated_by, r.updated_by_name),
  helpful: { yes: r.helpful_yes, no: r.helpful_no },
});

const TRANSLATION_COLUMNS = `t.article_id, a.category_id, t.locale, t.title, t.slug, t.body, t.body_html, t.status,
  t.published_at, t.updated_at, t.updated_by, u.name AS updated_by_name, t.helpful_yes, t.helpful_no`;

/**
 * Articles and their translations. Every write renders the Markdown once (sanitized HTML and
 * plain words for the search vector) and appends a revision, which is the update history.
 */
@Injectable()
export class KbArticlesService {
  constructor(private readonly db: Db) {}

  async list(query: {
    locale?: string;
    status?: KbStatus;
    categoryId?: string;
    q?: string;
  }): Promise<{ items: KbArticleSummary[] }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      params.push(value);
      where.push(clause.replace('?', `$${params.length}`));
    };
    if (query.locale) add('t.locale = ?', query.locale);
    if (query.status) add('t.status = ?', query.status);
    if (query.categoryId) add('a.category_id = ?', query.categoryId);
    if (query.q)
      add(
        `t.title ILIKE '%' || ? || '%'`,
        query.q.replace(/[\\%_]/g, (c) => `\\${c}`),
      );
    const rows = await this.db.query<TranslationRow & { locales: string[] }>(
      `SELECT ${TRANSLATION_COLUMNS},
              (SELECT array_agg(o.locale ORDER BY o.locale) FROM kb_translations o WHERE o.article_id = t.article_id) AS locales
         FROM kb_translations t JOIN kb_articles a ON a.id = t.article_id LEFT JOIN users u ON u.id = t.updated_by
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY t.updated_at DESC, t.article_id, t.locale
        LIMIT 500`,
      params,
    );
    return {
      items: rows.map((r) => ({
        id: r.article_id,
        categoryId: r.category_id,
        locale: r.locale,
        title: r.title,
        slug: r.slug,
        status: r.status,
        url: articlePath(r.locale, r.slug),
        updatedAt: r.updated_at.toISOString(),
        locales: r.locales,
      })),
    };
  }

  async get(id: string, sql: Sql = this.db): Promise<KbArticleView> {
    if (!isUuid(id)) throw notFound('article not found');
    const [article] = await sql.query<{
      id: string;
      category_id: string | null;
      author_id: string | null;
      author_name: string | null;
      created_at: Date;
      updated_at: Date;
    }>(
      `SELECT a.*, u.name AS author_name FROM kb_articles a LEFT JOIN users u ON u.id = a.author_id WHERE a.id = $1`,
      [id],
    );
    if (!article) throw notFound('article not found');
    const rows = await sql.query<TranslationRow>(
      `SELECT ${TRANSLATION_COLUMNS}
         FROM kb_translations t JOIN kb_articles a ON a.id = t.article_id LEFT JOIN users u ON u.id = t.updated_by
        WHERE t.article_id = $1 ORDER BY t.created_at, t.locale`,
      [id],
    );
    return {
      id: article.id,
      categoryId: article.category_id,
      author: who(article.author_id, article.author_name),
      createdAt: article.created_at.toISOString(),
      updatedAt: article.updated_at.toISOString(),
      translations: rows.map(toTranslation),
    };
  }

  async create(viewer: AuthenticatedViewer, input: CreateKbArticleBody): Promise<KbArticleView> {
    return this.db.tx(async (sql) => {
      await this.checkCategory(sql, input.categoryId ?? null);
      const [article] = await sql.query<{ id: string }>(
        `INSERT INTO kb_articles (category_id, author_id) VALUES ($1, $2) RETURNING id`,
        [input.categoryId ?? null, viewer.userId],
      );
      await this.writeTranslation(sql, viewer, article.id, input.locale, input);
      return this.get(article.id, sql);
    });
  }

  async patch(viewer: AuthenticatedViewer, id: string, input: PatchKbArticleBody): Promise<KbArticleView> {
    return this.db.tx(async (sql) => {
      const article = await this.lock(sql, id);
      if (input.categoryId !== undefined) {
        await this.checkCategory(sql, input.categoryId);
        await sql.query(`UPDATE kb_articles SET category_id = $2, updated_at = now() WHERE id = $1`, [
          id,
          input.categoryId,
        ]);
      }
      const changesText = ['title', 'body', 'status', 'slug'].some(
        (k) => input[k as keyof PatchKbArticleBody] !== undefined,
      );
      if (changesText) {
        const [current] = await sql.query<{
          locale: string;
          title: string;
          body: string;
          status: KbStatus;
          slug: string;
        }>(
          input.locale
            ? `SELECT locale, title, body, status, slug FROM kb_translations WHERE article_id = $1 AND locale = $2`
            : `SELECT locale, title, body, status, slug FROM kb_translations WHERE article_id = $1 ORDER BY created_at LIMIT 1`,
          input.locale ? [article, input.locale] : [article],
        );
        if (!current)
          throw notFound(`locale: the article has no ${input.locale} translation; PUT it to add one`);
        await this.writeTranslation(sql, viewer, article, current.locale, {
          title: input.title ?? current.title,
          body: input.body ?? current.body,
          status: input.status ?? current.status,
          slug: input.slug ?? current.slug,
        });
      }
      return this.get(id, sql);
    });
  }

  async putTranslation(
    viewer: AuthenticatedViewer,
    id: string,
    locale: string,
    input: PutKbTranslationBody,
  ): Promise<KbArticleView> {
    return this.db.tx(async (sql) => {
      await this.lock(sql, id);
      await this.writeTranslation(sql, viewer, id, locale, input);
      return this.get(id, sql);
    });
  }

  async removeTranslation(id: string, locale: string): Promise<void> {
    await this.db.tx(async (sql) => {
      await this.lock(sql, id);
      const [{ n }] = await sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM kb_translations WHERE article_id = $1`,
        [id],
      );
      const removed = await sql.query(
        `DELETE FROM kb_translations WHERE article_id = $1 AND locale = $2 RETURNING 1`,
        [id, locale],
      );
      if (!removed.length) throw notFound(`locale: the article has no ${locale} translation`);
      if (n === 1) await sql.query(`DELETE FROM kb_articles WHERE id = $1`, [id]);
    });
  }

  async remove(id: string): Promise<void> {
    if (!isUuid(id)) throw notFound('article not found');
    const rows = await this.db.query(`DELETE FROM kb_articles WHERE id = $1 RETURNING id`, [id]);
    if (!rows.length) throw notFound('article not found');
  }

  async history(id: string): Promise<{ items: KbRevisionView[] }> {
    await this.get(id);
    const rows = await this.db.query<{
      id: string;
      locale: string;
      title: string;
      status: KbStatus;
      editor_id: string | null;
      editor_name: string | null;
      created_at: Date;
    }>(
      `SELECT r.id, r.locale, r.title, r.status, r.editor_id, u.name AS editor_name, r.created_at
         FROM kb_revisions r LEFT JOIN users u ON u.id = r.editor_id
        WHERE r.article_id = $1 ORDER BY r.created_at DESC, r.id LIMIT 200`,
      [id],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        locale: r.locale,
        title: r.title,
        status: r.status,
        editor: who(r.editor_id, r.editor_name),
        createdAt: r.created_at.toISOString(),
      })),
    };
  }

  private async lock(sql: Sql, id: string): Promise<string> {
    if (!isUuid(id)) throw notFound('article not found');
    const [row] = await sql.query<{ id: string }>(`SELECT id FROM kb_articles WHERE id = $1 FOR UPDATE`, [
      id,
    ]);
    if (!row) throw notFound('article not found');
    return row.id;
  }

  private async checkCategory(sql: Sql, categoryId: string | null): Promise<void> {
    if (!categoryId) return;
    const [row] = await sql.query(`SELECT 1 FROM kb_categories WHERE id = $1`, [categoryId]);
    if (!row) throw invalid('categoryId: no such category');
  }

  /** Inserts or replaces one translation, renders it, and records the revision. */
  private async writeTranslation(
    sql: Sql,
    viewer: AuthenticatedViewer,
    articleId: string,
    locale: string,
    input: { title: string; body: string; status: KbStatus; slug?: string },
  ): Promise<void> {
    const html = renderArticle(input.body);
    const slug = await this.freeSlug(sql, articleId, locale, input.slug, input.title);
    await sql.query(
      `INSERT INTO kb_translations
         (article_id, locale, title, slug, body, body_html, body_text, status, search_config, updated_by, published_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::regconfig, $10, CASE WHEN $8 = 'published' THEN now() END)
       ON CONFLICT (article_id, locale) DO UPDATE SET
         title = EXCLUDED.title, slug = EXCLUDED.slug, body = EXCLUDED.body, body_html = EXCLUDED.body_html,
         body_text = EXCLUDED.body_text, status = EXCLUDED.status, updated_by = EXCLUDED.updated_by, updated_at = now(),
         published_at = CASE WHEN EXCLUDED.status = 'published' THEN coalesce(kb_translations.published_at, now()) END`,
      [
        articleId,
        locale,
        input.title,
        slug,
        input.body,
        html,
        articleText(html),
        input.status,
        searchConfigFor(locale),
        viewer.userId,
      ],
    );
    await sql.query(`UPDATE kb_articles SET updated_at = now() WHERE id = $1`, [articleId]);
    await sql.query(
      `INSERT INTO kb_revisions (article_id, locale, title, body, status, editor_id) VALUES ($1, $2, $3, $4, $5, $6)`,
      [articleId, locale, input.title, input.body, input.status, viewer.userId],
    );
  }

  /**
   * A slug the locale does not use yet: the one asked for (409 when another article has it),
   * else the translation's current one, else one from the title with a short suffix if taken.
   */
  private async freeSlug(
    sql: Sql,
    articleId: string,
    locale: string,
    wanted: string | undefined,
    title: string,
  ): Promise<string> {
    const holder = async (slug: string) =>
      (
        await sql.query<{ article_id: string }>(
          `SELECT article_id FROM kb_translations WHERE locale = $1 AND slug = $2`,
          [locale, slug],
        )
      )[0]?.article_id;
    if (wanted) {
      const owner = await holder(wanted);
      if (owner && owner !== articleId) throw conflict(`slug: another ${locale} article uses "${wanted}"`);
      return wanted;
    }
    const [current] = await sql.query<{ slug: string }>(
      `SELECT slug FROM kb_translations WHERE article_id = $1 AND locale = $2`,
      [articleId, locale],
    );
    if (current) return current.slug;
    const base = slugify(title);
    const owner = await holder(base);
    return owner && owner !== articleId ? `${base}-${articleId.slice(0, 8)}` : base;
  }
}
