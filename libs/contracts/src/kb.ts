import { z } from 'zod';

/**
 * Knowledge base: articles written in Markdown, each in one or more locales (translations of
 * one article), grouped in categories, draft or published. Agents read them; admins and
 * supervisors write them. Published translations appear in the public help center.
 */

export const KB_STATUSES = ['draft', 'published'] as const;
export type KbStatus = (typeof KB_STATUSES)[number];

/** A BCP 47 language tag as the help center's URLs use it: `en`, `de`, `pt-br`. */
export const KB_LOCALE = /^[a-z]{2}(?:-[a-z0-9]{2,8})?$/;

export const kbLocale = z
  .string()
  .trim()
  .toLowerCase()
  .regex(KB_LOCALE, 'must be a language tag such as en, de or pt-br');

const title = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const body = z.string().max(200_000, 'must be at most 200,000 characters');
const slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single hyphens')
  .max(120, 'must be at most 120 characters');

export const CreateKbArticleBody = z.strictObject({
  title,
  body,
  locale: kbLocale,
  categoryId: z.uuid().nullish(),
  status: z.enum(KB_STATUSES).default('draft'),
  slug: slug.optional(),
});
export type CreateKbArticleBody = z.infer<typeof CreateKbArticleBody>;

/** Changes one translation (the `locale` named, else the article's first) and, optionally, the category. */
export const PatchKbArticleBody = z.strictObject({
  locale: kbLocale.optional(),
  title: title.optional(),
  body: body.optional(),
  status: z.enum(KB_STATUSES).optional(),
  slug: slug.optional(),
  categoryId: z.uuid().nullish(),
});
export type PatchKbArticleBody = z.infer<typeof PatchKbArticleBody>;

/** Adds or replaces the article's translation in the locale of the URL. */
export const PutKbTranslationBody = z.strictObject({
  title,
  body,
  status: z.enum(KB_STATUSES).default('draft'),
  slug: slug.optional(),
});
export type PutKbTranslationBody = z.infer<typeof PutKbTranslationBody>;

const categoryName = z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters');
const categoryNames = z
  .record(kbLocale, categoryName)
  .refine((names) => Object.keys(names).length > 0, 'must name the category in at least one locale');

export const CreateKbCategoryBody = z.strictObject({
  slug,
  names: categoryNames,
  position: z.number().int().min(0).max(10_000).default(0),
});
export type CreateKbCategoryBody = z.infer<typeof CreateKbCategoryBody>;

export const PatchKbCategoryBody = z.strictObject({
  slug: slug.optional(),
  names: categoryNames.optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type PatchKbCategoryBody = z.infer<typeof PatchKbCategoryBody>;

export const KbArticleListQuery = z.strictObject({
  locale: kbLocale.optional(),
  status: z.enum(KB_STATUSES).optional(),
  categoryId: z.uuid().optional(),
  q: z.string().trim().max(200).optional(),
});

export interface KbTranslationView {
  locale: string;
  title: string;
  slug: string;
  body: string;
  /** The body rendered from Markdown and sanitized: what the help center shows. */
  html: string;
  status: KbStatus;
  url: string;
  publishedAt: string | null;
  updatedAt: string;
  updatedBy: { id: string; name: string } | null;
  helpful: { yes: number; no: number };
}

export interface KbArticleView {
  id: string;
  categoryId: string | null;
  author: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
  translations: KbTranslationView[];
}

export interface KbArticleSummary {
  id: string;
  categoryId: string | null;
  locale: string;
  title: string;
  slug: string;
  status: KbStatus;
  url: string;
  updatedAt: string;
  locales: string[];
}

export interface KbRevisionView {
  id: string;
  locale: string;
  title: string;
  status: KbStatus;
  editor: { id: string; name: string } | null;
  createdAt: string;
}

export interface KbCategoryView {
  id: string;
  slug: string;
  position: number;
  names: Record<string, string>;
}

/** One hit of the public search: enough for a suggestion list. */
export interface KbSearchHit {
  id: string;
  locale: string;
  title: string;
  snippet: string;
  url: string;
}

/** Self-service events a widget reports: suggestions it showed, an article the visitor opened. */
export const KbWidgetEventBody = z.strictObject({
  accountId: z.uuid(),
  token: z.string().min(1).max(200),
  type: z.enum(['shown', 'opened']),
  articleIds: z.array(z.uuid()).min(1).max(20),
});
export type KbWidgetEventBody = z.infer<typeof KbWidgetEventBody>;

export const KbFeedbackBody = z.strictObject({ helpful: z.boolean() });

export interface KbDeflectionView {
  since: string;
  suggestionsShown: number;
  articlesOpened: number;
  /** Visitors who opened an article and did not start a conversation afterwards. */
  deflected: number;
  /** Visitors who opened an article and then started a conversation. */
  escalated: number;
}

export const KbSettingsPatch = z.strictObject({
  name: z.string().trim().min(1).max(80).optional(),
  primaryColor: z
    .string()
    .regex(/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i, 'must be a hex colour such as #2f6fed')
    .optional(),
  contactUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullish(),
  contactEmail: z.email().max(200).nullish(),
  defaultLocale: kbLocale.optional(),
});
export type KbSettingsPatch = z.infer<typeof KbSettingsPatch>;

export interface KbSettingsView {
  name: string;
  primaryColor: string;
  contactUrl: string | null;
  contactEmail: string | null;
  defaultLocale: string;
}
