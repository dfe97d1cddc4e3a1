import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateKbArticleBody, PutKbTranslationBody } from '@switchboard/contracts';
import { queryKeys } from '../../../lib/query-keys';
import {
  createKbArticle,
  fetchKbArticle,
  fetchKbArticles,
  fetchKbDeflection,
  saveKbTranslation,
} from '../api/kb-api';

export function useKbArticles(q = '', status?: 'draft' | 'published') {
  return useQuery({
    queryKey: queryKeys.kbArticles(q, status ?? ''),
    queryFn: () => fetchKbArticles({ q, status }),
    retry: false,
  });
}

export function useKbArticle(id: string | null) {
  return useQuery({
    queryKey: queryKeys.kbArticle(id ?? ''),
    queryFn: () => fetchKbArticle(id!),
    enabled: !!id,
    retry: false,
  });
}

export function useKbDeflection(enabled: boolean) {
  return useQuery({ queryKey: queryKeys.kbDeflection(), queryFn: fetchKbDeflection, enabled, retry: false });
}

export function useKbMutations() {
  const queryClient = useQueryClient();
  const onSuccess = () => void queryClient.invalidateQueries({ queryKey: ['kb'] });
  return {
    create: useMutation({ mutationFn: (body: CreateKbArticleBody) => createKbArticle(body), onSuccess }),
    save: useMutation({
      mutationFn: ({ id, locale, body }: { id: string; locale: string; body: PutKbTranslationBody }) =>
        saveKbTranslation(id, locale, body),
      onSuccess,
    }),
  };
}
