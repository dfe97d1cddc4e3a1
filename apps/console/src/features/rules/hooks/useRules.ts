import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PatchRuleBody, RuleConditions } from '@switchboard/contracts';
import { queryKeys } from '../../../lib/query-keys';
import {
  createRule,
  deleteRule,
  fetchRuleRuns,
  fetchRules,
  previewRule,
  updateRule,
  type RuleDraft,
} from '../api/rules-api';

export function useRules() {
  return useQuery({ queryKey: queryKeys.rules(), queryFn: fetchRules, retry: false });
}

/** A rule's run log, read when it is opened and again every few seconds while it stays open. */
export function useRuleRuns(id: string) {
  return useQuery({
    queryKey: queryKeys.ruleRuns(id),
    queryFn: () => fetchRuleRuns(id),
    retry: false,
    refetchInterval: 5000,
  });
}

export function useRuleMutations() {
  const queryClient = useQueryClient();
  const onSuccess = () => void queryClient.invalidateQueries({ queryKey: queryKeys.rules() });
  return {
    create: useMutation({ mutationFn: (body: RuleDraft) => createRule(body), onSuccess }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: PatchRuleBody }) => updateRule(id, body),
      onSuccess,
    }),
    remove: useMutation({ mutationFn: (id: string) => deleteRule(id), onSuccess }),
  };
}

export function useRulePreview() {
  return useMutation({ mutationFn: (conditions: RuleConditions) => previewRule(conditions) });
}
