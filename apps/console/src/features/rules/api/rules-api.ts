import type {
  CreateRuleBody,
  PatchRuleBody,
  RuleConditions,
  RulePreviewView,
  RuleRunView,
  RuleView,
} from '@switchboard/contracts';
import { api } from '../../../lib/api-client';

const RULES = '/api/admin/rules';
const rule = (id: string) => `${RULES}/${encodeURIComponent(id)}`;

export async function fetchRules(): Promise<RuleView[]> {
  return (await api.get<{ items: RuleView[] }>(RULES)).items;
}

/** The body as the editor builds it; the server fills its defaults and checks it as a whole. */
export type RuleDraft = Omit<CreateRuleBody, 'order' | 'active' | 'conditions'> & {
  conditions: RuleConditions;
  order?: number;
  active?: boolean;
};

export function createRule(body: RuleDraft): Promise<RuleView> {
  return api.post<RuleView>(RULES, body);
}

export function updateRule(id: string, body: PatchRuleBody): Promise<RuleView> {
  return api.patch<RuleView>(rule(id), body);
}

export function deleteRule(id: string): Promise<void> {
  return api.delete<void>(rule(id));
}

export async function fetchRuleRuns(id: string): Promise<RuleRunView[]> {
  return (await api.get<{ items: RuleRunView[] }>(`${rule(id)}/runs`)).items;
}

export function previewRule(conditions: RuleConditions): Promise<RulePreviewView> {
  return api.post<RulePreviewView>(`${RULES}/preview`, { conditions });
}
