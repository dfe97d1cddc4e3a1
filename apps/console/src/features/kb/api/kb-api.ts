import type {
  CreateKbArticleBody,
  KbArticleSummary,
  KbArticleView,
  KbDeflectionView,
  PutKbTranslationBody,
} from '@switchboard/contracts';
import { api } from '../../../lib/api-client';

const article = (id: string) => `/api/kb/articles/${encodeURIComponent(id)}`;

/** One row per translation; `q` matches titles, `status` narrows to drafts or published ones. */
export async function fetchKbArticles(params: { q?: string; status?: 'draft' | 'published' } = {}) {
  const query = new URLSearchParams();
  if (params.q) query.set('q', params.q);
  if (params.status) query.set('status', params.status);
  const qs = query.toString();
  return (await api.get<{ items: KbArticleSummary[] }>(`/api/kb/articles${qs ? `?${qs}` : ''}`)).items;
}

export function fetchKbArticle(id: string): Promise<KbArticleView> {
  return api.get<KbArticleView>(article(id));
}

export function createKbArticle(body: CreateKbArticleBody): Promise<KbArticleView> {
  return api.post<KbArticleView>('/api/kb/articles', body);
}

/** Adds or replaces the translation in `locale`. */
export function saveKbTranslation(
  id: string,
  locale: string,
  body: PutKbTranslationBody,
): Promise<KbArticleView> {
  return api.put<KbArticleView>(`${article(id)}/translations/${encodeURIComponent(locale)}`, body);
}

export function fetchKbDeflection(): Promise<KbDeflectionView> {
  return api.get<KbDeflectionView>('/api/kb/deflection');
}
