import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SearchLanguageView } from '@switchboard/contracts';
import { api } from '../../../lib/api-client';
import { endpoints } from '../../../lib/endpoints';
import { queryKeys } from '../../../lib/query-keys';

/** The workspace language of search; asked again every few seconds while older text is re-indexed. */
export function useSearchLanguage() {
  return useQuery({
    queryKey: queryKeys.searchLanguage(),
    queryFn: () => api.get<SearchLanguageView>(endpoints.adminSearchLanguage),
    refetchInterval: (query) => (query.state.data?.reindexing ? 3_000 : false),
  });
}

export function useSaveSearchLanguage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (language: string) =>
      api.put<SearchLanguageView>(endpoints.adminSearchLanguage, { language }),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.searchLanguage(), saved),
  });
}
