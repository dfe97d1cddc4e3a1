import * as c from '@switchboard/contracts';
import { z } from 'zod';
import type { ApiRoute } from './api-routes.js';

/** Knowledge base (console) and its public side (help center search, widget self-service events). */
const Person = z.object({ id: z.uuid(), name: z.string() }).nullable();
const Translation = z.object({
  locale: z.string(),
  title: z.string(),
  slug: z.string(),
  body: z.string().describe('Markdown as written'),
  html: z.string().describe('The body rendered and sanitized, as the help center shows it'),
  status: z.enum(c.KB_STATUSES),
  url: z.string().describe('Path of the article in the help center'),
  publishedAt: z.iso.datetime().nullable(),
  updatedAt: z.iso.datetime(),
  updatedBy: Person,
  helpful: z.object({ yes: z.number(), no: z.number() }),
});
const Article = z.object({
  id: z.uuid(),
  categoryId: z.uuid().nullable(),
  author: Person,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  translations: z.array(Translation),
});
const ArticleSummary = z.object({
  id: z.uuid(),
  categoryId: z.uuid().nullable(),
  locale: z.string(),
  title: z.string(),
  slug: z.string(),
  status: z.enum(c.KB_STATUSES),
  url: z.string(),
  updatedAt: z.iso.datetime(),
  locales: z.array(z.string()),
});
const Revision = z.object({
  id: z.uuid(),
  locale: z.string(),
  title: z.string(),
  status: z.enum(c.KB_STATUSES),
  editor: Person,
  createdAt: z.iso.datetime(),
});
const Category = z.object({
  id: z.uuid(),
  slug: z.string(),
  position: z.number(),
  names: z.record(z.string(), z.string()),
});
const Settings = z.object({
  name: z.string(),
  primaryColor: z.string(),
  contactUrl: z.string().nullable(),
  contactEmail: z.string().nullable(),
  defaultLocale: z.string(),
});
const Deflection = z.object({
  since: z.iso.datetime(),
  suggestionsShown: z.number(),
  articlesOpened: z.number(),
  deflected: z.number().describe('Visitors who opened an article and started no conversation afterwards'),
  escalated: z.number().describe('Visitors who opened an article and then started a conversation'),
});
const Hit = z.object({
  id: z.uuid(),
  locale: z.string(),
  title: z.string(),
  snippet: z.string(),
  url: z.string(),
});
const SearchQuery = z.object({
  q: z.string().max(200),
  locale: z.string().describe('Language tag: en, de, pt-br'),
  limit: z.number().int().min(1).max(20).optional(),
});

const kb = { tag: 'knowledge-base', auth: 'bearer' } as const;
const editors = ' (admins and supervisors)';

export const KB_ROUTES: ApiRoute[] = [
  {
    ...kb,
    method: 'get',
    path: '/api/kb/articles',
    summary: 'Articles, one row per translation, newest change first (any agent)',
    query: c.KbArticleListQuery,
    reply: { status: 200, json: z.object({ items: z.array(ArticleSummary) }) },
  },
  {
    ...kb,
    method: 'post',
    path: '/api/kb/articles',
    summary: `Write an article in one locale; Markdown, rendered and sanitized on save${editors}`,
    body: c.CreateKbArticleBody,
    reply: { status: 201, json: Article },
  },
  {
    ...kb,
    method: 'get',
    path: '/api/kb/articles/{id}',
    summary: 'An article with all its translations (any agent)',
    reply: { status: 200, json: Article },
  },
  {
    ...kb,
    method: 'patch',
    path: '/api/kb/articles/{id}',
    summary: `Change one translation (title, body, status, slug) or the category${editors}`,
    body: c.PatchKbArticleBody,
    reply: { status: 200, json: Article },
  },
  {
    ...kb,
    method: 'delete',
    path: '/api/kb/articles/{id}',
    summary: `Delete an article and its translations${editors}`,
    reply: { status: 204 },
  },
  {
    ...kb,
    method: 'put',
    path: '/api/kb/articles/{id}/translations/{locale}',
    summary: `Add or replace the article's translation in a locale${editors}`,
    body: c.PutKbTranslationBody,
    reply: { status: 200, json: Article },
  },
  {
    ...kb,
    method: 'delete',
    path: '/api/kb/articles/{id}/translations/{locale}',
    summary: `Remove one translation (the last one removes the article)${editors}`,
    reply: { status: 204 },
  },
  {
    ...kb,
    method: 'get',
    path: '/api/kb/articles/{id}/history',
    summary: 'Every saved version of the article: locale, title, status, editor, time (any agent)',
    reply: { status: 200, json: z.object({ items: z.array(Revision) }) },
  },
  {
    ...kb,
    method: 'get',
    path: '/api/kb/categories',
    summary: 'Categories in display order, named per locale (any agent)',
    reply: { status: 200, json: z.object({ items: z.array(Category) }) },
  },
  {
    ...kb,
    method: 'post',
    path: '/api/kb/categories',
    summary: `Create a category; 409 for a slug in use${editors}`,
    body: c.CreateKbCategoryBody,
    reply: { status: 201, json: Category },
  },
  {
    ...kb,
    method: 'get',
    path: '/api/kb/categories/{id}',
    summary: 'One category (any agent)',
    reply: { status: 200, json: Category },
  },
  {
    ...kb,
    method: 'patch',
    path: '/api/kb/categories/{id}',
    summary: `Rename, reorder or change the slug of a category${editors}`,
    body: c.PatchKbCategoryBody,
    reply: { status: 200, json: Category },
  },
  {
    ...kb,
    method: 'delete',
    path: '/api/kb/categories/{id}',
    summary: `Delete a category; its articles stay, without one${editors}`,
    reply: { status: 204 },
  },
  {
    ...kb,
    method: 'get',
    path: '/api/kb/settings',
    summary: "The help center's name, colour, contact link and default language (any agent)",
    reply: { status: 200, json: Settings },
  },
  {
    ...kb,
    method: 'patch',
    path: '/api/kb/settings',
    summary: 'Change the help center settings (admins)',
    body: c.KbSettingsPatch,
    reply: { status: 200, json: Settings },
  },
  {
    ...kb,
    method: 'get',
    path: '/api/kb/deflection',
    summary: `Self-service in the widget over the last \`days\` (default 30): suggestions shown, articles opened, visitors deflected${editors}`,
    query: z.object({ days: z.number().int().min(1).max(366).optional() }),
    reply: { status: 200, json: Deflection },
  },
  {
    method: 'get',
    path: '/api/public/kb/search',
    tag: 'knowledge-base',
    auth: 'none',
    summary:
      'Full-text search of published articles in one locale, in that language (for the widget and other sites)',
    query: SearchQuery,
    reply: { status: 200, json: z.object({ items: z.array(Hit) }) },
  },
  {
    method: 'post',
    path: '/api/public/kb/events',
    tag: 'knowledge-base',
    auth: 'none',
    summary: "The widget reports suggestions shown or an article opened, with the visitor's widget token",
    body: c.KbWidgetEventBody,
    reply: { status: 200, json: z.object({ recorded: z.number() }) },
  },
];
