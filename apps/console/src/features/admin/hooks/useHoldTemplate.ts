import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { HoldTemplateView } from '@switchboard/contracts';
import { queryKeys } from '../../../lib/query-keys';
import { resetHoldTemplate, saveHoldTemplate } from '../api/admin-api';

/** Admins write the hold template; every hold form reads it (`useHoldTemplate` in features/hold). */
export function useSaveHoldTemplate() {
  const queryClient = useQueryClient();
  const onSuccess = (view: HoldTemplateView) => queryClient.setQueryData(queryKeys.holdTemplate(), view);
  return {
    save: useMutation({ mutationFn: (template: string) => saveHoldTemplate(template), onSuccess }),
    reset: useMutation({ mutationFn: () => resetHoldTemplate(), onSuccess }),
  };
}
