import { z } from 'zod';
import { isLanguageTag } from './contacts.js';

/** `PUT /api/admin/settings/search-language`: the workspace language search stems and folds words in. */
export const SearchLanguageBody = z.strictObject({
  language: z
    .string('must be a language tag such as en or de')
    .trim()
    .refine(isLanguageTag, 'must be a language tag such as en or pt-BR'),
});
export type SearchLanguageBody = z.infer<typeof SearchLanguageBody>;

export const SearchLanguageView = z.object({
  language: z.string(),
  /** The PostgreSQL text search configuration: a stemmer for the language, or plain words. */
  configuration: z.string(),
  /** Whether the language has a stemmer; without one, words are matched as written (accents folded). */
  stemmed: z.boolean(),
  /** While true, older text is still being re-indexed in the new language. */
  reindexing: z.boolean(),
});
export type SearchLanguageView = z.infer<typeof SearchLanguageView>;
